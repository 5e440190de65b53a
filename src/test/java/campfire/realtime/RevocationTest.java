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
 * no new socket. Every other socket keeps streaming.
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
