package campfire.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import campfire.boosts.Boosts;
import campfire.db.DatabaseUrl;
import campfire.messages.Messages;
import campfire.support.Cli;
import campfire.support.Fixtures;
import campfire.support.TestPostgres;
import campfire.support.TestServer;
import campfire.support.WebClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A single-box install with a few thousand messages moves to PostgreSQL with every row and id intact. */
@Tag("postgres")
class SqliteImportTest {
  static final int MESSAGES = 3000;
  static Path sqliteFile;
  static Path sqliteDir;
  static long lastMessageId;
  static final List<String> databases = new ArrayList<>();

  @BeforeAll
  static void singleBoxInstall() {
    TestServer box = TestServer.startSqlite();
    try (box) {
      WebClient alice = Fixtures.admin(box);
      WebClient bob = Fixtures.member(box, "Bob Member", "bob@example.com");
      long allTalk = Fixtures.allTalk(box);
      long aliceId = Fixtures.userId(box, "alice@example.com");
      long bobId = Fixtures.userId(box, "bob@example.com");
      Fixtures.say(box, bob, allTalk, "<p>The kettle is <strong>boiling</strong></p>");
      Messages messages = new Messages(box.app().database());
      Boosts boosts = new Boosts(box.app().database());
      for (int i = 0; i < MESSAGES; i++) {
        long author = i % 3 == 0 ? bobId : aliceId;
        int n = i;
        var posted = messages.post(allTalk, author, "bulk-" + i, "<p>Message number " + i + (i % 100 == 0 ? " about campfires" : "") + "</p>",
            (h, id) -> {
              if (n % 250 == 0) {
                h.execute("INSERT INTO attachments (message_id, storage_key, filename, content_type, byte_size, checksum, width, height, "
                    + "preview_key, created_at) VALUES (?, ?, ?, 'image/png', 1234, 'abc', 10, 20, NULL, 1)", id, "key" + n, "picture-" + n + ".png");
              }
            }, (h, message) -> { });
        if (i % 50 == 0) boosts.add(posted.message().id(), author == aliceId ? bobId : aliceId, "👍");
      }
      alice.post("/searches", Map.of("q", "kettle"));
      lastMessageId = box.count("SELECT MAX(id) FROM messages");
      // Deleted rows leave gaps in the ids: the copy must keep them, not renumber.
      box.app().database().writeVoid(h -> h.execute("DELETE FROM messages WHERE id IN (?, ?)", lastMessageId - 10, lastMessageId - 20));
      sqliteDir = box.directory();
      sqliteFile = box.directory().resolve("campfire.db");
    }
  }

  @AfterAll
  static void dropDatabases() {
    databases.forEach(TestPostgres::dropDatabase);
  }

  static String freshDatabase() {
    String name = TestPostgres.createDatabase();
    databases.add(name);
    return name;
  }

  static DatabaseUrl postgres(String name) {
    return DatabaseUrl.postgres(TestPostgres.jdbcUrl(name), "postgres", null);
  }

  @Test
  void every_row_arrives_with_its_id_and_the_checksums_of_both_sides_agree() {
    String name = freshDatabase();
    List<String> output = new ArrayList<>();
    SqliteImport.Result result = new SqliteImport(sqliteFile, postgres(name)).run(output::add);

    assertThat(result.matches()).as(String.join("\n", output)).isTrue();
    assertThat(result.tables()).extracting(SqliteImport.Table::name).containsExactlyElementsOf(SqliteImport.TABLES);
    var byName = new java.util.HashMap<String, SqliteImport.Table>();
    result.tables().forEach(t -> byName.put(t.name(), t));
    assertThat(byName.get("messages").targetRows()).isEqualTo(MESSAGES + 1 - 2);
    assertThat(byName.get("attachments").targetRows()).isEqualTo(MESSAGES / 250);
    assertThat(byName.get("boosts").targetRows()).isEqualTo(MESSAGES / 50);
    assertThat(byName.get("memberships").targetRows()).isGreaterThanOrEqualTo(2);
    assertThat(byName.get("searches").targetRows()).isEqualTo(1);
    assertThat(byName.get("users").sourceChecksum()).isEqualTo(byName.get("users").targetChecksum()).hasSize(64);
    assertThat(result.searchable()).isEqualTo(MESSAGES - 1);
    assertThat(String.join("\n", output)).contains("every table matches", "copied 2,999 rows into messages");

    // The same install now runs on PostgreSQL: people sign in, old messages are found, new ones get new ids.
    try (TestServer server = TestServer.start(Map.of("DATABASE_URL", TestPostgres.url(name)))) {
      assertThat(server.count("SELECT MAX(id) FROM messages")).isEqualTo(lastMessageId);
      assertThat(server.count("SELECT COUNT(*) FROM messages WHERE id = ?", lastMessageId - 10)).isZero();
      WebClient bob = server.client();
      bob.get("/session/new");
      assertThat(bob.post("/session", Map.of("email_address", "bob@example.com", "password", Fixtures.PASSWORD)).statusCode()).isEqualTo(302);
      long allTalk = Fixtures.allTalk(server);
      long fresh = Fixtures.say(server, bob, allTalk, "<p>First words on PostgreSQL</p>");
      assertThat(fresh).isEqualTo(lastMessageId + 1);
      String page = bob.get("/searches?q=campfire").body();
      assertThat(page).contains("Message number 2900 about campfires", "Message number 0 about campfires");
      assertThat(bob.get("/searches?q=boil").body()).contains("The kettle is");
      assertThat(bob.get("/rooms/" + allTalk).body()).contains("Message number 2999", "First words on PostgreSQL");
    }
  }

