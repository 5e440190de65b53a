package campfire.search;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.Fixtures;
import campfire.support.TestServer;
import campfire.support.WebClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** 200,000 messages: the newest-first probe uses the full-text index and still gives the right answer. */
class LargeSearchTest {
  static final int MESSAGES = 200_000;
  static TestServer server;
  static WebClient alice;
  static long allTalk;
  static long vault;

  @BeforeAll
  static void generate() {
    server = TestServer.start();
    alice = Fixtures.admin(server);
    WebClient bob = Fixtures.member(server, "Bob Member", "bob@example.com");
    allTalk = Fixtures.allTalk(server);
    bob.get("/rooms/closeds/new");
    var created = bob.send(HttpRequest.newBuilder(URI.create(server.url("/rooms/closeds")))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("authenticity_token=" + URLEncoder.encode(bob.csrfToken(), StandardCharsets.UTF_8)
            + "&room%5Bname%5D=Vault")));
    vault = Long.parseLong(created.headers().firstValue("Location").orElseThrow().substring("/rooms/".length()));
    long bobId = Fixtures.userId(server, "bob@example.com");
    // Even messages in All Talk (everyone), odd ones in Bob's closed Vault. "needle" is in every
    // Vault message but only in three old All Talk ones, so Alice's matches are rare and far back.
    // "sparse" is in every Vault message and every 20th All Talk one: each probe of 1,000 holds
    // about 50 of Alice's, so her hundred take several probes.
    server.app().database().writeVoid(h -> h.execute(
        "WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ?) "
            + "INSERT INTO messages (room_id, creator_id, client_message_id, body_html, body_plain, created_at, updated_at) "
            + "SELECT CASE WHEN n % 2 = 0 THEN ? ELSE ? END, ?, 'generated-' || n, '', "
            + "'common chatter number ' || n || CASE WHEN n % 2 = 1 OR n IN (10, 20, 30) THEN ' needle' ELSE '' END "
            + "|| CASE WHEN n % 2 = 1 OR n % 40 = 0 THEN ' sparse' ELSE '' END, n, n FROM seq",
        MESSAGES, allTalk, vault, bobId));
    if (server.postgres()) server.app().database().writeVoid(h -> h.execute("ANALYZE"));
  }

  @AfterAll
  static void stop() { server.close(); }

  static List<Long> results(String query) {
    var response = alice.get("/searches?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    assertThat(response.statusCode()).isEqualTo(200);
    List<Long> ids = new ArrayList<>();
    Matcher m = SearchTest.RESULT.matcher(response.body());
    while (m.find()) ids.add(Long.parseLong(m.group(1)));
    return ids;
  }

  List<Long> expected(String word, int limit) {
    return server.app().database().read(h -> h.createQuery("SELECT m.id FROM messages m JOIN memberships ms ON ms.room_id = m.room_id "
            + "AND ms.user_id = 1 WHERE ' ' || m.body_plain || ' ' LIKE ? ORDER BY m.id DESC LIMIT ?")
        .bind(0, "% " + word + " %").bind(1, limit).mapTo(Long.class).list().reversed());
  }

  @Test
  @org.junit.jupiter.api.Tag("sqlite-only")
  void the_probe_walks_the_full_text_index_newest_first() {
    assertThat(server.count("SELECT COUNT(*) FROM messages")).isEqualTo(MESSAGES);
    List<String> plan = new MessageSearch(server.app().database()).probePlan(SearchQuery.parse("common").ftsMatch());
    assertThat(String.join("\n", plan)).contains("message_search_index VIRTUAL TABLE INDEX").doesNotContain("USE TEMP B-TREE");
    List<String> scoped = new MessageSearch(server.app().database()).scopedPlan(1, SearchQuery.parse("needle").ftsMatch());
    assertThat(String.join("\n", scoped)).contains("message_search_index VIRTUAL TABLE INDEX");
  }

  @Test
  @org.junit.jupiter.api.Tag("postgres")
  void on_postgres_the_probe_walks_an_index_newest_first_and_never_scans_the_table() {
    assertThat(server.postgres()).as("run with -Dcampfire.test.database=postgres").isTrue();
    assertThat(server.count("SELECT COUNT(*) FROM messages")).isEqualTo(MESSAGES);
    MessageSearch search = new MessageSearch(server.app().database());
    String probe = String.join("\n", search.probePlan(search.match(SearchQuery.parse("common"))));
    assertThat(probe).containsAnyOf("Index Scan Backward using messages_pkey", "messages_search_vector").doesNotContain("Seq Scan");
    String half = String.join("\n", search.probePlan(search.match(SearchQuery.parse("needle"))));
    assertThat(half).containsAnyOf("Index Scan Backward using messages_pkey", "messages_search_vector").doesNotContain("Seq Scan");
    String rare = String.join("\n", search.probePlan(search.match(SearchQuery.parse("123457"))));
    assertThat(rare).as("a rare word is looked up in the GIN index").contains("Bitmap Index Scan on messages_search_vector")
        .doesNotContain("Seq Scan");
    String scoped = String.join("\n", search.scopedPlan(1, search.match(SearchQuery.parse("needle"))));
    assertThat(scoped).containsAnyOf("Index Scan Backward using messages_pkey", "messages_search_vector").doesNotContain("Seq Scan on messages");
  }

  @Test
  void a_broad_word_gives_the_newest_hundred_in_rooms_you_belong_to() {
    List<Long> found = results("common");
    assertThat(found).hasSize(MessageSearch.LIMIT).isEqualTo(expected("common", MessageSearch.LIMIT));
    assertThat(server.count("SELECT COUNT(*) FROM messages WHERE room_id = ? AND id IN (" + found.stream().map(String::valueOf)
        .reduce((a, b) -> a + "," + b).orElseThrow() + ")", vault)).isZero();
  }

  @Test
  void a_word_mostly_in_other_peoples_rooms_falls_back_to_a_scoped_search() {
    List<Long> found = results("needle");
    assertThat(found).hasSize(3).isEqualTo(expected("needle", 100));
  }

  @Test
  void a_word_thinly_spread_over_your_rooms_is_gathered_over_several_probes() {
    List<Long> found = results("sparse");
    assertThat(found).hasSize(MessageSearch.LIMIT).isEqualTo(expected("sparse", MessageSearch.LIMIT));
  }

  @Test
  void a_word_nobody_said_finds_nothing() {
    assertThat(results("haystack")).isEmpty();
  }
}
