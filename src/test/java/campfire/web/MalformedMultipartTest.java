package campfire.web;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.Fixtures;
import campfire.support.TestServer;
import campfire.support.WebClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A multipart body that cannot be read is the client's fault: a clear 400, never a 500, and nothing changes. */
class MalformedMultipartTest {
  private static final List<String> BROKEN = List.of(
      "--edge\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"a.png\"\r\n\r\nno closing boundary",
      "not multipart at all",
      "--edge\r\nContent-Disposition: form-data\r\n\r\nx\r\n--edge--\r\n",
      "--other\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\ny\r\n--other--\r\n");
  private TestServer server;
  private WebClient alice;
  private long allTalk;

  @BeforeEach
  void start() {
    server = TestServer.start();
    alice = Fixtures.admin(server);
    allTalk = Fixtures.allTalk(server);
  }

  @AfterEach
  void stop() { server.close(); }

  @Test
  void the_bot_api_the_profile_and_the_account_answer_400_to_a_broken_multipart_body() {
    assertThat(alice.post("/account/bots", Map.of("user[name]", "Deploy Bot", "user[webhook_url]", "")).statusCode()).isEqualTo(303);
    long botId = server.count("SELECT id FROM users WHERE role = 'bot'");
    String botPath = "/rooms/" + allTalk + "/" + botId + "-" + server.string("SELECT bot_token FROM users WHERE id = ?", botId) + "/messages";
    alice.get("/users/me/profile");
    String before = state();
    for (String body : BROKEN) {
      HttpResponse<String> bot = onItsOwnConnection(multipart(botPath, body, null));
      assertThat(bot.statusCode()).as("bot API: " + body).isBetween(400, 499);
      assertThat(bot.body()).doesNotContain("Exception", "at campfire.");
      for (String path : List.of("/users/me/profile", "/account")) {
        HttpResponse<String> page = onItsOwnConnection(multipart(path, body, alice.csrfToken())
            .header("Cookie", alice.cookieHeader()).method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
        assertThat(page.statusCode()).as(path + ": " + body).isBetween(400, 499);
        if (BROKEN.indexOf(body) < 2) assertThat(page.statusCode()).as(path + ": " + body).isEqualTo(400);
        assertThat(page.body()).doesNotContain("Exception", "at campfire.");
      }
    }
    assertThat(onItsOwnConnection(multipart(botPath, BROKEN.get(0), null)).statusCode()).as("a truncated body").isEqualTo(400);
    assertThat(state()).isEqualTo(before);
  }

  /**
   * Jetty closes a connection whose body it could not read once it has answered (it cannot tell
   * where the next request starts), so each broken body goes on a connection of its own.
   */
  private static HttpResponse<String> onItsOwnConnection(HttpRequest.Builder request) {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest.Builder multipart(String path, String body, String csrf) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path)))
        .header("Content-Type", "multipart/form-data; boundary=edge")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (csrf != null) request.header("X-CSRF-Token", csrf);
    return request;
  }

  private String state() {
    return server.count("SELECT COUNT(*) FROM messages") + "|" + server.string("SELECT name FROM accounts") + "|"
        + server.string("SELECT name || COALESCE(bio, '') || COALESCE(CAST(avatar_key AS TEXT), '') FROM users WHERE email_address = 'alice@example.com'");
  }
}
