package campfire.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.CableClient;
import campfire.support.Fixtures;
import campfire.support.RedisServers;
import campfire.support.TestPostgres;
import campfire.support.TestServer;
import campfire.support.WebClient;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Two instances, A and B, on two ports, sharing one PostgreSQL database, one Redis (with a prefix
 * of their own) and one SECRET_KEY_BASE, as behind a load balancer: Alice the admin and Bob the
 * member are made once on A and sign in on each.
 */
final class TwoInstances implements AutoCloseable {
  final String database;
  final TestServer a;
  final TestServer b;
  final WebClient aliceOnA;
  final WebClient bobOnA;
  final WebClient aliceOnB;
  final WebClient bobOnB;
  final long aliceId;
  final long bobId;
  final long allTalk;

  TwoInstances(String redisUrl) { this(redisUrl, Map.of()); }

  TwoInstances(String redisUrl, Map<String, String> extraEnv) {
    database = TestPostgres.createDatabase();
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", TestPostgres.url(database));
    env.put("SECRET_KEY_BASE", UUID.randomUUID() + "-" + UUID.randomUUID());
    env.put("REDIS_URL", redisUrl);
    env.put("REDIS_PREFIX", RedisServers.uniquePrefix());
    env.putAll(extraEnv);
    a = TestServer.start(env);
    b = TestServer.start(env);
    aliceOnA = Fixtures.admin(a);
    bobOnA = Fixtures.member(a, "Bob Member", "bob@example.com");
    aliceOnB = Fixtures.signIn(b, "alice@example.com");
    bobOnB = Fixtures.signIn(b, "bob@example.com");
    aliceId = Fixtures.userId(a, "alice@example.com");
    bobId = Fixtures.userId(a, "bob@example.com");
    allTalk = Fixtures.allTalk(a);
    assertThat(new long[] {Fixtures.userId(b, "alice@example.com"), Fixtures.userId(b, "bob@example.com"), Fixtures.allTalk(b)})
        .as("both instances must know the same people and rooms by the same ids").containsExactly(aliceId, bobId, allTalk);
  }

  static CableClient cable(TestServer server, WebClient person) {
    CableClient client = CableClient.connect(server, person.cookie("session_token"));
    client.await(f -> f.path("type").asText().equals("welcome"), CableClient.WAIT);
    return client;
  }

  /** RoomMessagesChannel's identifier, signed by the given instance (the same on both). */
  static String roomMessages(TestServer server, long roomId) {
    return CableClient.identifier(Map.of("channel", "RoomMessagesChannel",
        "signed_stream_name", server.app().streamNames().sign(Streams.roomMessages(roomId))));
  }

  @Override
  public void close() {
    try {
      a.close();
    } finally {
      try {
        b.close();
      } finally {
        TestPostgres.dropDatabase(database);
      }
    }
  }
}
