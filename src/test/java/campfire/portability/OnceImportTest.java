package campfire.portability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import campfire.db.Database;
import campfire.db.DatabaseUrl;
import campfire.db.Tables;
import campfire.ops.OperationFailed;
import campfire.support.Cli;
import campfire.support.TestPostgres;
import campfire.support.TestServer;
import campfire.support.WebClient;
import campfire.web.Signer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ONCE Campfire install moves into ours, on whichever database the suite runs: people sign in
 * with their old passwords, permalinks land on the same messages, mentions (both signed-id
 * formats) name the same people, search finds old messages, files are served, bots post with
 * their old keys; and bad sources or a filled target are refused with one line, changing nothing.
 */
class OnceImportTest {
  static final String SECRET = "an-import-test-session-secret-of-enough-length";
  static Path source;
  static final List<String> databases = new ArrayList<>();

  @BeforeAll
  static void onceInstall() throws IOException {
    source = OnceFixture.build(Files.createTempDirectory("once-storage"), "https://hooks.example.com/hooky");
  }

  @AfterAll
  static void dropDatabases() {
    databases.forEach(TestPostgres::dropDatabase);
  }

  /** DATA_DIR and DATABASE_URL of an empty Campfire of ours, on the suite's database. */
  static Map<String, String> emptyCampfire(Path dir) {
    Map<String, String> env = new HashMap<>();
    env.put("DATA_DIR", dir.toString());
    env.put("SESSION_SECRET", SECRET);
    if (TestPostgres.selected()) {
      String name = TestPostgres.createDatabase();
      databases.add(name);
      env.put("DATABASE_URL", TestPostgres.url(name));
    } else {
      env.put("DATABASE_URL", "sqlite:" + dir.resolve("campfire.db"));
    }
    return env;
  }

  static DatabaseUrl databaseUrl(Map<String, String> env) {
    return campfire.Config.from(env, false, null).database();
  }

  static OnceImport importer(Path from, Map<String, String> env) {
    return new OnceImport(from, databaseUrl(env), Path.of(env.get("DATA_DIR")).resolve("storage"), new Signer(SECRET));
  }

