package campfire.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.Fixtures;
import campfire.support.TestServer;
import campfire.support.WebClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FirstRunTest {
  TestServer server;

  @BeforeEach
  void start() { server = TestServer.start(); }

  @AfterEach
  void stop() { server.close(); }

  @Test
  void a_fresh_install_sends_every_page_to_first_run() {
    WebClient visitor = server.client();
    for (String path : List.of("/", "/session/new", "/rooms/1", "/join/abcd-efgh-ijkl")) {
      HttpResponse<String> response = visitor.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(303);
      assertThat(response.headers().firstValue("Location")).as(path).hasValue("/first_run");
    }
    assertThat(visitor.get("/first_run").body()).contains("name=\"user[name]\"", "name=\"user[email_address]\"", "name=\"user[password]\"");
  }

  @Test
  void first_run_creates_the_account_the_first_room_and_the_administrator_and_lands_in_the_room() {
    WebClient alice = server.client();
    alice.get("/first_run");
    HttpResponse<String> created = alice.post("/first_run", Map.of("user[name]", "Alice Admin",
        "user[email_address]", "Alice@Example.com", "user[password]", Fixtures.PASSWORD));

    assertThat(created.statusCode()).isEqualTo(302);
    long roomId = server.count("SELECT id FROM rooms WHERE name = 'All Talk' AND type = 'open'");
    assertThat(created.headers().firstValue("Location")).hasValue("/rooms/" + roomId);
    String cookie = created.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("session_token=")).findFirst().orElseThrow();
    assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax").doesNotContain("Secure");
    assertThat(server.count("SELECT COUNT(*) FROM accounts")).isEqualTo(1);
    assertThat(server.string("SELECT name FROM accounts")).isEqualTo("Campfire");
    assertThat(server.string("SELECT role FROM users WHERE email_address = 'alice@example.com'")).isEqualTo("administrator");
    assertThat(server.count("SELECT COUNT(*) FROM memberships WHERE room_id = ?", roomId)).isEqualTo(1);

    HttpResponse<String> room = alice.get("/rooms/" + roomId);
    assertThat(room.statusCode()).isEqualTo(200);
    assertThat(room.body()).contains("All Talk", "id=\"messages_room_" + roomId + "\"", "lexxy-editor id=\"message_body\"",
        "aria-label=\"Write a message\"", "Send Message", "id=\"shared_rooms\"", "id=\"list_room_" + roomId + "\"");
  }

  @Test
  void a_second_first_run_changes_nothing() {
    Fixtures.admin(server);
    WebClient mallory = server.client();
    assertThat(mallory.get("/first_run").statusCode()).isEqualTo(302);
    HttpResponse<String> again = mallory.post("/first_run", Map.of("user[name]", "Mallory",
        "user[email_address]", "mallory@example.com", "user[password]", Fixtures.PASSWORD));
    assertThat(again.statusCode()).isEqualTo(302);
    assertThat(again.headers().firstValue("Location")).hasValue("/");
    assertThat(mallory.cookie("session_token")).isNull();
    assertThat(server.count("SELECT COUNT(*) FROM users")).isEqualTo(1);
  }

  @Test
  void invalid_first_run_input_is_refused_with_422_and_creates_nothing() {
    WebClient visitor = server.client();
    visitor.get("/first_run");
    List<Map<String, String>> bad = List.of(
        Map.of("user[name]", "", "user[email_address]", "a@example.com", "user[password]", "pw"),
        Map.of("user[name]", "A", "user[email_address]", "not-an-email", "user[password]", "pw"),
        Map.of("user[name]", "A", "user[email_address]", "a@example.com", "user[password]", ""),
        Map.of("user[name]", "A", "user[email_address]", "a@example.com", "user[password]", "x".repeat(73)));
    for (Map<String, String> form : bad) {
      HttpResponse<String> response = visitor.post("/first_run", form);
      assertThat(response.statusCode()).as(form.toString()).isEqualTo(422);
      assertThat(response.body()).contains("id=\"form_error\"");
    }
    assertThat(visitor.post("/first_run", bad.get(3)).body()).contains("Password is too long");
    assertThat(server.count("SELECT COUNT(*) FROM accounts")).isZero();
    assertThat(server.count("SELECT COUNT(*) FROM users")).isZero();
  }

  @Test
  void two_concurrent_first_runs_create_exactly_one_administrator() throws Exception {
    int contenders = 6;
    CyclicBarrier barrier = new CyclicBarrier(contenders);
    List<CompletableFuture<Integer>> results = new ArrayList<>();
    for (int i = 0; i < contenders; i++) {
      WebClient client = server.client();
      client.get("/first_run");
      int n = i;
      results.add(CompletableFuture.supplyAsync(() -> {
        try {
          barrier.await();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        return client.post("/first_run", Map.of("user[name]", "Admin " + n, "user[email_address]", "admin" + n + "@example.com",
            "user[password]", Fixtures.PASSWORD)).statusCode();
      }));
    }
    for (var result : results) assertThat(result.get()).isEqualTo(302);
    assertThat(server.count("SELECT COUNT(*) FROM accounts")).isEqualTo(1);
    assertThat(server.count("SELECT COUNT(*) FROM users")).isEqualTo(1);
    assertThat(server.count("SELECT COUNT(*) FROM users WHERE role = 'administrator'")).isEqualTo(1);
    assertThat(server.count("SELECT COUNT(*) FROM rooms")).isEqualTo(1);
  }
}