  @Test
  void a_database_that_already_holds_data_is_refused_and_left_alone() {
    String name = freshDatabase();
    new SqliteImport(sqliteFile, postgres(name)).run(line -> { });
    assertThatThrownBy(() -> new SqliteImport(sqliteFile, postgres(name)).run(line -> { }))
        .isInstanceOf(OperationFailed.class)
        .hasMessageStartingWith("The PostgreSQL database already holds data (")
        .hasMessageContaining(" in messages")
        .hasMessageContaining("import-sqlite only fills an empty database");
  }

  @Test
  void the_command_prints_the_comparison_and_reminds_to_copy_the_stored_files() {
    String name = freshDatabase();
    var run = Cli.run(sqliteFile, Map.of("DATABASE_URL", TestPostgres.url(name), "DATA_DIR", sqliteDir.resolve("pg-data").toString()),
        "import-sqlite", "--from", sqliteFile.toString());
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("every table matches", "copied 2,999 rows into messages", "storage");

    var again = Cli.run(sqliteFile, Map.of("DATABASE_URL", TestPostgres.url(name), "DATA_DIR", sqliteDir.resolve("pg-data").toString()),
        "import-sqlite", "--from", sqliteFile.toString());
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.output()).contains("already holds data");

    var onSqlite = Cli.run(sqliteFile, Map.of(), "import-sqlite", "--from", sqliteFile.toString());
    assertThat(onSqlite.exit()).isEqualTo(1);
    assertThat(onSqlite.output()).contains("import-sqlite copies into PostgreSQL: set DATABASE_URL=postgres://");
  }

  /**
   * A server still running on the SQLite file: the command refuses; with --force it copies one
   * consistent snapshot while people keep posting, so both sides' counts and checksums agree.
   */
  @Test
  void a_running_install_is_refused_and_with_force_copied_from_one_consistent_snapshot() throws Exception {
    try (TestServer box = TestServer.startSqlite()) {
      WebClient alice = Fixtures.admin(box);
      long allTalk = Fixtures.allTalk(box);
      Path file = box.directory().resolve("campfire.db");
      Messages messages = new Messages(box.app().database());
      long aliceId = Fixtures.userId(box, "alice@example.com");
      for (int i = 0; i < 2000; i++) messages.post(allTalk, aliceId, "before-" + i, "<p>Before " + i + "</p>", (h, id) -> { }, (h, m) -> { });
      Map<String, String> env = Map.of("DATABASE_URL", TestPostgres.url(freshDatabase()), "DATA_DIR", box.directory().resolve("pg").toString());

      var refused = Cli.run(file, env, "import-sqlite", "--from", file.toString());
      assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
      assertThat(refused.output()).contains("Campfire is running with " + file.toAbsolutePath(), "--force").doesNotContain("rows into");

      java.util.concurrent.atomic.AtomicBoolean importing = new java.util.concurrent.atomic.AtomicBoolean(true);
      java.util.concurrent.atomic.AtomicInteger posted = new java.util.concurrent.atomic.AtomicInteger();
      Thread poster = Thread.ofPlatform().start(() -> {
        while (importing.get()) {
          int n = posted.incrementAndGet();
          messages.post(allTalk, aliceId, "during-" + n, "<p>During " + n + "</p>", (h, id) -> { }, (h, m) -> { });
        }
      });
      Cli.Run forced;
      try {
        forced = Cli.run(file, env, "import-sqlite", "--force", "--from", file.toString());
      } finally {
        importing.set(false);
        poster.join();
      }
      assertThat(forced.exit()).as(forced.output()).isZero();
      assertThat(forced.output()).contains("every table matches");
      assertThat(posted.get()).as("messages were posted while the import ran").isPositive();
      assertThat(alice.get("/rooms/" + allTalk).statusCode()).isEqualTo(200);
    }
  }
}
