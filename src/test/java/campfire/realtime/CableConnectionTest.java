package campfire.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import campfire.support.CableClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CableConnectionTest {
  private CablePeople people;

  @BeforeAll
  void start() { people = new CablePeople(); }

  @AfterAll
  void stop() { people.close(); }

  @Test
  void aSignedInBrowserIsWelcomedOnTheActionCableSubProtocol() {
    try (CableClient cable = CableClient.connect(people.server, people.alice.cookie("session_token"))) {
      assertThat(cable.protocol()).isEqualTo("actioncable-v1-json");
      JsonNode first = cable.await(f -> true, CableClient.WAIT);
      assertThat(first.toString()).isEqualTo("{\"type\":\"welcome\"}");
    }
  }

  @Test
  void pingsArriveEveryThreeSecondsWithTheServerTime() {
    try (CableClient cable = people.cable(people.alice)) {
      List<JsonNode> pings = cable.framesAfter(Duration.ofMillis(7_500)).stream()
          .filter(f -> f.path("type").asText().equals("ping")).toList();
      assertThat(pings).hasSizeBetween(2, 3);
      long now = System.currentTimeMillis() / 1000;
      assertThat(pings).allSatisfy(p -> assertThat(p.path("message").asLong()).isBetween(now - 10, now + 1));
      assertThat(pings.get(1).path("message").asLong() - pings.get(0).path("message").asLong()).isBetween(2L, 4L);
    }
  }

  @Test
  void withoutASessionCookieTheCableSaysUnauthorizedAndCloses() {
    try (CableClient cable = CableClient.connect(people.server, null)) {
      assertThat(cable.protocol()).isEqualTo("actioncable-v1-json");
      JsonNode frame = cable.await(f -> true, CableClient.WAIT);
      assertThat(frame.path("type").asText()).isEqualTo("disconnect");
      assertThat(frame.path("reason").asText()).isEqualTo("unauthorized");
      assertThat(frame.path("reconnect").isBoolean() && !frame.path("reconnect").asBoolean()).isTrue();
      cable.awaitClosed(CableClient.WAIT);
      assertThat(cable.frames()).noneMatch(f -> f.path("type").asText().equals("welcome"));
    }
  }

  @Test
  void aForgedSessionCookieIsUnauthorized() {
    String real = people.alice.cookie("session_token");
    String forged = real.substring(0, real.lastIndexOf(".")) + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    for (String cookie : List.of(forged, "nonsense", "")) {
      try (CableClient cable = CableClient.connect(people.server, cookie)) {
        JsonNode frame = cable.await(f -> true, CableClient.WAIT);
        assertThat(frame.path("reason").asText()).as(cookie).isEqualTo("unauthorized");
        cable.awaitClosed(CableClient.WAIT);
      }
    }
  }

  @Test
  void botsAreRefused() {
    var robo = campfire.support.Fixtures.member(people.server, "Robo", "robo@example.com");
    people.server.app().database().writeVoid(h -> h.execute("UPDATE users SET role = 'bot' WHERE email_address = 'robo@example.com'"));
    try (CableClient cable = CableClient.connect(people.server, robo.cookie("session_token"))) {
      JsonNode frame = cable.await(f -> true, CableClient.WAIT);
      assertThat(frame.path("type").asText()).isEqualTo("disconnect");
      assertThat(frame.path("reason").asText()).isEqualTo("unauthorized");
      cable.awaitClosed(CableClient.WAIT);
    }
  }

  @Test
  void anotherSitesPageCannotOpenTheCableWithTheVisitorsCookie() {
    String cookie = people.alice.cookie("session_token");
    assertThatThrownBy(() -> CableClient.connect(people.server, cookie, Map.of("Origin", "https://evil.example")))
        .isInstanceOf(CableClient.HandshakeFailed.class);
    try (CableClient sameSite = CableClient.connect(people.server, cookie,
        Map.of("Origin", "http://127.0.0.1:" + people.server.port()))) {
      assertThat(sameSite.await(f -> true, CableClient.WAIT).path("type").asText()).isEqualTo("welcome");
    }
  }

  @Test
  void malformedFramesAreIgnoredAndTheConnectionKeepsWorking() throws Exception {
    try (CableClient cable = people.cable(people.alice)) {
      cable.send("not json");
      cable.send("{}");
      cable.send("[1,2,3]");
      cable.send("{\"command\":\"subscribe\"}");
      cable.send("{\"command\":\"launch\",\"identifier\":\"{}\"}");
      cable.send("{\"command\":\"message\",\"identifier\":\"{\\\"channel\\\":\\\"HeartbeatChannel\\\"}\",\"data\":\"{\\\"action\\\":\\\"x\\\"}\"}");
      cable.subscribe("nope");
      cable.subscribe(CablePeople.channel("NoSuchChannel"));
      cable.subscribe(CablePeople.withRoom("PresenceChannel", -5));
      cable.send("{\"command\":\"subscribe\",\"identifier\":\"" + "x".repeat(1_048_576) + "\"}");
      cable.send("{\"command\":\"subscribe\",\"identifier\":{\"channel\":\"HeartbeatChannel\"}}");
      cable.sendBinary(new byte[] {1, 2, 3});
      cable.sendBinary(new byte[200_000]);

      assertThat(cable.await(f -> f.path("identifier").asText().equals("nope"), CableClient.WAIT).path("type").asText())
          .isEqualTo("reject_subscription");
      assertThat(cable.await(f -> f.path("identifier").asText().contains("NoSuchChannel"), CableClient.WAIT).path("type").asText())
          .isEqualTo("reject_subscription");
      assertThat(cable.subscribeAndWait(CablePeople.channel("HeartbeatChannel"))).isTrue();
      assertThat(cable.isClosed()).isFalse();
      assertThat(cable.frames()).noneMatch(f -> f.path("identifier").asText().startsWith("xxxx"));
    }
    HttpResponse<String> up = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(people.server.url("/up"))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(up.statusCode()).isEqualTo(200);
  }

  @Test
  void aRepeatedSubscribeIsConfirmedOnceAndDeliversOnce() {
    String identifier = people.roomMessages(people.allTalk);
    try (CableClient cable = people.cable(people.alice)) {
      assertThat(cable.subscribeAndWait(identifier)).isTrue();
      cable.subscribe(identifier);
      assertThat(cable.subscribeAndWait(CablePeople.channel("HeartbeatChannel"))).isTrue();
      people.server.app().broadcaster().broadcastHtml(Streams.roomMessages(people.allTalk), "<turbo-stream action=\"append\"></turbo-stream>");
      List<JsonNode> frames = cable.framesAfter(Duration.ofMillis(500));
      assertThat(frames).filteredOn(f -> f.path("identifier").asText().equals(identifier)
          && f.path("type").asText().equals("confirm_subscription")).hasSize(1);
      assertThat(frames).filteredOn(f -> f.has("message") && f.path("identifier").asText().equals(identifier)).hasSize(1);
    }
  }

  @Test
  void closingTheSocketForgetsItsSubscriptions() {
    String stream = Streams.roomMessages(people.allTalk);
    int before = people.broadcaster().subscriberCount(stream);
    CableClient cable = people.cable(people.bob);
    assertThat(cable.subscribeAndWait(people.roomMessages(people.allTalk))).isTrue();
    assertThat(people.broadcaster().subscriberCount(stream)).isEqualTo(before + 1);
    cable.close();
    CablePeople.eventually(() -> assertThat(people.broadcaster().subscriberCount(stream)).isEqualTo(before));
  }
}
