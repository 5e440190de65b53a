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
  void an_allowed_intranet_page_gives_its_card_with_an_image_served_by_campfire() throws Exception {
    server.close();
    server = TestServer.start(java.util.Map.of("OUTBOUND_ALLOWED_HOSTS", "127.0.0.1"));
    alice = Fixtures.admin(server);
    alice.get("/rooms/" + Fixtures.allTalk(server));
    byte[] png = campfire.attachments.TestPictures.png(300, 200);
    site.page("/card.png", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "image/png");
      exchange.sendResponseHeaders(200, png.length);
      exchange.getResponseBody().write(png);
    });
    HttpResponse<String> response = unfurl("{\"url\": \"" + site.url("/post") + "\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("\"title\":\"Campfire is back\"", "\"description\":\"Group chat, on your own server.\"",
        "\"url\":\"" + site.url("/post") + "\"");
    java.util.regex.Matcher image = java.util.regex.Pattern.compile("\"image\":\"(/unfurl_images/[0-9a-f]{64})\"").matcher(response.body());
    assertThat(image.find()).as(response.body()).isTrue();
    var card = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("html").asText();
    assertThat(card).as("the card drawn as messages draw it").isEqualTo(campfire.messages.Presentation.linkCard(site.url("/post"),
        "Campfire is back", "Group chat, on your own server.", image.group(1)));
    assertThat(card).contains("class=\"og-card\"", "og-card__title", "og-card__host");
    HttpResponse<byte[]> served = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url(image.group(1))))
        .header("Cookie", "session_token=" + alice.cookie("session_token")).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/png");
    assertThat(served.body()).isEqualTo(png);
    // The allowance is for that exact address: a redirect to the metadata service is still refused.
    assertThat(unfurl("{\"url\": \"" + site.url("/") + "\"}").statusCode()).isEqualTo(422);
    assertThat(server.client().get(image.group(1)).statusCode()).isIn(302, 303, 401);
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
