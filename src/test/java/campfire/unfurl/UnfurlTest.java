package campfire.unfurl;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.Fixtures;
import campfire.support.TestServer;
import campfire.support.WebClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UnfurlTest {
  TestServer server;
  WebClient alice;
  LoopbackSite site;

  @BeforeEach
  void start() {
    server = TestServer.start();
    alice = Fixtures.admin(server);
    alice.get("/rooms/" + Fixtures.allTalk(server));
    site = new LoopbackSite().page("/", exchange -> LoopbackSite.redirect(exchange, "http://169.254.169.254/latest/meta-data/"))
        .page("/post", exchange -> LoopbackSite.html(exchange, PublicFetcherTest.PAGE));
  }

  @AfterEach
  void stop() {
    site.close();
    server.close();
  }

  HttpResponse<String> unfurl(String json) {
    return alice.send(HttpRequest.newBuilder(URI.create(server.url("/unfurl_link")))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .header("X-CSRF-Token", alice.csrfToken()).POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  @Test
  void links_to_private_addresses_are_refused_and_never_fetched() {
    for (String url : new String[] {site.url("/post"), site.url("/"), "http://localhost:" + site.server.getAddress().getPort() + "/post",
        "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://10.1.2.3/"}) {
      HttpResponse<String> response = unfurl("{\"url\": \"" + url + "\"}");
      assertThat(response.statusCode()).as(url).isEqualTo(422);
      assertThat(response.body()).as(url).contains("private");
    }
    assertThat(site.hits.get()).isZero();
  }

  @Test
  void bad_requests_get_a_clear_4xx() {
    assertThat(unfurl("{}").statusCode()).isEqualTo(400);
    assertThat(unfurl("not json").statusCode()).isEqualTo(400);
    assertThat(unfurl("{\"url\": \"ftp://example.com/\"}").statusCode()).isEqualTo(400);
    assertThat(unfurl("{\"url\": \"javascript:alert(1)\"}").statusCode()).isEqualTo(400);
    assertThat(unfurl("{\"url\": \"http://exa mple.com\"}").statusCode()).isEqualTo(400);
    assertThat(unfurl("{\"url\": \"https://example.com/" + "a".repeat(2100) + "\"}").statusCode()).isEqualTo(400);
    assertThat(alice.postStream("/unfurl_link", Map.of()).statusCode()).isEqualTo(400);
    assertThat(alice.postRaw("/unfurl_link", Map.of("url", site.url("/post"))).statusCode()).isEqualTo(422);
    assertThat(site.hits.get()).isZero();
  }

  @Test
  void signed_out_people_cannot_use_the_fetcher() {
    WebClient stranger = server.client();
    stranger.get("/session/new");
    HttpResponse<String> response = stranger.postStream("/unfurl_link", Map.of("url", "https://example.com/"));
    assertThat(response.statusCode()).isIn(302, 303, 401);
    assertThat(site.hits.get()).isZero();
  }
}
