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

class JoinTest {
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start();
    Fixtures.admin(server);
  }

  @AfterEach
  void stop() { server.close(); }

  @Test
  void joining_through_the_invite_link_makes_a_member_of_every_open_room() {
    String join = Fixtures.joinPath(server);
    assertThat(join).matches("/join/[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}");
    WebClient bob = server.client();
    HttpResponse<String> form = bob.get(join);
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("Join Campfire", "name=\"user[name]\"");

    HttpResponse<String> joined = bob.post(join, Map.of("user[name]", "Bob Member", "user[email_address]", "bob@example.com",
        "user[password]", Fixtures.PASSWORD));
    assertThat(joined.statusCode()).isEqualTo(302);
    assertThat(server.string("SELECT role FROM users WHERE email_address = 'bob@example.com'")).isEqualTo("member");
    assertThat(server.count("SELECT COUNT(*) FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.name = 'Bob Member'"))
        .isEqualTo(server.count("SELECT COUNT(*) FROM rooms WHERE type = 'open'"));
    String room = bob.get("/").headers().firstValue("Location").orElseThrow();
    assertThat(bob.get(room).body()).contains("All Talk", "Bob Member",
        "<p class=\"notice notice--floating\" role=\"status\">Welcome to Campfire! Everyone here is in this room: say hello.");
    assertThat(bob.get(room).body()).as("the welcome is said once").doesNotContain("Welcome to Campfire!");
  }

  @Test
  void a_bad_join_code_is_404_and_creates_nobody() {
    WebClient visitor = server.client();
    assertThat(visitor.get("/join/aaaa-bbbb-cccc").statusCode()).isEqualTo(404);
    visitor.get("/session/new");
    assertThat(visitor.post("/join/aaaa-bbbb-cccc", Map.of("user[name]", "Eve", "user[email_address]", "eve@example.com",
        "user[password]", Fixtures.PASSWORD)).statusCode()).isEqualTo(404);
    assertThat(server.count("SELECT COUNT(*) FROM users")).isEqualTo(1);
  }

  @Test
  void an_existing_email_goes_to_the_sign_in_page_and_creates_nobody() {
    String join = Fixtures.joinPath(server);
    WebClient visitor = server.client();
    visitor.get(join);
    HttpResponse<String> response = visitor.post(join, Map.of("user[name]", "Alice Again", "user[email_address]", "alice@example.com",
        "user[password]", "another password"));
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location")).hasValue("/session/new");
    assertThat(visitor.get("/session/new").body()).contains("You already have an account");
    assertThat(server.count("SELECT COUNT(*) FROM users")).isEqualTo(1);
  }

  @Test
  void an_over_long_password_is_refused_with_422() {
    String join = Fixtures.joinPath(server);
    WebClient visitor = server.client();
    visitor.get(join);
    HttpResponse<String> response = visitor.post(join, Map.of("user[name]", "Carol", "user[email_address]", "carol@example.com",
        "user[password]", "p".repeat(73)));
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("Password is too long");
    assertThat(server.count("SELECT COUNT(*) FROM users")).isEqualTo(1);
  }
}
