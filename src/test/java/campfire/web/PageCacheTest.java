package campfire.web;

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

/**
 * Kept pages (PageCache): a page is sent again only to the browser it was made for, and only
 * while nothing has been written since. On PostgreSQL nothing is kept, and the same holds.
 */
class PageCacheTest {
  TestServer server;
  WebClient alice;
  WebClient bob;
  long allTalk;
  String room;

  @BeforeEach
  void start() {
    server = TestServer.start();
    alice = Fixtures.admin(server);
    bob = Fixtures.member(server, "Bob Member", "bob@example.com");
    allTalk = Fixtures.allTalk(server);
    room = "/rooms/" + allTalk;
    alice.get(room);
    bob.get(room);
  }

  @AfterEach
  void stop() { server.close(); }

  static String etag(HttpResponse<String> response) { return response.headers().firstValue("ETag").orElseThrow(); }

  HttpResponse<String> revalidate(WebClient who, String path, String etag) {
    return who.send(HttpRequest.newBuilder(URI.create(server.url(path))).GET().header("Accept", "text/html").header("If-None-Match", etag));
  }

  @Test
  void two_people_reading_the_same_room_each_get_their_own_page() {
    Fixtures.say(server, alice, allTalk, "<p>shared words</p>");
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> alices = alice.get(room);
      HttpResponse<String> bobs = bob.get(room);
      assertThat(alices.body()).contains("shared words", "<span class=\"sidebar__me\">Alice Admin</span>", alice.csrfToken())
          .doesNotContain("<span class=\"sidebar__me\">Bob Member</span>", bob.csrfToken());
      assertThat(bobs.body()).contains("shared words", "<span class=\"sidebar__me\">Bob Member</span>", bob.csrfToken())
          .doesNotContain("<span class=\"sidebar__me\">Alice Admin</span>", alice.csrfToken());
      assertThat(etag(alices)).isNotEqualTo(etag(bobs));
      assertThat(bob.get("/users/me/sidebar").body()).contains("Bob Member").doesNotContain("Alice Admin");
      assertThat(bob.get("/searches?q=shared").body()).contains("shared words", bob.csrfToken()).doesNotContain(alice.csrfToken());
    }
  }

  @Test
  void an_unchanged_page_keeps_its_etag_and_revalidates_with_304_until_something_is_written() throws Exception {
    String first = etag(alice.get(room));
    HttpResponse<String> again = alice.get(room);
    assertThat(etag(again)).isEqualTo(first);
    assertThat(again.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
    // The kept page gzipped is the same page.
    HttpResponse<byte[]> gzipped = alice.sendBytes(HttpRequest.newBuilder(URI.create(server.url(room))).GET()
        .header("Accept", "text/html").header("Accept-Encoding", "gzip"));
    assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(gzipped.headers().firstValue("ETag")).hasValue(first);
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body()))) {
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(again.body());
    }
    HttpResponse<String> notModified = revalidate(alice, room, first);
    assertThat(notModified.statusCode()).isEqualTo(304);
    assertThat(notModified.body()).isEmpty();

    Fixtures.say(server, bob, allTalk, "<p>news from Bob</p>");
    HttpResponse<String> changed = revalidate(alice, room, first);
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.body()).contains("news from Bob");
    assertThat(etag(changed)).isNotEqualTo(first);
    assertThat(revalidate(bob, room, first).statusCode()).as("another person's ETag is not theirs").isEqualTo(200);
  }

  @Test
  void an_edit_a_delete_a_boost_and_a_rename_show_on_the_next_load() {
    long message = Fixtures.say(server, bob, allTalk, "<p>first draft</p>");
    String path = room + "/messages/" + message;
    assertThat(alice.get(room).body()).contains("first draft");
    assertThat(alice.get(room + "/messages?after=0").body()).contains("first draft");

    assertThat(bob.postStream(path, Map.of("_method", "patch", "message[body]", "<p>second draft</p>")).statusCode()).isEqualTo(200);
    assertThat(alice.get(room).body()).contains("second draft").doesNotContain("first draft");
    assertThat(alice.get(room + "/messages?after=0").body()).contains("second draft").doesNotContain("first draft");
    assertThat(alice.get("/searches?q=draft").body()).contains("second draft");

    assertThat(alice.postStream("/messages/" + message + "/boosts", Map.of("boost[content]", "🎸 rocks")).statusCode()).isEqualTo(201);
    assertThat(bob.get(room).body()).contains("🎸 rocks");

    assertThat(alice.post("/rooms/opens/" + allTalk, Map.of("_method", "patch", "room[name]", "Campfire Lounge")).statusCode()).isEqualTo(303);
    assertThat(bob.get(room).body()).contains("Campfire Lounge");
    assertThat(bob.get("/users/me/sidebar").body()).contains("Campfire Lounge");

    assertThat(bob.postStream(path, Map.of("_method", "delete")).statusCode()).isEqualTo(200);
    assertThat(alice.get(room).body()).doesNotContain("second draft");
    assertThat(alice.get("/searches?q=draft").body()).doesNotContain("second draft");
  }

  @Test
  void a_signed_out_session_is_refused_even_where_its_page_was_kept() {
    assertThat(alice.get(room).statusCode()).isEqualTo(200);
    WebClient copy = server.client();
    for (String name : new String[] {"session_token", "csrf_seed", "last_room"}) copy.setCookie(name, alice.cookie(name));
    assertThat(copy.get(room).statusCode()).isEqualTo(200);

    assertThat(alice.post("/session", Map.of("_method", "delete")).statusCode()).isEqualTo(303);
    HttpResponse<String> after = copy.get(room);
    assertThat(after.statusCode()).isEqualTo(303);
    assertThat(after.headers().firstValue("Location")).hasValue("/session/new");
  }

  @Test
  void a_page_with_a_notice_is_never_kept() {
    assertThat(alice.get(room).body()).doesNotContain("Saved!");
    WebClient withNotice = server.client();
    for (String name : new String[] {"session_token", "csrf_seed", "last_room"}) withNotice.setCookie(name, alice.cookie(name));
    withNotice.setCookie("flash", "Saved%21");
    HttpResponse<String> shown = withNotice.get(room);
    assertThat(shown.body()).contains("role=\"status\">Saved!</p>");
    assertThat(shown.headers().firstValue("ETag")).isEmpty();
    assertThat(alice.get(room).body()).doesNotContain("Saved!");
  }
}
