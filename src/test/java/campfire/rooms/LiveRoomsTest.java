package campfire.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.realtime.Streams;
import campfire.support.CableClient;
import campfire.support.Fixtures;
import campfire.support.TestServer;
import campfire.support.WebClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Room changes reach the cable: posts, sidebars and removals, through the real HTTP routes. */
class LiveRoomsTest {
  TestServer server;
  WebClient alice;
  WebClient bob;
  long bobId;

  @BeforeEach
  void start() {
    server = TestServer.start();
    alice = Fixtures.admin(server);
    bob = Fixtures.member(server, "Bob Member", "bob@example.com");
    bobId = Fixtures.userId(server, "bob@example.com");
    alice.get("/rooms/opens/new");
    bob.get("/rooms/opens/new");
  }

  @AfterEach
  void stop() { server.close(); }

  long closedRoomWithBob() {
    String body = "authenticity_token=" + enc(alice.csrfToken()) + "&" + enc("room[name]") + "=Plans&" + enc("user_ids[]") + "=" + bobId;
    var response = alice.send(HttpRequest.newBuilder(URI.create(server.url("/rooms/closeds")))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
    String location = response.headers().firstValue("Location").orElseThrow();
    return Long.parseLong(location.substring("/rooms/".length()));
  }

  static String enc(String value) { return URLEncoder.encode(value, StandardCharsets.UTF_8); }

  String messagesIdentifier(long roomId) {
    return CableClient.identifier(Map.of("channel", "RoomMessagesChannel",
        "signed_stream_name", server.app().streamNames().sign(Streams.roomMessages(roomId))));
  }

  String sidebarIdentifier(long userId) {
    return CableClient.identifier(Map.of("channel", "Turbo::StreamsChannel",
        "signed_stream_name", server.app().streamNames().sign(Streams.userRooms(userId))));
  }

  @Test
  void a_member_removed_from_a_room_stops_receiving_it_at_once_and_loses_it_from_the_sidebar() {
    long room = closedRoomWithBob();
    try (CableClient bobsCable = CableClient.connect(server, bob.cookie("session_token"))) {
      bobsCable.await(f -> f.path("type").asText().equals("welcome"), CableClient.WAIT);
      String messages = messagesIdentifier(room);
      String sidebar = sidebarIdentifier(bobId);
      assertThat(bobsCable.subscribeAndWait(messages)).isTrue();
      assertThat(bobsCable.subscribeAndWait(sidebar)).isTrue();

      Fixtures.say(server, alice, room, "<p>before the change</p>");
      bobsCable.await(f -> f.path("message").asText().contains("before the change"), CableClient.WAIT);

      int mark = bobsCable.mark();
      String form = "authenticity_token=" + enc(alice.csrfToken()) + "&_method=patch&" + enc("room[name]") + "=Plans";
      var revoked = alice.send(HttpRequest.newBuilder(URI.create(server.url("/rooms/closeds/" + room)))
          .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
      assertThat(revoked.statusCode()).isEqualTo(303);
      bobsCable.awaitAfter(mark, f -> f.path("message").asText().contains("action=\"remove\" target=\"list_room_" + room + "\""),
          CableClient.WAIT);

      try (CableClient alicesCable = CableClient.connect(server, alice.cookie("session_token"))) {
        alicesCable.await(f -> f.path("type").asText().equals("welcome"), CableClient.WAIT);
        assertThat(alicesCable.subscribeAndWait(messages)).isTrue();
        Fixtures.say(server, alice, room, "<p>after the change</p>");
        alicesCable.await(f -> f.path("message").asText().contains("after the change"), CableClient.WAIT);
      }
      assertThat(bobsCable.framesAfter(Duration.ofMillis(500)))
          .noneMatch(f -> f.path("message").asText().contains("after the change"));
      assertThat(bob.get("/rooms/" + room).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void a_new_open_room_is_appended_to_everyones_sidebar_and_posts_mark_it_unread_live() {
    try (CableClient bobsCable = CableClient.connect(server, bob.cookie("session_token"))) {
      bobsCable.await(f -> f.path("type").asText().equals("welcome"), CableClient.WAIT);
      assertThat(bobsCable.subscribeAndWait(sidebarIdentifier(bobId))).isTrue();
      String unread = CableClient.identifier(Map.of("channel", "UnreadRoomsChannel"));
      assertThat(bobsCable.subscribeAndWait(unread)).isTrue();

      var created = alice.post("/rooms/opens", Map.of("room[name]", "Launch"));
      long room = Long.parseLong(created.headers().firstValue("Location").orElseThrow().substring("/rooms/".length()));
      bobsCable.await(f -> f.path("message").asText().contains("action=\"append\" target=\"shared_rooms\"")
          && f.path("message").asText().contains("Launch"), CableClient.WAIT);

      Fixtures.say(server, alice, room, "<p>we are live</p>");
      bobsCable.await(f -> f.path("identifier").asText().equals(unread) && f.path("message").path("roomId").asLong() == room,
          CableClient.WAIT);
    }
  }
}