  @Test
  void everything_arrives_and_works_as_it_did(@TempDir Path dir) throws Exception {
    Map<String, String> env = emptyCampfire(dir);
    List<String> output = new ArrayList<>();
    Rows.Result result = importer(source, env).run(output::add);
    String report = String.join("\n", output);

    assertThat(result.matches()).as(report).isTrue();
    assertThat(report).contains("ONCE Campfire, schema 20260125073335", "account \"Acme Fire\" with its logo",
        "5 people (1 deactivated, 1 banned, 1 bots; 1 with a picture)", "3 rooms (1 open, 1 closed, 1 direct), 9 memberships",
        "8 messages (3 mentions), 2 attachments, 2 boosts", "not carried: sessions and push subscriptions",
        "skipped 1 messages: their room or author no longer exists", "skipped 1 memberships",
        "1 messages repeated another message's client id", "files: 2 attachments checked", "every table and file matches");
    assertThat(result.rows("messages")).isEqualTo(8);
    assertThat(result.rows("attachments")).isEqualTo(2);

    try (TestServer server = TestServer.start(env)) {
      // Ids, times and client ids as they were; the orphan stayed behind; new messages come after the old ones.
      assertThat(server.strings("SELECT id FROM messages ORDER BY id")).containsExactly("10", "11", "12", "14", "15", "16", "17", "18");
      assertThat(server.count("SELECT created_at FROM messages WHERE id = 10")).isEqualTo(OnceFixture.HELLO_AT.toEpochMilli());
      assertThat(server.string("SELECT client_message_id FROM messages WHERE id = 17")).isEqualTo("dup-1-once-17");
      assertThat(server.count("SELECT unread_at FROM memberships WHERE room_id = 2 AND user_id = 2"))
          .isEqualTo(OnceFixture.HELLO_AT.plusSeconds(60).toEpochMilli());
      assertThat(server.string("SELECT type FROM rooms WHERE id = 3")).isEqualTo("direct");
      assertThat(server.count("SELECT restrict_room_creation_to_administrators FROM accounts")).isEqualTo(1);

      // Everyone signs in with the password they had; the deactivated and the banned do not.
      WebClient ada = signIn(server, "ada@example.com", OnceFixture.ADA_PASSWORD);
      WebClient ben = signIn(server, "ben@example.com", OnceFixture.BEN_PASSWORD);
      assertThat(signInStatus(server, "cy-deactivated-3f2a@example.com", OnceFixture.CY_PASSWORD)).isEqualTo(401);
      assertThat(signInStatus(server, "dee@example.com", "dee-old-password")).isEqualTo(401);
      assertThat(server.client().get("/join/" + OnceFixture.JOIN_CODE).statusCode()).isEqualTo(200);

      // A permalink lands on the same message; both mention formats name the same people, linked and listed.
      String room = ada.get("/rooms/1/@12").body();
      assertThat(room).contains("standup moved", "Hello <strong>team</strong>", "data-mentions=\"2 5\"", "data-mentions=\"1\"",
          "class=\"mention\" data-user-id=\"5\"", "🔥", "message--sound", "og-card", "About kettles");
      assertThat(server.string("SELECT body_plain FROM messages WHERE id = 12")).isEqualTo("@Ben Member and @Hooky: standup moved");

      // Search finds old messages; the closed room stays closed to those not in it.
      assertThat(ben.get("/searches?q=kettle").body()).contains("the kettle is on");
      assertThat(ben.get("/searches?q=plan").body()).contains("The plan is in the file");

      // Files are served to members, with their original names; the picture has its size.
      long picture = server.count("SELECT id FROM attachments WHERE message_id = 15");
      var served = ada.sendBytes(HttpRequest.newBuilder(URI.create(server.url("/attachments/" + picture))));
      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(server.count("SELECT width FROM attachments WHERE message_id = 15")).isEqualTo(40);
      long notes = server.count("SELECT id FROM attachments WHERE message_id = 16");
      var text = ben.sendBytes(HttpRequest.newBuilder(URI.create(server.url("/attachments/" + notes))));
      assertThat(text.body()).isEqualTo(OnceFixture.NOTES);
      assertThat(server.string("SELECT filename FROM attachments WHERE message_id = 16")).isEqualTo("plans.txt");
      assertThat(server.string("SELECT avatar_key FROM users WHERE id = 1")).endsWith(".png");
      assertThat(server.string("SELECT logo_key FROM accounts")).isNotBlank();

      // The bot posts with its old key; its webhook is kept; new messages get ids after the old ones.
      var bot = server.client().send(HttpRequest.newBuilder(URI.create(server.url("/rooms/1/" + OnceFixture.BOT_KEY + "/messages")))
          .POST(HttpRequest.BodyPublishers.ofString("Still here after the move")));
      assertThat(bot.statusCode()).as(bot.body()).isEqualTo(201);
      assertThat(server.count("SELECT id FROM messages WHERE body_plain = 'Still here after the move'")).isEqualTo(19);
      assertThat(server.string("SELECT url FROM webhooks WHERE user_id = 5")).isEqualTo("https://hooks.example.com/hooky");
    }
  }

  @Test
  void a_filled_target_is_refused_and_left_as_it_was(@TempDir Path dir) {
    Map<String, String> env = emptyCampfire(dir);
    importer(source, env).run(line -> { });
    assertThatThrownBy(() -> importer(source, env).run(line -> { }))
        .isInstanceOf(OperationFailed.class)
        .hasMessageStartingWith("The target database already holds data (")
        .hasMessageContaining("8 in messages");
    try (Database database = new Database(databaseUrl(env))) {
      long messages = database.read(h -> Tables.count(h, "messages"));
      assertThat(messages).isEqualTo(8);
    }
  }

