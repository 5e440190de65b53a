package campfire.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import campfire.support.CableClient;
import campfire.support.Fixtures;
import campfire.support.RedisServers;
import campfire.support.WebClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Two instances behind one Redis: what happens on one reaches the cable clients of the other. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossInstanceTest {
  private TwoInstances instances;

  @BeforeAll
  void start() { instances = new TwoInstances(RedisServers.shared()); }

  @AfterAll
  void stop() { instances.close(); }

  @Test
  void aMessagePostedOnOneInstanceReachesCableClientsOnBothExactlyOnce() {
    String text = "Hello from A " + UUID.randomUUID();
    try (CableClient aliceOnB = TwoInstances.cable(instances.b, instances.aliceOnB);
        CableClient aliceOnA = TwoInstances.cable(instances.a, instances.aliceOnA)) {
      assertThat(aliceOnB.subscribeAndWait(TwoInstances.roomMessages(instances.b, instances.allTalk))).isTrue();
      assertThat(aliceOnA.subscribeAndWait(TwoInstances.roomMessages(instances.a, instances.allTalk))).isTrue();

      Fixtures.say(instances.a, instances.bobOnA, instances.allTalk, "<p>" + text + "</p>");

      assertThat(aliceOnB.await(f -> f.path("message").asText().contains(text), CableClient.WAIT)).isNotNull();
      assertThat(aliceOnA.await(f -> f.path("message").asText().contains(text), CableClient.WAIT)).isNotNull();
      assertThat(carrying(aliceOnB, text)).hasSize(1);
      assertThat(carrying(aliceOnA, text)).hasSize(1);
    }
  }

  @Test
  void anAccountChangeOnOneInstanceIsReadOnTheOther() {
    String old = Fixtures.joinPath(instances.a);
    WebClient visitor = instances.b.client();
    assertThat(visitor.get(old).statusCode()).as("B has read the account and keeps it").isEqualTo(200);

    assertThat(instances.aliceOnA.post("/account/join_code", Map.of()).statusCode()).isEqualTo(303);
    String fresh = Fixtures.joinPath(instances.a);
    assertThat(fresh).isNotEqualTo(old);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(visitor.get(old).statusCode()).isEqualTo(404));
    assertThat(visitor.get(fresh).statusCode()).isEqualTo(200);

    String name = "Renamed " + UUID.randomUUID();
    assertThat(instances.aliceOnA.post("/account", Map.of("_method", "patch", "account[name]", name)).statusCode()).isEqualTo(303);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(visitor.get("/session/new").body()).contains(name));
  }

  @Test
  void typingOnOneInstanceShowsOnTheOther() {
    String typing = CablePeople.withRoom("TypingNotificationsChannel", instances.allTalk);
    try (CableClient aliceOnA = TwoInstances.cable(instances.a, instances.aliceOnA);
        CableClient bobOnB = TwoInstances.cable(instances.b, instances.bobOnB)) {
      assertThat(aliceOnA.subscribeAndWait(typing)).isTrue();
      assertThat(bobOnB.subscribeAndWait(typing)).isTrue();
      aliceOnA.perform(typing, "{\"action\":\"start\"}");
      JsonNode start = bobOnB.await(f -> f.path("message").path("action").asText().equals("start"), CableClient.WAIT);
      assertThat(start.path("identifier").asText()).isEqualTo(typing);
      assertThat(start.path("message").path("user").path("id").asLong()).isEqualTo(instances.aliceId);
      assertThat(bobOnB.framesAfter(Duration.ofMillis(300)))
          .filteredOn(f -> f.path("message").path("action").asText().equals("start")).hasSize(1);
    }
  }

  @Test
  void unreadAndReadNoticesReachThePersonsTabsOnTheOtherInstance() {
    // Only a room that turns unread is announced; another test may have left it unread already.
    instances.a.app().database().writeVoid(h -> h.execute("UPDATE memberships SET unread_at = NULL WHERE user_id = ? AND room_id = ?",
        instances.aliceId, instances.allTalk));
    try (CableClient aliceOnB = TwoInstances.cable(instances.b, instances.aliceOnB);
        CableClient aliceOnA = TwoInstances.cable(instances.a, instances.aliceOnA)) {
      assertThat(aliceOnB.subscribeAndWait(CablePeople.channel("UnreadRoomsChannel"))).isTrue();
      assertThat(aliceOnB.subscribeAndWait(CablePeople.channel("ReadRoomsChannel"))).isTrue();

      Fixtures.say(instances.a, instances.bobOnA, instances.allTalk, "<p>Are you there, Alice?</p>");
      JsonNode unread = aliceOnB.await(f -> f.path("identifier").asText().contains("UnreadRoomsChannel") && f.has("message"),
          CableClient.WAIT);
      assertThat(unread.path("message").toString()).contains(Long.toString(instances.allTalk));

      assertThat(aliceOnA.subscribeAndWait(CablePeople.withRoom("PresenceChannel", instances.allTalk))).isTrue();
      JsonNode read = aliceOnB.await(f -> f.path("identifier").asText().contains("ReadRoomsChannel") && f.has("message"),
          CableClient.WAIT);
      assertThat(read.path("message").path("room_id").asLong()).isEqualTo(instances.allTalk);
    }
  }

  @Test
  void removalFromARoomCutsTheSubscriptionsOnEveryInstance() {
    String identifier = TwoInstances.roomMessages(instances.b, instances.allTalk);
    try (CableClient bobOnB = TwoInstances.cable(instances.b, instances.bobOnB)) {
      assertThat(bobOnB.subscribeAndWait(identifier)).isTrue();
      int mark = bobOnB.mark();
      instances.a.app().broadcaster().disconnectFromRoom(instances.bobId, instances.allTalk);
      JsonNode rejected = bobOnB.awaitAfter(mark, f -> f.path("type").asText().equals("reject_subscription"), CableClient.WAIT);
      assertThat(rejected.path("identifier").asText()).isEqualTo(identifier);
      CablePeople.eventually(() -> assertThat(instances.b.app().localBroadcaster()
          .subscriberCount(Streams.roomMessages(instances.allTalk))).isZero());
    }
  }

  @Test
  void readyReportsRedis() {
    var ready = instances.a.client().get("/ready", "application/json");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("\"redis\":\"ok\"").contains("\"status\":\"ready\"");
    assertThat(instances.a.client().get("/metrics", "text/plain").body()).contains("campfire_redis_connected 1.0");
  }

  /** Waits a moment for stragglers, then every frame so far carrying the text. */
  private static List<JsonNode> carrying(CableClient client, String text) {
    return client.framesAfter(Duration.ofMillis(500)).stream().filter(f -> f.path("message").asText().contains(text)).toList();
  }

}
