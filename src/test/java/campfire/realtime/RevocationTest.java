package campfire.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.CableClient;
import campfire.support.Fixtures;
import campfire.support.RedisServers;
import campfire.support.WebClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Revoked means revoked, live: signing out closes that session's sockets, deactivating or banning a
 * person closes all of theirs, on every instance (two behind one Redis), and the old cookie gets
 * no new socket; someone removed from a room stops hearing it on every instance. Every other
 * socket keeps streaming.
 */
class RevocationTest {
  private TwoInstances instances;

  @BeforeEach
  void start() { instances = new TwoInstances(RedisServers.shared()); }

  @AfterEach
  void stop() { instances.close(); }

  @Test
  void signing_out_closes_that_sessions_sockets_on_every_instance_and_no_other() {
    String aliceOnASession = instances.aliceOnA.cookie("session_token");
    try (CableClient sameSessionOnA = TwoInstances.cable(instances.a, instances.aliceOnA);
        CableClient sameSessionOnB = CableClient.connect(instances.b, aliceOnASession);
        CableClient otherSessionOnA = TwoInstances.cable(instances.a, instances.aliceOnB)) {
      sameSessionOnB.await(f -> f.path("type").asText().equals("welcome"), CableClient.WAIT);
      assertThat(otherSessionOnA.subscribeAndWait(TwoInstances.roomMessages(instances.a, instances.allTalk))).isTrue();

      assertThat(instances.aliceOnA.post("/session", Map.of("_method", "delete")).statusCode()).isEqualTo(303);

      assertRevoked(sameSessionOnA);
      assertRevoked(sameSessionOnB);
      String text = "still here " + UUID.randomUUID();
      Fixtures.say(instances.a, instances.bobOnA, instances.allTalk, "<p>" + text + "</p>");
      assertThat(otherSessionOnA.await(f -> f.path("message").asText().contains(text), CableClient.WAIT)).isNotNull();
      assertThat(otherSessionOnA.isClosed()).isFalse();
      assertRefused(instances.a, aliceOnASession);
    }
  }

  @Test
  void deactivating_a_person_closes_every_socket_of_theirs_on_every_instance() {
    revokeBob(admin -> admin.post("/account/users/" + instances.bobId, Map.of("_method", "delete")).statusCode());
  }

  @Test
  void banning_a_person_closes_every_socket_of_theirs_on_every_instance() {
    revokeBob(admin -> admin.post("/users/" + instances.bobId + "/ban", Map.of()).statusCode());
  }

  @Test
  void someone_removed_from_a_room_on_one_instance_stops_hearing_it_on_the_other() {
    long room = closedRoom("Plans", instances.aliceId, instances.bobId);
    String identifier = TwoInstances.roomMessages(instances.b, room);
    try (CableClient bobOnB = TwoInstances.cable(instances.b, instances.bobOnB);
        CableClient aliceOnB = TwoInstances.cable(instances.b, instances.aliceOnB)) {
      assertThat(bobOnB.subscribeAndWait(identifier)).isTrue();
      assertThat(aliceOnB.subscribeAndWait(identifier)).isTrue();

      assertThat(roomForm(instances.aliceOnA, "/rooms/closeds/" + room, "patch", "Plans", instances.aliceId).statusCode()).isEqualTo(303);

      assertThat(bobOnB.await(f -> f.path("identifier").asText().equals(identifier)
          && f.path("type").asText().equals("reject_subscription"), CableClient.WAIT)).isNotNull();
      String text = "after Bob was removed " + UUID.randomUUID();
      Fixtures.say(instances.a, instances.aliceOnA, room, "<p>" + text + "</p>");
      assertThat(aliceOnB.await(f -> f.path("message").asText().contains(text), CableClient.WAIT)).isNotNull();
      assertThat(bobOnB.framesAfter(java.time.Duration.ofMillis(300))).noneMatch(f -> f.path("message").asText().contains(text));
      assertThat(bobOnB.subscribeAndWait(identifier)).as("a re-subscribe with the old signed name is refused").isFalse();
      assertThat(bobOnB.isClosed()).as("only that room's stream stops").isFalse();
    }
  }

  private long closedRoom(String name, long... people) {
    var created = roomForm(instances.aliceOnA, "/rooms/closeds", null, name, people);
    assertThat(created.statusCode()).isEqualTo(303);
    return Long.parseLong(created.headers().firstValue("Location").orElseThrow().substring("/rooms/".length()));
  }

  /** The room form as a browser sends it, with repeated user_ids[] fields. */
  private java.net.http.HttpResponse<String> roomForm(WebClient who, String path, String method, String name, long... people) {
    StringBuilder body = new StringBuilder("authenticity_token=" + enc(who.csrfToken()) + "&" + enc("room[name]") + "=" + enc(name));
    if (method != null) body.append("&_method=").append(method);
    for (long id : people) body.append("&").append(enc("user_ids[]")).append("=").append(id);
    return who.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(instances.a.url(path)))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  private static String enc(String value) { return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8); }

  private void revokeBob(java.util.function.ToIntFunction<WebClient> revocation) {
    String bobOnASession = instances.bobOnA.cookie("session_token");
    try (CableClient bobOnA = TwoInstances.cable(instances.a, instances.bobOnA);
        CableClient bobOnB = TwoInstances.cable(instances.b, instances.bobOnB);
        CableClient aliceOnB = TwoInstances.cable(instances.b, instances.aliceOnB)) {
      assertThat(bobOnB.subscribeAndWait(TwoInstances.roomMessages(instances.b, instances.allTalk))).isTrue();
      assertThat(aliceOnB.subscribeAndWait(TwoInstances.roomMessages(instances.b, instances.allTalk))).isTrue();

      assertThat(revocation.applyAsInt(instances.aliceOnA)).isEqualTo(303);

      assertRevoked(bobOnA);
      assertRevoked(bobOnB);
      String text = "after Bob left " + UUID.randomUUID();
      Fixtures.say(instances.a, instances.aliceOnA, instances.allTalk, "<p>" + text + "</p>");
      assertThat(aliceOnB.await(f -> f.path("message").asText().contains(text), CableClient.WAIT)).isNotNull();
      assertRefused(instances.b, bobOnASession);
    }
  }

  private static boolean unauthorized(JsonNode frame) {
    return frame.path("type").asText().equals("disconnect") && frame.path("reason").asText().equals("unauthorized")
        && !frame.path("reconnect").asBoolean(true);
  }

  /** The socket is told it is unauthorized, not to reconnect, and is closed. */
  private static void assertRevoked(CableClient cable) {
    assertThat(cable.await(RevocationTest::unauthorized, CableClient.WAIT)).isNotNull();
    cable.awaitClosed(CableClient.WAIT);
  }

  /** A new socket with the revoked cookie is refused the same way. */
  private static void assertRefused(campfire.support.TestServer server, String cookie) {
    try (CableClient again = CableClient.connect(server, cookie)) {
      assertRevoked(again);
    }
  }
}
