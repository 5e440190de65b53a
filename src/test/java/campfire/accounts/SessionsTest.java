package campfire.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.Fixtures;
import campfire.support.TestServer;
import campfire.support.WebClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionsTest {
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start();
    Fixtures.admin(server);
  }

  @AfterEach
  void stop() { server.close(); }

  HttpResponse<String> login(WebClient client, String email, String password) {
    client.get("/session/new");
    return client.post("/session", Map.of("email_address", email, "password", password));
  }

  @Test
  void signing_in_with_the_right_password_starts_a_session_and_lands_in_a_room() {
    WebClient alice = server.client();
    HttpResponse<String> response = login(alice, "ALICE@example.com ", Fixtures.PASSWORD);
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location")).hasValue("/");
    assertThat(server.count("SELECT COUNT(*) FROM sessions")).isEqualTo(2);
    HttpResponse<String> root = alice.get("/");
    assertThat(root.statusCode()).isEqualTo(303);
    assertThat(root.headers().firstValue("Location").orElseThrow()).startsWith("/rooms/");
    assertThat(alice.get(root.headers().firstValue("Location").orElseThrow()).body()).contains("All Talk");
  }

  @Test
  void wrong_password_and_unknown_email_are_refused_with_401_and_start_no_session() {
    WebClient visitor = server.client();
    HttpResponse<String> wrong = login(visitor, "alice@example.com", "wrong password");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("Try another email address or password.");
    assertThat(login(visitor, "nobody@example.com", Fixtures.PASSWORD).statusCode()).isEqualTo(401);
    assertThat(login(visitor, "alice@example.com", "x".repeat(73)).statusCode()).isEqualTo(401);
    assertThat(visitor.cookie("session_token")).isNull();
    assertThat(server.count("SELECT COUNT(*) FROM sessions")).isEqualTo(1);
  }

  @Test
  void the_eleventh_attempt_within_three_minutes_gets_429() {
    WebClient attacker = server.client();
    for (int i = 0; i < 10; i++) assertThat(login(attacker, "alice@example.com", "guess " + i).statusCode()).isEqualTo(401);
    HttpResponse<String> limited = login(attacker, "alice@example.com", Fixtures.PASSWORD);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    assertThat(attacker.cookie("session_token")).isNull();
  }

  @Test
  void signing_out_ends_the_session_and_private_pages_send_you_to_sign_in() {
    WebClient alice = server.client();
    login(alice, "alice@example.com", Fixtures.PASSWORD);
    String room = alice.get("/").headers().firstValue("Location").orElseThrow();
    alice.get(room);
    HttpResponse<String> out = alice.post("/session", Map.of("_method", "delete"));
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Location")).hasValue("/session/new");
    assertThat(server.count("SELECT COUNT(*) FROM sessions")).isEqualTo(1);
    HttpResponse<String> after = alice.get(room);
    assertThat(after.statusCode()).isEqualTo(303);
    assertThat(after.headers().firstValue("Location")).hasValue("/session/new");
  }

  @Test
  void a_malformed_or_forged_session_cookie_is_treated_as_signed_out() {
    WebClient forger = server.client();
    for (String value : new String[] {"garbage", "abc--def", "--", "x".repeat(5000), "%%%", "token." + "A".repeat(43), "a.b.c"}) {
      forger.clearCookies();
      forger.setCookie("session_token", value);
      HttpResponse<String> response = forger.get("/rooms/1");
      assertThat(response.statusCode()).as(value).isEqualTo(303);
      assertThat(response.headers().firstValue("Location")).hasValue("/session/new");
    }
  }

  @Test
  void a_missing_or_forged_csrf_token_is_refused_with_422_and_changes_nothing() {
    WebClient alice = server.client();
    login(alice, "alice@example.com", Fixtures.PASSWORD);
    long sessions = server.count("SELECT COUNT(*) FROM sessions");

    HttpResponse<String> missing = alice.postRaw("/session", Map.of("_method", "delete"));
    assertThat(missing.statusCode()).isEqualTo(422);
    HttpResponse<String> forged = alice.postRaw("/session", Map.of("_method", "delete", "authenticity_token", "forged"));
    assertThat(forged.statusCode()).isEqualTo(422);
    assertThat(forged.body()).doesNotContain("Exception", "at campfire.");

    WebClient stranger = server.client();
    stranger.get("/session/new");
    HttpResponse<String> foreign = alice.postRaw("/session", Map.of("_method", "delete", "authenticity_token", stranger.csrfToken()));
    assertThat(foreign.statusCode()).isEqualTo(422);
    assertThat(server.count("SELECT COUNT(*) FROM sessions")).isEqualTo(sessions);
    assertThat(alice.get("/").statusCode()).isEqualTo(303);
    assertThat(alice.get("/").headers().firstValue("Location").orElseThrow()).startsWith("/rooms/");
  }

  @Test
  void a_room_you_are_not_in_or_that_does_not_exist_is_404() {
    WebClient alice = server.client();
    login(alice, "alice@example.com", Fixtures.PASSWORD);
    assertThat(alice.get("/rooms/999").statusCode()).isEqualTo(404);
    assertThat(alice.get("/rooms/not-a-number").statusCode()).isEqualTo(404);
    assertThat(alice.get("/no/such/page").statusCode()).isEqualTo(404);
  }
}
