package campfire.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.CableClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoomStreamsTest {
  private static final String HTML = "<turbo-stream action=\"append\" target=\"messages_room_1\"><template>"
      + "<div class=\"message\">Caf\u00e9 \"quoted\" \\ &amp; \u2603</div></template></turbo-stream>";
  private CablePeople people;

  @BeforeAll
  void start() { people = new CablePeople(); }

  @AfterAll
  void stop() { people.close(); }

  @Test
  void aMemberReceivesTheRoomsMessagesExactlyOnceAsTurboStreamHtml() {
    String identifier = people.roomMessages(people.allTalk);
    try (CableClient cable = people.cable(people.alice)) {
      assertThat(cable.subscribeAndWait(identifier)).isTrue();
      people.server.app().broadcaster().broadcastHtml(Streams.roomMessages(people.allTalk), HTML);
      List<JsonNode> messages = cable.framesAfter(Duration.ofMillis(500)).stream().filter(f -> f.has("message")).toList();
      assertThat(messages).hasSize(1);
      assertThat(messages.get(0).path("identifier").asText()).isEqualTo(identifier);
      assertThat(messages.get(0).path("message").isTextual()).isTrue();
      assertThat(messages.get(0).path("message").asText()).isEqualTo(HTML);
    }
  }

  @Test
  void everySubscriberOfTheStreamGetsTheSameBroadcast() {
    String identifier = people.roomMessages(people.allTalk);
    try (CableClient alice = people.cable(people.alice); CableClient bob = people.cable(people.bob)) {
      assertThat(alice.subscribeAndWait(identifier)).isTrue();
      assertThat(bob.subscribeAndWait(identifier)).isTrue();
      people.server.app().broadcaster().broadcastHtml(Streams.roomMessages(people.allTalk), "<turbo-stream>both</turbo-stream>");
      assertThat(alice.await(f -> f.path("message").asText().contains("both"), CableClient.WAIT)).isNotNull();
      assertThat(bob.await(f -> f.path("message").asText().contains("both"), CableClient.WAIT)).isNotNull();
    }
  }

  @Test
  void aForgedStreamNameIsRejected() {
    String signed = people.server.app().streamNames().sign(Streams.roomMessages(people.allTalk));
    String forged = signed.substring(0, signed.length() - 3) + (signed.endsWith("AAA") ? "BBB" : "AAA");
    String unsigned = Streams.roomMessages(people.allTalk);
    try (CableClient cable = people.cable(people.alice)) {
      for (String name : List.of(forged, unsigned, "")) {
        assertThat(cable.subscribeAndWait(CableClient.identifier(Map.of("channel", "RoomMessagesChannel", "signed_stream_name", name))))
            .as(name).isFalse();
      }
      assertThat(cable.subscribeAndWait(CableClient.identifier(Map.of("channel", "RoomMessagesChannel")))).isFalse();
    }
  }

  @Test
  void aRoomThePersonIsNotInIsRejectedEvenWithAValidSignature() {
    long secret = people.room("Secret plans", people.aliceId);
    try (CableClient bob = people.cable(people.bob)) {
      assertThat(bob.subscribeAndWait(people.roomMessages(secret))).isFalse();
      assertThat(bob.subscribeAndWait(people.turboStream(Streams.roomMessages(secret)))).isFalse();
      assertThat(bob.subscribeAndWait(CablePeople.withRoom("PresenceChannel", secret))).isFalse();
      assertThat(bob.subscribeAndWait(CablePeople.withRoom("TypingNotificationsChannel", secret))).isFalse();
    }
    try (CableClient alice = people.cable(people.alice)) {
      assertThat(alice.subscribeAndWait(people.roomMessages(secret))).isTrue();
    }
  }

  @Test
  void roomMessagesChannelOnlyTakesARoomsMessagesStream() {
    try (CableClient alice = people.cable(people.alice)) {
      assertThat(alice.subscribeAndWait(CableClient.identifier(Map.of("channel", "RoomMessagesChannel",
          "signed_stream_name", people.server.app().streamNames().sign(Streams.userRooms(people.aliceId)))))).isFalse();
    }
  }

  @Test
  void anotherPersonsSignedStreamIsRejected() {
    try (CableClient bob = people.cable(people.bob)) {
      assertThat(bob.subscribeAndWait(people.turboStream(Streams.userRooms(people.aliceId)))).isFalse();
      assertThat(bob.subscribeAndWait(people.turboStream(Streams.userRooms(people.bobId)))).isTrue();
    }
  }

  @Test
  void turboStreamsChannelIgnoresTheElementsExtraDatasetKeys() {
    String identifier = CableClient.identifier(Map.of("channel", "Turbo::StreamsChannel",
        "signed_stream_name", people.server.app().streamNames().sign(Streams.userRooms(people.aliceId)),
        "turbo_permanent", "", "controller", "rooms-list"));
    try (CableClient alice = people.cable(people.alice)) {
      assertThat(alice.subscribeAndWait(identifier)).isTrue();
      people.server.app().broadcaster().broadcastHtml(Streams.userRooms(people.aliceId), "<turbo-stream>mine</turbo-stream>");
      JsonNode frame = alice.await(f -> f.has("message"), CableClient.WAIT);
      assertThat(frame.path("identifier").asText()).isEqualTo(identifier);
      assertThat(frame.path("message").asText()).isEqualTo("<turbo-stream>mine</turbo-stream>");
    }
  }

  @Test
  void someoneRemovedFromARoomStopsReceivingItAtOnceWhileOthersStillDo() {
    long room = people.room("Project X", people.aliceId, people.bobId);
    String identifier = people.roomMessages(room);
    String typing = CablePeople.withRoom("TypingNotificationsChannel", room);
    try (CableClient alice = people.cable(people.alice); CableClient bob = people.cable(people.bob)) {
      assertThat(alice.subscribeAndWait(identifier)).isTrue();
      assertThat(bob.subscribeAndWait(identifier)).isTrue();
      assertThat(bob.subscribeAndWait(typing)).isTrue();
      assertThat(bob.subscribeAndWait(people.turboStream(Streams.userRooms(people.bobId)))).isTrue();

      people.server.app().database().writeVoid(h -> h.execute("DELETE FROM memberships WHERE room_id = ? AND user_id = ?", room, people.bobId));
      people.server.app().broadcaster().disconnectFromRoom(people.bobId, room);
      people.server.app().broadcaster().broadcastHtml(Streams.roomMessages(room), "<turbo-stream>after removal</turbo-stream>");
      people.server.app().broadcaster().broadcastJson(Streams.roomTyping(room), "{\"action\":\"start\",\"user\":{\"id\":1,\"name\":\"A\"}}");
      people.server.app().broadcaster().broadcastHtml(Streams.userRooms(people.bobId), "<turbo-stream>still mine</turbo-stream>");

      assertThat(alice.await(f -> f.path("message").asText().contains("after removal"), CableClient.WAIT)).isNotNull();
      bob.await(f -> f.path("message").asText().contains("still mine"), CableClient.WAIT);
      List<JsonNode> bobs = bob.framesAfter(Duration.ofMillis(300));
      assertThat(bobs).noneMatch(f -> f.path("message").asText().contains("after removal"));
      assertThat(bobs).noneMatch(f -> f.path("message").path("action").asText().equals("start"));
      assertThat(bobs).anyMatch(f -> f.path("identifier").asText().equals(identifier) && f.path("type").asText().equals("reject_subscription"));
      assertThat(bob.subscribeAndWait(identifier)).isFalse();
    }
  }
}
