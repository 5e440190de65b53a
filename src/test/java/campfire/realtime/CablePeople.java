package campfire.realtime;

import campfire.db.Database;
import campfire.support.CableClient;
import campfire.support.Fixtures;
import campfire.support.TestServer;
import campfire.support.WebClient;
import java.util.Map;

/** Alice the admin and Bob the member on one server, with the rooms the cable tests need. */
final class CablePeople implements AutoCloseable {
  final TestServer server;
  final WebClient alice;
  final WebClient bob;
  final long aliceId;
  final long bobId;
  final long allTalk;

  CablePeople() {
    server = TestServer.start();
    alice = Fixtures.admin(server);
    bob = Fixtures.member(server, "Bob Member", "bob@example.com");
    aliceId = server.count("SELECT id FROM users WHERE email_address = 'alice@example.com'");
    bobId = server.count("SELECT id FROM users WHERE email_address = 'bob@example.com'");
    allTalk = server.count("SELECT id FROM rooms WHERE name = 'All Talk'");
  }

  CableClient cable(WebClient person) {
    CableClient client = CableClient.connect(server, person.cookie("session_token"));
    client.await(f -> f.path("type").asText().equals("welcome"), CableClient.WAIT);
    return client;
  }

  /** A closed room made directly in the database, with exactly these members. */
  long room(String name, long... memberIds) {
    return server.app().database().write(h -> {
      long now = Database.now(h);
      long roomId = h.createUpdate("INSERT INTO rooms (name, type, creator_id, created_at, updated_at) VALUES (?, 'closed', ?, ?, ?)")
          .bind(0, name).bind(1, aliceId).bind(2, now).bind(3, now)
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      for (long member : memberIds) {
        h.execute("INSERT INTO memberships (room_id, user_id, created_at) VALUES (?, ?, ?)", roomId, member, now);
      }
      return roomId;
    });
  }

  String roomMessages(long roomId) {
    return CableClient.identifier(Map.of("channel", "RoomMessagesChannel",
        "signed_stream_name", server.app().streamNames().sign(Streams.roomMessages(roomId))));
  }

  String turboStream(String stream) {
    return CableClient.identifier(Map.of("channel", "Turbo::StreamsChannel",
        "signed_stream_name", server.app().streamNames().sign(stream)));
  }

  static String withRoom(String channel, long roomId) {
    return CableClient.identifier(Map.of("channel", channel, "room_id", roomId));
  }

  static String channel(String channel) {
    return CableClient.identifier(Map.of("channel", channel));
  }

  /** Retries the assertion for up to ten seconds (for effects of a socket closing, which have no reply). */
  static void eventually(Runnable assertion) {
    org.awaitility.Awaitility.await().atMost(CableClient.WAIT).pollInterval(java.time.Duration.ofMillis(20)).untilAsserted(assertion::run);
  }

  InProcessBroadcaster broadcaster() { return server.app().localBroadcaster(); }

  @Override
  public void close() { server.close(); }
}
