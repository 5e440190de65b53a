package campfire.search;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.Fixtures;
import campfire.support.TestServer;
import campfire.support.WebClient;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SearchTest {
  static final Pattern RESULT = Pattern.compile("class=\"message search-result\" data-message-id=\"(\\d+)\"");
  TestServer server;
  WebClient alice;
  WebClient bob;
  WebClient carol;
  long allTalk;

  @BeforeEach
  void start() {
    server = TestServer.start();
    alice = Fixtures.admin(server);
    bob = Fixtures.member(server, "Bob Member", "bob@example.com");
    carol = Fixtures.member(server, "Carol Member", "carol@example.com");
    allTalk = Fixtures.allTalk(server);
    for (WebClient client : List.of(alice, bob, carol)) client.get("/searches");
  }

  @AfterEach
  void stop() { server.close(); }

  static String q(String query) { return "/searches?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8); }

  static List<Long> results(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("id=\"search-results\"");
    List<Long> ids = new ArrayList<>();
    Matcher m = RESULT.matcher(response.body());
    while (m.find()) ids.add(Long.parseLong(m.group(1)));
    return ids;
  }

  long closedRoom(WebClient creator, String name, long... members) {
    StringBuilder body = new StringBuilder("authenticity_token=" + URLEncoder.encode(creator.csrfToken(), StandardCharsets.UTF_8)
        + "&room%5Bname%5D=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    for (long id : members) body.append("&user_ids%5B%5D=").append(id);
    var response = creator.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/rooms/closeds")))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())));
    assertThat(response.statusCode()).isEqualTo(303);
    return Long.parseLong(response.headers().firstValue("Location").orElseThrow().substring("/rooms/".length()));
  }

  @Test
  void search_finds_words_by_their_stem_and_shows_them_oldest_first() {
    long first = Fixtures.say(server, bob, allTalk, "<p>She runs the kitchen</p>");
    long second = Fixtures.say(server, alice, allTalk, "<p>I was <strong>running</strong> late</p>");
    Fixtures.say(server, alice, allTalk, "<p>Nothing to see here</p>");
    assertThat(results(carol.get(q("run")))).containsExactly(first, second);
    assertThat(results(carol.get(q("RUNNING kitchen")))).containsExactly(first);
    var page = carol.get(q("running")).body();
    assertThat(page).contains("Bob Member", "#All Talk", "/rooms/" + allTalk + "/@" + first);
  }

  @Test
  void punctuation_quotes_and_operators_never_raise_an_error() {
    long id = Fixtures.say(server, bob, allTalk, "<p>don't panic: it's near the end-of-line (really)</p>");
    for (String query : List.of("\"", "\"unbalanced", "don't", "near(", "NEAR(panic end)", "panic AND", "OR", "NOT panic", "*", "pan*",
        "body:panic", "^panic", "-", "'; DROP TABLE messages; --", "(", ")", "{}", "end-of-line", "\\", "%", "_", "🙂", "   ")) {
      HttpResponse<String> response = carol.get(q(query));
      assertThat(response.statusCode()).as(query).isEqualTo(200);
    }
    assertThat(results(carol.get(q("end-of-line")))).containsExactly(id);
    assertThat(results(carol.get(q("\"panic\" (really)")))).containsExactly(id);
    assertThat(results(carol.get(q("NOT panic")))).isEmpty();
    assertThat(server.count("SELECT COUNT(*) FROM messages")).isEqualTo(1);
  }

  @Test
  void results_never_include_a_closed_room_the_searcher_is_not_in() {
    long carolId = Fixtures.userId(server, "carol@example.com");
    long vault = closedRoom(bob, "Vault", carolId);
    long secret = Fixtures.say(server, bob, vault, "<p>the pineapple plan</p>");
    long open = Fixtures.say(server, alice, allTalk, "<p>pineapple on pizza</p>");
    assertThat(results(carol.get(q("pineapple")))).containsExactly(secret, open);
    HttpResponse<String> outsider = alice.get(q("pineapple"));
    assertThat(results(outsider)).containsExactly(open);
    assertThat(outsider.body()).doesNotContain("Vault", "pineapple plan");
  }

  @Test
  void leaving_a_room_removes_its_messages_from_your_results_at_once() {
    long carolId = Fixtures.userId(server, "carol@example.com");
    long aliceId = Fixtures.userId(server, "alice@example.com");
    long room = closedRoom(bob, "Planning", carolId, aliceId);
    long said = Fixtures.say(server, bob, room, "<p>quarterly numbers</p>");
    assertThat(results(alice.get(q("quarterly")))).containsExactly(said);
    server.app().database().writeVoid(h -> h.execute("DELETE FROM memberships WHERE room_id = ? AND user_id = ?", room, aliceId));
    assertThat(results(alice.get(q("quarterly")))).isEmpty();
  }

  @Test
  void an_edited_message_is_found_by_its_new_words_and_a_deleted_one_not_at_all() {
    long id = Fixtures.say(server, bob, allTalk, "<p>original wording</p>");
    bob.get("/rooms/" + allTalk);
    var edit = bob.postStream("/rooms/" + allTalk + "/messages/" + id, Map.of("_method", "patch", "message[body]", "<p>revised phrasing</p>"));
    assertThat(edit.statusCode()).isEqualTo(200);
    assertThat(results(carol.get(q("revised")))).containsExactly(id);
    assertThat(results(carol.get(q("original")))).isEmpty();
    var delete = bob.postStream("/rooms/" + allTalk + "/messages/" + id, Map.of("_method", "delete"));
    assertThat(delete.statusCode()).isEqualTo(200);
    assertThat(results(carol.get(q("revised")))).isEmpty();
  }

  @Test
  void recent_searches_keep_the_newest_ten_per_person_and_can_be_cleared() {
    for (int i = 1; i <= 12; i++) {
      var response = alice.post("/searches", Map.of("q", "topic " + i));
      assertThat(response.statusCode()).isEqualTo(303);
      assertThat(response.headers().firstValue("Location")).contains("/searches?q=topic+" + i);
    }
    alice.post("/searches", Map.of("q", "topic 5"));
    assertThat(server.count("SELECT COUNT(*) FROM searches")).isEqualTo(10);
    String page = alice.get("/searches").body();
    assertThat(page).contains("Recent searches", "topic 12", "topic 3").doesNotContain("topic 1<", "topic 2<");
    assertThat(page.indexOf("topic 5")).isLessThan(page.indexOf("topic 12"));
    assertThat(carol.get("/searches").body()).doesNotContain("Recent searches");

    carol.post("/searches", Map.of("q", "mine"));
    bob.post("/searches", Map.of("q", "bobs"));
    assertThat(bob.post("/searches/clear", Map.of("_method", "delete")).statusCode()).isEqualTo(303);
    assertThat(server.count("SELECT COUNT(*) FROM searches")).isEqualTo(11);
    var cleared = alice.post("/searches/clear", Map.of("_method", "delete"));
    assertThat(cleared.statusCode()).isEqualTo(303);
    assertThat(server.count("SELECT COUNT(*) FROM searches")).isEqualTo(1);
    assertThat(alice.get("/searches").body()).doesNotContain("Recent searches");
  }

  @Test
  void bad_input_gets_a_clear_4xx_and_changes_nothing() {
    String tooLong = "a".repeat(SearchQuery.MAX_CHARS + 1);
    assertThat(alice.get(q(tooLong)).statusCode()).isEqualTo(400);
    assertThat(alice.post("/searches", Map.of("q", tooLong)).statusCode()).isEqualTo(400);
    assertThat(alice.post("/searches", Map.of("q", "  ?! ")).statusCode()).isEqualTo(303);
    assertThat(alice.postRaw("/searches", Map.of("q", "no token")).statusCode()).isEqualTo(422);
    assertThat(server.count("SELECT COUNT(*) FROM searches")).isZero();
  }

  @Test
  void outsiders_are_sent_to_sign_in() {
    WebClient outsider = server.client();
    var page = outsider.get(q("anything"));
    assertThat(page.statusCode()).isEqualTo(303);
    assertThat(page.headers().firstValue("Location")).contains("/session/new");
    outsider.get("/session/new");
    assertThat(outsider.post("/searches", Map.of("q", "x")).statusCode()).isEqualTo(401);
    assertThat(outsider.post("/searches/clear", Map.of("_method", "delete")).statusCode()).isEqualTo(401);
  }

  @Test
  void the_query_parser_turns_everything_but_letters_and_digits_into_spaces() {
    assertThat(SearchQuery.parse("\"Hello,\" world's (end)").ftsMatch()).isEqualTo("\"hello\" \"world\" \"s\" \"end\"");
    assertThat(SearchQuery.parse("***").isEmpty()).isTrue();
    assertThat(SearchQuery.parse(null).isEmpty()).isTrue();
  }
}
