package campfire.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.CableClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PresenceAndTypingTest {
  private CablePeople people;

  @BeforeAll
  void start() { people = new CablePeople(); }

  @AfterAll
  void stop() { people.close(); }

  private long connections(long userId, long roomId) {
    return people.server.count("SELECT connections FROM memberships WHERE user_id = ? AND room_id = ?", userId, roomId);
  }

  private long unread(long userId, long roomId) {
    return people.server.count("SELECT COUNT(*) FROM memberships WHERE user_id = ? AND room_id = ? AND unread_at IS NOT NULL",
        userId, roomId);
  }

  @Test
  void lookingAtARoomCountsAsConnectedClearsUnreadAndTellsTheOtherTabs() {
    long room = people.room("Lookout", people.aliceId, people.bobId);
    people.server.app().database().writeVoid(h -> h.execute("UPDATE memberships SET unread_at = 1 WHERE room_id = ?", room));
    try (CableClient otherTab = people.cable(people.alice)) {
      assertThat(otherTab.subscribeAndWait(CablePeople.channel("ReadRoomsChannel"))).isTrue();
      CableClient thisTab = people.cable(people.alice);
      assertThat(thisTab.subscribeAndWait(CablePeople.withRoom("PresenceChannel", room))).isTrue();

      assertThat(connections(people.aliceId, room)).isEqualTo(1);
      assertThat(unread(people.aliceId, room)).isZero();
      assertThat(unread(people.bobId, room)).isEqualTo(1);
      assertThat(people.server.app().presence().isConnected(people.aliceId, room)).isTrue();
      assertThat(people.server.app().presence().connectedUserIds(room)).containsExactly(people.aliceId);
      JsonNode read = otherTab.await(f -> f.has("message"), CableClient.WAIT);
      assertThat(read.path("message").path("room_id").asLong()).isEqualTo(room);

      thisTab.close();
      CablePeople.eventually(() -> assertThat(connections(people.aliceId, room)).isZero());
      assertThat(people.server.app().presence().isConnected(people.aliceId, room)).isFalse();
    }
  }

  @Test
  void absentAndPresentToggleTheCountWithoutDoublingIt() {
    long room = people.room("Toggles", people.bobId);
    String presence = CablePeople.withRoom("PresenceChannel", room);
    try (CableClient bob = people.cable(people.bob)) {
      assertThat(bob.subscribeAndWait(presence)).isTrue();
      bob.perform(presence, "{\"action\":\"absent\"}");
      bob.perform(presence, "{\"action\":\"absent\"}");
      assertThat(bob.subscribeAndWait(CablePeople.channel("HeartbeatChannel"))).isTrue();
      assertThat(connections(people.bobId, room)).isZero();
      bob.perform(presence, "{\"action\":\"present\"}");
      bob.perform(presence, "{\"action\":\"present\"}");
      bob.perform(presence, "{\"action\":\"refresh\"}");
      bob.unsubscribe(CablePeople.channel("HeartbeatChannel"));
      assertThat(bob.subscribeAndWait(CablePeople.channel("HeartbeatChannel"))).isTrue();
      assertThat(connections(people.bobId, room)).isEqualTo(1);
      bob.unsubscribe(presence);
      CablePeople.eventually(() -> assertThat(connections(people.bobId, room)).isZero());
    }
  }

  @Test
  void twoTabsOnTheSameRoomCountTwice() {
    long room = people.room("Two tabs", people.bobId);
    String presence = CablePeople.withRoom("PresenceChannel", room);
    try (CableClient one = people.cable(people.bob); CableClient two = people.cable(people.bob)) {
      assertThat(one.subscribeAndWait(presence)).isTrue();
      assertThat(two.subscribeAndWait(presence)).isTrue();
      assertThat(connections(people.bobId, room)).isEqualTo(2);
      one.close();
      CablePeople.eventually(() -> assertThat(connections(people.bobId, room)).isEqualTo(1));
      assertThat(people.server.app().presence().isConnected(people.bobId, room)).isTrue();
    }
  }

  @Test
  void typingReachesTheOtherMembersWithTheTypistsIdAndName() {
    String typing = CablePeople.withRoom("TypingNotificationsChannel", people.allTalk);
    try (CableClient alice = people.cable(people.alice); CableClient bob = people.cable(people.bob)) {
      assertThat(alice.subscribeAndWait(typing)).isTrue();
      assertThat(bob.subscribeAndWait(typing)).isTrue();
      alice.perform(typing, "{\"action\":\"start\"}");
      JsonNode start = bob.await(f -> f.path("message").path("action").asText().equals("start"), CableClient.WAIT);
      assertThat(start.path("identifier").asText()).isEqualTo(typing);
      assertThat(start.path("message").path("user").path("id").asLong()).isEqualTo(people.aliceId);
      assertThat(start.path("message").path("user").path("name").asText()).isEqualTo("Alice Admin");
      alice.perform(typing, "{\"action\":\"stop\"}");
      assertThat(bob.await(f -> f.path("message").path("action").asText().equals("stop"), CableClient.WAIT)).isNotNull();
      alice.perform(typing, "{\"action\":\"shout\"}");
      assertThat(bob.framesAfter(Duration.ofMillis(300))).noneMatch(f -> f.path("message").path("action").asText().equals("shout"));
    }
  }

  @Test
  void aFloodOfTypingStartsReachesOthersOnceASecond() {
    String typing = CablePeople.withRoom("TypingNotificationsChannel", people.allTalk);
    try (CableClient alice = people.cable(people.alice); CableClient bob = people.cable(people.bob)) {
      assertThat(alice.subscribeAndWait(typing)).isTrue();
      assertThat(bob.subscribeAndWait(typing)).isTrue();
      int mark = bob.mark();
      for (int i = 0; i < 50; i++) alice.perform(typing, "{\"action\":\"start\"}");
      alice.perform(typing, "{\"action\":\"stop\"}");
      assertThat(bob.awaitAfter(mark, f -> f.path("message").path("action").asText().equals("stop"), CableClient.WAIT)).isNotNull();
      assertThat(bob.frames().subList(mark, bob.frames().size()))
          .filteredOn(f -> f.path("message").path("action").asText().equals("start")).hasSize(1);
    }
  }

  @Test
  void unreadRoomsArePersonal() {
    try (CableClient alice = people.cable(people.alice); CableClient bob = people.cable(people.bob)) {
      assertThat(alice.subscribeAndWait(CablePeople.channel("UnreadRoomsChannel"))).isTrue();
      assertThat(bob.subscribeAndWait(CablePeople.channel("UnreadRoomsChannel"))).isTrue();
      people.server.app().broadcaster().broadcastJson(Streams.userUnreadRooms(people.bobId), "{\"roomId\":7}");
      assertThat(bob.await(f -> f.has("message"), CableClient.WAIT).path("message").path("roomId").asLong()).isEqualTo(7);
      assertThat(alice.framesAfter(Duration.ofMillis(300))).noneMatch(f -> f.has("message"));
    }
  }
}
