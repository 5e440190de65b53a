package campfire.ops;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.Cli;
import campfire.support.Fixtures;
import campfire.support.TestServer;
import campfire.support.WebClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Tag("sqlite-only")
class DbMaintenanceTest {
  @Test
  void reindex_search_brings_search_back_after_the_index_rows_are_lost() {
    try (TestServer server = TestServer.start()) {
      WebClient alice = Fixtures.admin(server);
      long room = Fixtures.allTalk(server);
      long pineapple = Fixtures.say(server, alice, room, "<p>a pineapple on the table</p>");
      long pear = Fixtures.say(server, alice, room, "<p>pears and pineapples</p>");
      Fixtures.say(server, alice, room, "<p>nothing to see</p>");
      assertThat(search(server, "pineapple")).containsExactly(pineapple, pear);

      server.app().database().writeVoid(h -> h.execute("INSERT INTO message_search_index (message_search_index) VALUES ('delete-all')"));
      assertThat(search(server, "pineapple")).isEmpty();
      DbMaintenance db = new DbMaintenance(database(server), Clock.systemUTC());
      DbMaintenance.Check broken = db.check();
      assertThat(broken.ok()).isTrue();
      assertThat(broken.searchComplete()).isFalse();
      assertThat(broken.indexed()).isZero();
      assertThat(broken.messages()).isEqualTo(3);

      String output = Cli.expect(1, database(server), Map.of(), "db", "check");
      assertThat(output).contains("integrity: ok", "search index: 0 of 3 messages", "campfire db reindex-search");
      assertThat(Cli.expect(0, database(server), Map.of(), "db", "reindex-search")).contains("search index rebuilt: 3 messages indexed");

      assertThat(search(server, "pineapple")).containsExactly(pineapple, pear);
      assertThat(search(server, "table")).containsExactly(pineapple);
      assertThat(db.check().searchComplete()).isTrue();
      assertThat(Cli.expect(0, database(server), Map.of(), "db", "check")).contains("search index: 3 of 3 messages");
      long posted = Fixtures.say(server, alice, room, "<p>one more pineapple after the rebuild</p>");
      assertThat(search(server, "pineapple")).containsExactly(pineapple, pear, posted);
    }
  }

  @Test
  void stats_show_file_sizes_rows_per_table_and_messages_per_day() {
    try (TestServer server = TestServer.start()) {
      WebClient alice = Fixtures.admin(server);
      long room = Fixtures.allTalk(server);
      for (int i = 0; i < 3; i++) Fixtures.say(server, alice, room, "<p>hello " + i + "</p>");
      long threeDaysAgo = Instant.parse("2026-03-07T12:00:00Z").toEpochMilli();
      server.app().database().writeVoid(h -> h.execute("UPDATE messages SET created_at = ? WHERE id = (SELECT min(id) FROM messages)", threeDaysAgo));
      Clock clock = Clock.fixed(Instant.parse("2026-03-10T08:00:00Z"), ZoneOffset.UTC);

      DbMaintenance.Stats stats = new DbMaintenance(database(server), clock).stats();
      assertThat(stats.fileBytes().get("campfire.db")).isPositive();
      assertThat(stats.fileBytes()).containsKeys("campfire.db-wal", "campfire.db-shm");
      assertThat(stats.rows()).containsEntry("messages", 3L).containsEntry("users", 1L).containsEntry("rooms", 1L)
          .containsEntry("message_search_index", 3L).doesNotContainKey("message_search_index_data");
      assertThat(stats.messagesPerDay().keySet()).containsExactly(
          LocalDate.parse("2026-03-04"), LocalDate.parse("2026-03-05"), LocalDate.parse("2026-03-06"), LocalDate.parse("2026-03-07"),
          LocalDate.parse("2026-03-08"), LocalDate.parse("2026-03-09"), LocalDate.parse("2026-03-10"));
      assertThat(stats.messagesPerDay().get(LocalDate.parse("2026-03-07"))).isEqualTo(1);
      assertThat(stats.messagesPerDay().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);

      String output = Cli.expect(0, database(server), Map.of(), "db", "stats");
      assertThat(output).contains("campfire.db ", "messages ", "messages per day (UTC):");
      assertThat(output).containsPattern("(?m)^  messages +3$");
      assertThat(output).containsPattern("(?m)^  " + LocalDate.now(ZoneOffset.UTC) + "  2$");
    }
  }

  @Test
  void check_vacuum_and_analyze_run_against_a_live_database() {
    try (TestServer server = TestServer.start()) {
      WebClient alice = Fixtures.admin(server);
      Fixtures.say(server, alice, Fixtures.allTalk(server), "<p>hi</p>");
      assertThat(Cli.expect(0, database(server), Map.of(), "db", "check")).contains("integrity: ok");
      assertThat(Cli.expect(0, database(server), Map.of(), "db", "vacuum")).contains("vacuumed:");
      assertThat(Cli.expect(0, database(server), Map.of(), "db", "analyze")).contains("analyzed");
      assertThat(server.count("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")).isEqualTo(1);
      Fixtures.say(server, alice, Fixtures.allTalk(server), "<p>still writing after maintenance</p>");
      assertThat(Cli.expect(2, database(server), Map.of(), "db", "sideways")).contains("Unknown action sideways");
      assertThat(Cli.expect(1, server.directory().resolve("missing.db"), Map.of(), "db", "check")).contains("Error: No database at");
    }
  }

  static Path database(TestServer server) { return server.directory().resolve("campfire.db"); }

  static List<Long> search(TestServer server, String word) {
    return server.app().database().read(h -> h.createQuery(
        "SELECT rowid FROM message_search_index WHERE message_search_index MATCH ? ORDER BY rowid").bind(0, word).mapTo(Long.class).list());
  }
}
