package campfire.ops;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.Cli;
import campfire.support.Fixtures;
import campfire.support.TestServer;
import campfire.support.WebClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups taken while people talk, and restores that either fully succeed or change nothing. */
@org.junit.jupiter.api.Tag("sqlite-only")
class BackupAndRestoreTest {
  static final String PASSPHRASE = "correct horse battery staple";
  static final Pattern WRITTEN = Pattern.compile("backup written to (\\S+)");

  @TempDir Path backups;
  @TempDir Path fresh;

  record Row(long id, String plain, String html) {}

  @Test
  void a_backup_taken_while_messages_are_posted_restores_into_a_fresh_directory_with_the_same_messages() throws Exception {
    try (TestServer server = TestServer.start()) {
      WebClient alice = Fixtures.admin(server);
      long room = Fixtures.allTalk(server);
      byte[] upload = "a stored file's bytes".repeat(100).getBytes();
      Path stored = server.directory().resolve("storage/ab/cd/abcdef");
      Files.createDirectories(stored.getParent());
      Files.write(stored, upload);

      AtomicBoolean posting = new AtomicBoolean(true);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread poster = new Thread(() -> {
        try {
          for (int i = 0; posting.get(); i++) Fixtures.say(server, alice, room, "<p>message number " + i + "</p>");
        } catch (Throwable t) {
          failure.set(t);
        }
      }, "poster");
      poster.start();
      waitForMessages(server, 20);

      String output = Cli.expect(0, db(server), Map.of(), "backup", "--to", backups.toString());
      long atBackupEnd = messages(server);
      waitForMessages(server, atBackupEnd + 10);
      posting.set(false);
      poster.join();
      assertThat(failure.get()).isNull();

      Path archive = archive(output);
      assertThat(archive.getFileName().toString()).matches("campfire-\\d{8}T\\d{9}Z\\.zip");
      assertThat(output).as("the audit log records it").contains("audit event=backup file=" + archive, "encrypted=false");
      assertThat(Cli.expect(0, fresh.resolve("campfire.db"), Map.of(), "restore", archive.toString())).contains("audit event=restore from=" + archive);

      List<Row> restored = rows(Jdbi.create("jdbc:sqlite:" + fresh.resolve("campfire.db")), Long.MAX_VALUE);
      assertThat(restored).hasSizeGreaterThanOrEqualTo(20);
      long lastRestored = restored.getLast().id();
      assertThat(rows(server, lastRestored)).isEqualTo(restored);
      assertThat(messages(server)).as("posting went on after the snapshot").isGreaterThan(restored.size());
      assertThat(Files.readAllBytes(fresh.resolve("storage/ab/cd/abcdef"))).isEqualTo(upload);
      assertThat(Files.readString(fresh.resolve("session_secret"))).as("the generated secret the sessions depend on")
          .isEqualTo(Files.readString(server.directory().resolve("session_secret")));
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.resolve("session_secret"))))
          .isEqualTo("rw-------");

      JsonNode manifest = manifest(archive);
      assertThat(manifest.get("format").asText()).isEqualTo("campfire-backup");
      assertThat(manifest.get("format_version").asInt()).isEqualTo(1);
      assertThat(manifest.get("schema_version").asText())
          .isEqualTo(server.string("SELECT version FROM flyway_schema_history ORDER BY installed_rank DESC LIMIT 1"));
      assertThat(manifest.get("counts").get("messages").asLong()).isEqualTo(restored.size());
      assertThat(manifest.get("counts").get("users").asLong()).isEqualTo(1);
      assertThat(manifest.get("files").findValuesAsText("path"))
          .containsExactly("campfire.db", "secrets/session_secret", "secrets/webhook_secret", "secrets/vapid_keys", "storage/ab/cd/abcdef");
      assertThat(manifest.get("files").get(4).get("sha256").asText()).isEqualTo(sha256(upload));

      String check = Cli.expect(0, fresh.resolve("campfire.db"), Map.of(), "db", "check");
      assertThat(check).contains("integrity: ok", "search index: " + restored.size() + " of " + restored.size() + " messages");
    }
  }

  @Test
  void an_encrypted_backup_is_refused_with_a_wrong_or_missing_passphrase_and_changes_nothing() throws Exception {
    Path target = stoppedInstanceWithMessages("<p>the target's own words</p>");
    Path source = stoppedInstanceWithMessages("<p>words in the backup</p>", "<p>more words in the backup</p>");
    String output = Cli.expect(0, source.resolve("campfire.db"), Map.of("BACKUP_PASSPHRASE", PASSPHRASE), "backup", "--to", backups.toString());
    Path archive = archive(output);
    assertThat(archive.getFileName().toString()).endsWith(".zip.enc");
    assertThat(output).contains("encrypted");
    assertThat(Files.readAllBytes(archive)).startsWith("CFBACKUP".getBytes());
    assertThat(new String(Files.readAllBytes(archive), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("SQLite format");

    Map<String, String> before = state(target);
    Cli.Run wrong = Cli.run(target.resolve("campfire.db"), Map.of("BACKUP_PASSPHRASE", "not the right passphrase"), "restore", archive.toString());
    assertThat(wrong.exit()).isEqualTo(1);
    assertThat(wrong.output()).contains("Wrong passphrase", "audit event=restore_refused").doesNotContain("Exception");
    assertThat(state(target)).isEqualTo(before);

    Cli.Run missing = Cli.run(target.resolve("campfire.db"), Map.of(), "restore", archive.toString());
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.output()).contains("is encrypted: set BACKUP_PASSPHRASE");
    assertThat(state(target)).isEqualTo(before);

    String restored = Cli.expect(0, target.resolve("campfire.db"), Map.of("BACKUP_PASSPHRASE", PASSPHRASE), "restore", archive.toString());
    assertThat(restored).contains("restored the backup", "2 messages", "previous database kept as");
    assertThat(bodies(target)).containsExactly("words in the backup", "more words in the backup");
    try (Stream<Path> files = Files.list(target)) {
      Path previous = files.filter(f -> f.getFileName().toString().startsWith("campfire.db.before-restore-")).findFirst().orElseThrow();
      assertThat(rows(Jdbi.create("jdbc:sqlite:" + previous), Long.MAX_VALUE)).extracting(Row::plain).containsExactly("the target's own words");
    }
  }

  @Test
  void a_tampered_archive_is_refused_and_changes_nothing() throws Exception {
    Path target = stoppedInstanceWithMessages("<p>keep me</p>");
    Path source = stoppedInstanceWithMessages("<p>from the backup</p>");
    Path plain = archive(Cli.expect(0, source.resolve("campfire.db"), Map.of(), "backup", "--to", backups.toString()));
    Path encrypted = archive(Cli.expect(0, source.resolve("campfire.db"), Map.of("BACKUP_PASSPHRASE", PASSPHRASE), "backup", "--to", backups.toString()));
    Map<String, String> before = state(target);

    long size = Files.size(plain);
    for (long position : List.of(0L, size / 2, size - 1)) {
      Path tampered = flipped(plain, position);
      Cli.Run run = Cli.run(target.resolve("campfire.db"), Map.of(), "restore", tampered.toString());
      assertThat(run.exit()).as("byte %d flipped: %s", position, run.output()).isEqualTo(1);
      assertThat(run.output()).contains("Error:").doesNotContain("Exception");
      assertThat(state(target)).isEqualTo(before);
    }
    Path tampered = flipped(encrypted, Files.size(encrypted) / 2);
    Cli.Run run = Cli.run(target.resolve("campfire.db"), Map.of("BACKUP_PASSPHRASE", PASSPHRASE), "restore", tampered.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.output()).contains("damaged or was changed");
    assertThat(state(target)).isEqualTo(before);
    assertThat(bodies(target)).containsExactly("keep me");
  }

  @Test
  void restore_refuses_while_the_server_is_running() throws Exception {
    try (TestServer server = TestServer.start()) {
      WebClient alice = Fixtures.admin(server);
      Fixtures.say(server, alice, Fixtures.allTalk(server), "<p>still here</p>");
      Path archive = archive(Cli.expect(0, db(server), Map.of(), "backup", "--to", backups.toString()));
      Map<String, String> before = state(server.directory());

      Cli.Run run = Cli.run(db(server), Map.of(), "restore", archive.toString());
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.output()).contains("Campfire is running with", "(pid " + ProcessHandle.current().pid() + ")", "stop it first");
      assertThat(state(server.directory())).isEqualTo(before);

      Cli.Run second = Cli.run(db(server), Map.of("BIND_ADDRESS", "127.0.0.1:0"), "serve");
      assertThat(second.exit()).as("a second server on the same database").isEqualTo(1);
      assertThat(second.output()).contains("Error: Campfire is running with").doesNotContain("Exception");
      Fixtures.say(server, alice, Fixtures.allTalk(server), "<p>and still serving</p>");
    }
  }

  @Test
  void a_backup_from_a_newer_campfire_is_refused() throws Exception {
    Path source = stoppedInstanceWithMessages("<p>from the future</p>");
    Jdbi.create("jdbc:sqlite:" + source.resolve("campfire.db")).useHandle(h -> h.execute(
        "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success) "
            + "VALUES (99, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 0, 'test', 0, 1)"));
    Path archive = archive(Cli.expect(0, source.resolve("campfire.db"), Map.of(), "backup", "--to", backups.toString()));
    assertThat(manifest(archive).get("schema_version").asText()).isEqualTo("99");

    Cli.Run run = Cli.run(fresh.resolve("campfire.db"), Map.of(), "restore", archive.toString());
    assertThat(run.exit()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains("was made by a newer Campfire (schema versions [99]): upgrade this one first");
    assertThat(fresh.resolve("campfire.db")).doesNotExist();
  }

  // --- helpers

  /** A server that ran, got a first-run account and these messages, and stopped; returns its data directory. */
  static Path stoppedInstanceWithMessages(String... bodies) {
    try (TestServer server = TestServer.start()) {
      WebClient alice = Fixtures.admin(server);
      for (String body : bodies) Fixtures.say(server, alice, Fixtures.allTalk(server), body);
      return server.directory();
    }
  }

  static Path db(TestServer server) { return server.directory().resolve("campfire.db"); }

  static Path archive(String output) {
    Matcher m = WRITTEN.matcher(output);
    assertThat(m.find()).as(output).isTrue();
    return Path.of(m.group(1));
  }

  static long messages(TestServer server) { return server.count("SELECT count(*) FROM messages"); }

  static void waitForMessages(TestServer server, long atLeast) throws InterruptedException {
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(messages(server)).isGreaterThanOrEqualTo(atLeast));
  }

  static List<Row> rows(TestServer server, long upTo) {
    return server.app().database().read(h -> query(h, upTo));
  }

  static List<Row> rows(Jdbi jdbi, long upTo) { return jdbi.withHandle(h -> query(h, upTo)); }

  private static List<Row> query(org.jdbi.v3.core.Handle h, long upTo) {
    return h.createQuery("SELECT id, body_plain, body_html FROM messages WHERE id <= ? ORDER BY id").bind(0, upTo)
        .map((rs, ctx) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
  }

  static List<String> bodies(Path dataDir) {
    return rows(Jdbi.create("jdbc:sqlite:" + dataDir.resolve("campfire.db")), Long.MAX_VALUE).stream().map(Row::plain).toList();
  }

  static JsonNode manifest(Path archive) throws IOException {
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      return new ObjectMapper().readTree(zip.getInputStream(zip.getEntry("manifest.json")));
    }
  }

  Path flipped(Path archive, long position) throws IOException {
    byte[] bytes = Files.readAllBytes(archive);
    bytes[(int) position] ^= 0x01;
    Path copy = backups.resolve("tampered-" + position + "-" + archive.getFileName());
    Files.write(copy, bytes);
    return copy;
  }

  /** Every file under the directory with its SHA-256, except lock files (they hold the last holder's pid). */
  static Map<String, String> state(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      Map<String, String> state = new TreeMap<>();
      for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".lock")).toList()) {
        state.put(dir.relativize(f).toString(), sha256(Files.readAllBytes(f)));
      }
      try (Stream<Path> dirs = Files.walk(dir)) {
        dirs.filter(Files::isDirectory).forEach(d -> state.put(dir.relativize(d) + "/", "dir"));
      }
      return state;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
