package campfire.messages;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.Fixtures;
import campfire.support.TestServer;
import campfire.support.WebClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessagesTest {
  TestServer server;
  WebClient alice;
  WebClient bob;
  long allTalk;

  @BeforeEach
  void start() {
    server = TestServer.start();
    alice = Fixtures.admin(server);
    bob = Fixtures.member(server, "Bob Member", "bob@example.com");
    allTalk = Fixtures.allTalk(server);
    alice.get("/rooms/" + allTalk);
    bob.get("/rooms/" + allTalk);
  }

  @AfterEach
  void stop() { server.close(); }

  HttpResponse<String> post(WebClient who, long room, String body, String clientId) {
    return who.postStream("/rooms/" + room + "/messages", Map.of("message[body]", body, "message[client_message_id]", clientId));
  }

  @Test
  void posting_stores_the_message_indexes_it_and_answers_with_the_turbo_stream_of_it() {
    HttpResponse<String> response = post(alice, allTalk, "<p>Hello <strong>campfires</strong></p>", "abc-123");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/vnd.turbo-stream.html");
    assertThat(response.body()).contains("<turbo-stream action=\"append\" target=\"messages_room_" + allTalk + "\">",
        "id=\"message_abc-123\"", "id=\"presentation_message_abc-123\"", "id=\"boosts_message_abc-123\"",
        "<strong>campfires</strong>", "Alice Admin");
    assertThat(server.string("SELECT body_plain FROM messages WHERE client_message_id = 'abc-123'")).isEqualTo("Hello campfires");
    assertThat(server.searchIndexMatches("campfire")).isEqualTo(1);
    assertThat(bob.get("/rooms/" + allTalk).body()).contains("id=\"message_abc-123\"", "data-message-id=");
  }

  @Test
  void the_same_client_message_id_is_stored_once() {
    assertThat(post(alice, allTalk, "<p>once</p>", "same-id").statusCode()).isEqualTo(200);
    HttpResponse<String> again = post(alice, allTalk, "<p>once</p>", "same-id");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).contains("id=\"message_same-id\"");
    assertThat(server.count("SELECT COUNT(*) FROM messages")).isEqualTo(1);
  }

  @Test
  void a_client_message_id_is_scoped_to_its_room_and_never_answers_with_another_rooms_message() {
    assertThat(post(alice, allTalk, "<p>for everyone in All Talk</p>", "shared-id").statusCode()).isEqualTo(200);
    HttpResponse<String> created = alice.post("/rooms/closeds", Map.of("room[name]", "Alone"));
    long alone = Long.parseLong(created.headers().firstValue("Location").orElseThrow().replaceAll("\\D", ""));
    HttpResponse<String> reused = post(alice, alone, "<p>elsewhere</p>", "shared-id");
    assertThat(reused.statusCode()).isEqualTo(409);
    assertThat(reused.body()).doesNotContain("for everyone in All Talk");
    assertThat(server.count("SELECT COUNT(*) FROM messages WHERE room_id = ?", alone)).isZero();
    assertThat(post(bob, allTalk, "<p>Bob's own</p>", "shared-id").statusCode()).as("another author's ids are theirs").isEqualTo(200);
    assertThat(server.count("SELECT COUNT(*) FROM messages WHERE client_message_id = 'shared-id'")).isEqualTo(2);
  }

  @Test
  void posting_marks_the_room_unread_for_the_others_and_not_the_author() {
    post(alice, allTalk, "<p>news</p>", "n1");
    long bobId = Fixtures.userId(server, "bob@example.com");
    long aliceId = Fixtures.userId(server, "alice@example.com");
    assertThat(server.count("SELECT COUNT(*) FROM memberships WHERE user_id = ? AND unread_at IS NOT NULL", bobId)).isEqualTo(1);
    assertThat(server.count("SELECT COUNT(*) FROM memberships WHERE user_id = ? AND unread_at IS NOT NULL", aliceId)).isZero();
    // Unread in Bob's sidebar anywhere but in the room itself, which he is opening.
    assertThat(bob.get("/users/me/sidebar").body()).contains("room-link--unread");
    assertThat(bob.get("/rooms/" + allTalk).body()).doesNotContain("room-link--unread");
  }

  @Test
  void bad_messages_get_a_clear_4xx_and_store_nothing() {
    assertThat(post(alice, allTalk, "", "e1").statusCode()).isEqualTo(422);
    assertThat(post(alice, allTalk, "<p> &nbsp; </p><p><br></p>", "e2").statusCode()).isEqualTo(422);
    assertThat(post(alice, allTalk, "<script>alert(1)</script>", "e3").statusCode()).isEqualTo(422);
    assertThat(post(alice, allTalk, "<p>" + "x".repeat(100_001) + "</p>", "e4").statusCode()).isEqualTo(413);
    assertThat(post(alice, allTalk, "<p>hi</p>", "not valid!").statusCode()).isEqualTo(422);
    assertThat(post(alice, 9999, "<p>hi</p>", "e5").statusCode()).isEqualTo(404);
    assertThat(alice.postRaw("/rooms/" + allTalk + "/messages", Map.of("message[body]", "<p>no token</p>")).statusCode()).isEqualTo(422);
    assertThat(server.count("SELECT COUNT(*) FROM messages")).isZero();
  }

  @Test
  void script_in_a_message_never_survives_in_storage_or_on_the_page() {
    String attack = "<p>hi<img src=x onerror=\"alert(1)\"></p><script>alert(2)</script><a href=\"javascript:alert(3)\">link</a>"
        + "<div onclick=\"alert(4)\" style=\"background:url(x)\">box</div><iframe src=\"https://evil.example\"></iframe>"
        + "<a href=\"https://example.com/\">safe</a>";
    assertThat(post(alice, allTalk, attack, "x1").statusCode()).isEqualTo(200);
    String stored = server.string("SELECT body_html FROM messages WHERE client_message_id = 'x1'");
    String page = bob.get("/rooms/" + allTalk).body();
    for (String html : new String[] {stored, page.substring(page.indexOf("id=\"message_x1\""))}) {
      assertThat(html).doesNotContainIgnoringCase("onerror").doesNotContainIgnoringCase("<script")
          .doesNotContainIgnoringCase("javascript:").doesNotContainIgnoringCase("onclick").doesNotContainIgnoringCase("<iframe")
          .doesNotContain("style=");
    }
    assertThat(stored).contains("href=\"https://example.com/\"", "target=\"_blank\"", "noopener");
  }

  @Test
  void only_the_author_or_an_administrator_may_edit_or_delete() {
    long bobsMessage = Fixtures.say(server, bob, allTalk, "<p>typo</p>");
    long alicesMessage = Fixtures.say(server, alice, allTalk, "<p>admin words</p>");
    String bobsPath = "/rooms/" + allTalk + "/messages/" + bobsMessage;
    String alicesPath = "/rooms/" + allTalk + "/messages/" + alicesMessage;

    assertThat(bob.get(alicesPath + "/edit").statusCode()).isEqualTo(403);
    assertThat(bob.postStream(alicesPath, Map.of("_method", "patch", "message[body]", "<p>hacked</p>")).statusCode()).isEqualTo(403);
    assertThat(bob.postStream(alicesPath, Map.of("_method", "delete")).statusCode()).isEqualTo(403);
    assertThat(server.string("SELECT body_plain FROM messages WHERE id = ?", alicesMessage)).isEqualTo("admin words");

    HttpResponse<String> edit = bob.get(bobsPath + "/edit");
    assertThat(edit.statusCode()).isEqualTo(200);
    assertThat(edit.body()).contains("aria-label=\"Edit message\"", "Save changes");
    HttpResponse<String> edited = bob.postStream(bobsPath, Map.of("_method", "patch", "message[body]", "<p>fixed</p>"));
    assertThat(edited.statusCode()).isEqualTo(200);
    assertThat(edited.body()).contains("action=\"replace\"", "fixed", "edited");
    assertThat(server.searchIndexMatches("fixed")).isEqualTo(1);
    assertThat(bob.postStream(bobsPath, Map.of("_method", "patch", "message[body]", "<p></p>")).statusCode()).isEqualTo(422);

    assertThat(alice.postStream(bobsPath, Map.of("_method", "delete")).body()).contains("action=\"remove\"");
    assertThat(server.count("SELECT COUNT(*) FROM messages WHERE id = ?", bobsMessage)).isZero();
    assertThat(alice.get(bobsPath + "/edit").statusCode()).isEqualTo(404);
  }

  @Test
  void the_room_shows_the_newest_forty_and_pages_back_and_forth() {
    long first = 0;
    for (int i = 1; i <= 45; i++) {
      long id = Fixtures.say(server, alice, allTalk, "<p>message number " + i + "</p>");
      if (i == 1) first = id;
    }
    String page = bob.get("/rooms/" + allTalk).body();
    assertThat(page).contains("message number 45", "message number 6").doesNotContain("message number 5<");
    long oldestShown = first + 5;

    HttpResponse<String> older = bob.get("/rooms/" + allTalk + "/messages?before=" + oldestShown);
    assertThat(older.statusCode()).isEqualTo(200);
    assertThat(older.body()).contains("message number 1<", "message number 5<").doesNotContain("message number 6<");
    String etag = older.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> cached = bob.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/rooms/" + allTalk
        + "/messages?before=" + oldestShown))).header("If-None-Match", etag));
    assertThat(cached.statusCode()).isEqualTo(304);

    assertThat(bob.get("/rooms/" + allTalk + "/messages?before=" + first).statusCode()).isEqualTo(204);
    HttpResponse<String> newer = bob.get("/rooms/" + allTalk + "/messages?after=" + (first + 40));
    assertThat(newer.body()).contains("message number 42<", "message number 45<").doesNotContain("message number 41<");
    assertThat(bob.get("/rooms/" + allTalk + "/messages?before=abc").statusCode()).isEqualTo(400);

    HttpResponse<String> permalink = bob.get("/rooms/" + allTalk + "/@" + (first + 2));
    assertThat(permalink.statusCode()).isEqualTo(200);
    assertThat(permalink.body()).contains("message number 1<", "message number 3<", "message number 43<")
        .contains("data-messages-focus-value=\"" + (first + 2) + "\"");
    assertThat(bob.get("/rooms/" + allTalk + "/@999999").statusCode()).isEqualTo(404);
  }

  @Test
  void a_reconnecting_client_gets_what_it_missed_as_turbo_streams() throws Exception {
    long before = System.currentTimeMillis() - 1; // what the client saw last, just before the message
    long id = Fixtures.say(server, alice, allTalk, "<p>while you were away</p>");
    HttpResponse<String> refresh = bob.get("/rooms/" + allTalk + "/refresh?since=" + before, "text/vnd.turbo-stream.html");
    assertThat(refresh.statusCode()).isEqualTo(200);
    assertThat(refresh.body()).contains("action=\"append\"", "while you were away", "data-message-id=\"" + id + "\"");
    assertThat(bob.get("/rooms/" + allTalk + "/refresh?since=soon").statusCode()).isEqualTo(400);
  }
}