  @Test
  void sources_it_does_not_understand_are_refused_with_one_line_and_nothing_is_written(@TempDir Path dir) throws Exception {
    Map<String, String> env = emptyCampfire(dir);
    try (Database database = new Database(databaseUrl(env))) {
      new campfire.db.Migrations(database).up();
    }
    assertRefused(env, dir.resolve("nowhere"), "No directory at ");
    assertRefused(env, source.resolve(OnceSource.DATABASE), "is a file: give the ONCE Campfire storage directory");
    Files.createDirectories(dir.resolve("empty"));
    assertRefused(env, dir.resolve("empty"), "No ONCE Campfire database at ");

    Path noBoosts = copyOf(source, dir.resolve("no-boosts"));
    sql(noBoosts, "DROP TABLE boosts");
    assertRefused(env, noBoosts, "is not an ONCE Campfire database this version understands: it has no boosts table");

    Path strangeRoom = copyOf(source, dir.resolve("strange-room"));
    sql(strangeRoom, "UPDATE rooms SET type = 'Rooms::Thread' WHERE id = 2");
    assertRefused(env, strangeRoom, "rooms 2 is of a kind this version does not know: Rooms::Thread");

    Path missingFile = copyOf(source, dir.resolve("missing-file"));
    Files.delete(missingFile.resolve("files").resolve(OnceFixture.NOTES_KEY.substring(0, 2)).resolve(OnceFixture.NOTES_KEY.substring(2, 4))
        .resolve(OnceFixture.NOTES_KEY));
    assertRefused(env, missingFile, "1 stored files are missing or cut short");

    Path damaged = copyOf(source, dir.resolve("damaged"));
    Path notes = damaged.resolve("files").resolve(OnceFixture.NOTES_KEY.substring(0, 2)).resolve(OnceFixture.NOTES_KEY.substring(2, 4))
        .resolve(OnceFixture.NOTES_KEY);
    byte[] bytes = Files.readAllBytes(notes);
    bytes[0] = 'Z';
    Files.write(notes, bytes);
    assertRefused(env, damaged, "is damaged: its MD5 is not the one recorded");

    Path notSqlite = dir.resolve("not-sqlite");
    Files.createDirectories(notSqlite.resolve("db"));
    Files.writeString(notSqlite.resolve(OnceSource.DATABASE), "this is not a database, it is a note");
    assertRefused(env, notSqlite, "is not a readable SQLite database");

    Path sharedEmail = copyOf(source, dir.resolve("shared-email"));
    sql(sharedEmail, "UPDATE users SET email_address = 'ADA@example.com' WHERE id = 2");
    assertRefused(env, sharedEmail, "users 1 and 2 share the email address ada@example.com");
  }

  @Test
  void the_command_imports_reports_and_refuses_a_second_run(@TempDir Path dir) {
    Map<String, String> env = emptyCampfire(dir);
    Path database = dir.resolve("campfire.db");
    var run = Cli.run(database, env, "import-once", "--from", source.toString());
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("wrote 8 rows into messages", "every table and file matches",
        "people sign in with the email address and password they had");
    var again = Cli.run(database, env, "import-once", "--from", source.toString());
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.output().strip()).startsWith("Error: The target database already holds data").doesNotContain("Exception");
  }

  private static void assertRefused(Map<String, String> env, Path from, String message) {
    assertThatThrownBy(() -> importer(from, env).run(line -> { })).isInstanceOf(OperationFailed.class).hasMessageContaining(message);
    try (Database database = new Database(databaseUrl(env))) {
      List<String> filled = database.read(h -> Tables.filled(h, List.copyOf(Rows.COLUMNS.keySet())));
      assertThat(filled).as("rows written for " + from).isEmpty();
    }
  }

  private static Path copyOf(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) Files.createDirectories(target);
        else Files.copy(file, target);
      }
    }
    return to;
  }

  private static void sql(Path storage, String statement) throws Exception {
    try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + storage.resolve(OnceSource.DATABASE))) {
      OnceFixture.exec(db, statement);
    }
  }

  private static int signInStatus(TestServer server, String email, String password) {
    WebClient person = server.client();
    person.get("/session/new");
    return person.post("/session", Map.of("email_address", email, "password", password)).statusCode();
  }

  private static WebClient signIn(TestServer server, String email, String password) {
    WebClient person = server.client();
    person.get("/session/new");
    var response = person.post("/session", Map.of("email_address", email, "password", password));
    assertThat(response.statusCode()).as(email + ": " + response.body()).isEqualTo(302);
    return person;
  }
}
