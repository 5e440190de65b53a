package campfire.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.CableClient;
import campfire.support.Fixtures;
import campfire.support.RedisServers;
import campfire.support.TestServer;
import campfire.support.WebClient;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Two instances, A and B, sharing one Redis (with a prefix of their own) and one SECRET_KEY_BASE,
 * with Alice the admin and Bob the member signed in on each.
 */
final class TwoInstances implements AutoCloseable {
  /**
   * What the instances share as their database. Empty: each has its own SQLite file, set up the
   * same way so ids match. For a shared PostgreSQL, put its DATABASE_URL here: people are then
   * made once on A and sign in on B.
   */
  static final Map<String, String> DATABASE = Map.of();

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
    Map<String, String> env = new HashMap<>(DATABASE);
    env.put("SECRET_KEY_BASE", UUID.randomUUID() + "-" + UUID.randomUUID());
    env.put("REDIS_URL", redisUrl);
    env.put("REDIS_PREFIX", RedisServers.uniquePrefix());
    env.putAll(extraEnv);
    a = TestServer.start(env);
    b = TestServer.start(env);
    aliceOnA = Fixtures.admin(a);
    bobOnA = Fixtures.member(a, "Bob Member", "bob@example.com");
    if (DATABASE.isEmpty()) {
      aliceOnB = Fixtures.admin(b);
      bobOnB = Fixtures.member(b, "Bob Member", "bob@example.com");
    } else {
      aliceOnB = Fixtures.signIn(b, "alice@example.com");
      bobOnB = Fixtures.signIn(b, "bob@example.com");
    }
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
      b.close();
    }
  }
}
