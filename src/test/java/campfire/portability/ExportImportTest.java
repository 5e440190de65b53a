package campfire.portability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import campfire.db.Database;
import campfire.db.Migrations;
import campfire.db.Tables;
import campfire.ops.OperationFailed;
import campfire.support.Cli;
import campfire.support.TestServer;
import campfire.support.WebClient;
import campfire.web.Signer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leaving and coming back: export, import into an empty Campfire (another secret, the suite's
 * database), export again gives the same bytes; the imported install works; and every kind of
 * bad archive is refused with one line, writing nothing.
 */
class ExportImportTest {
  static final Clock FIXED = Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC);
  static Path base;
  static Map<String, String> first;
  static Path archive;

  @BeforeAll
  static void anInstallAndItsExport() throws IOException {
    base = Files.createTempDirectory("export-test");
    Path source = OnceFixture.build(base.resolve("once"), "https://hooks.example.com/hooky");
    first = OnceImportTest.emptyCampfire(Files.createDirectories(base.resolve("first")));
    OnceImportTest.importer(source, first).run(line -> { });
    archive = export(first, base.resolve("first.zip"));
  }

  static Path export(Map<String, String> env, Path file) throws IOException {
    try (Database database = new Database(OnceImportTest.databaseUrl(env)); OutputStream out = Files.newOutputStream(file)) {
      new Export(database, storage(env), "test", FIXED).write(out, line -> { });
    }
    return file;
  }

  static Path storage(Map<String, String> env) { return Path.of(env.get("DATA_DIR")).resolve("storage"); }

  static ArchiveImport importer(Path zip, Map<String, String> env, String secret) {
    return new ArchiveImport(zip, OnceImportTest.databaseUrl(env), storage(env), new Signer(secret));
  }

  @Test
  void export_import_export_gives_the_same_archive_and_the_install_works(@TempDir Path dir) throws Exception {
    Map<String, String> second = OnceImportTest.emptyCampfire(dir);
    String otherSecret = "another-secret-for-the-second-install-0123456789";
    second.put("SESSION_SECRET", otherSecret);
    List<String> output = new ArrayList<>();
    Rows.Result result = importer(archive, second, otherSecret).run(output::add);
    assertThat(result.matches()).as(String.join("\n", output)).isTrue();
    assertThat(result.rows("messages")).isEqualTo(8);
    assertThat(String.join("\n", output)).contains("stored 5 files", "every table and file matches");

    Path again = export(second, dir.resolve("again.zip"));
    Map<String, byte[]> before = entries(archive);
    Map<String, byte[]> after = entries(again);
    assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
    before.entrySet().stream().sorted(Map.Entry.comparingByKey((a, b) -> a.startsWith("manifest") ? 1 : b.startsWith("manifest") ? -1 : a.compareTo(b)))
        .forEach(entry -> assertThat(new String(after.get(entry.getKey()), StandardCharsets.UTF_8)).as(entry.getKey())
            .isEqualTo(new String(entry.getValue(), StandardCharsets.UTF_8)));
    assertThat(Files.mismatch(archive, again)).as("the second export differs from the first").isEqualTo(-1L);
    try (ZipFile zip = new ZipFile(again.toFile())) {
      assertThat(Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList())
          .startsWith("manifest.json", "accounts.jsonl", "users.jsonl").contains("files/avatars/" + string(second, "SELECT avatar_key FROM users WHERE id = 1"));
      String users = new String(zip.getInputStream(zip.getEntry("users.jsonl")).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(users.lines().findFirst().orElseThrow()).startsWith("{\"id\":1,\"name\":\"Ada Admin\",\"email_address\":\"ada@example.com\"");
      String messages = new String(zip.getInputStream(zip.getEntry("messages.jsonl")).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(messages).contains("sgid=\\\"2\\\"").doesNotContain("sgid=\\\"2.");
    }

    try (TestServer server = TestServer.start(second)) {
      WebClient ada = server.client();
      ada.get("/session/new");
      assertThat(ada.post("/session", Map.of("email_address", "ada@example.com", "password", OnceFixture.ADA_PASSWORD)).statusCode()).isEqualTo(302);
      assertThat(ada.get("/rooms/1/@12").body()).contains("standup moved", "class=\"mention\" data-user-id=\"5\"");
      // Mentions carry this install's signature: editing keeps them.
      assertThat(server.string("SELECT body_html FROM messages WHERE id = 12")).contains("sgid=\"" + new Signer(otherSecret).sign("user", "2") + "\"");
      long picture = server.count("SELECT id FROM attachments WHERE message_id = 15");
      assertThat(ada.sendBytes(HttpRequest.newBuilder(URI.create(server.url("/attachments/" + picture)))).statusCode()).isEqualTo(200);
      assertThat(ada.get("/searches?q=kettle").body()).contains("the kettle is on");
    }
  }

  @Test
  void the_commands_export_and_import(@TempDir Path dir) {
    Path zip = dir.resolve("out.zip");
    var export = Cli.run(Path.of("unused"), first, "export", "--to", zip.toString());
    assertThat(export.exit()).as(export.output()).isZero();
    assertThat(export.output()).contains("8 messages, 5 people and bots, 3 rooms, 5 files");
    var twice = Cli.run(Path.of("unused"), first, "export", "--to", zip.toString());
    assertThat(twice.exit()).isEqualTo(1);
    assertThat(twice.output().strip()).isEqualTo("Error: " + zip + " already exists: choose a new file name");

    Map<String, String> second = OnceImportTest.emptyCampfire(dir.resolve("second"));
    var imported = Cli.run(Path.of("unused"), second, "import", "--from", zip.toString());
    assertThat(imported.exit()).as(imported.output()).isZero();
    assertThat(imported.output()).contains("wrote 8 rows into messages", "every table and file matches");
    var again = Cli.run(Path.of("unused"), second, "import", "--from", zip.toString());
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.output()).contains("Error: The target database already holds data");
  }

  @Test
  void bad_archives_are_refused_with_one_line_and_change_nothing(@TempDir Path dir) throws Exception {
    Map<String, String> env = OnceImportTest.emptyCampfire(dir);
    try (Database database = new Database(OnceImportTest.databaseUrl(env))) {
      new Migrations(database).up();
    }
    byte[] whole = Files.readAllBytes(archive);
    Path truncated = Files.write(dir.resolve("truncated.zip"), java.util.Arrays.copyOf(whole, whole.length / 2));
    refused(env, truncated, "is not a readable zip archive");
    refused(env, dir.resolve("absent.zip"), "No file at ");

    refused(env, rewrite(dir.resolve("version.zip"), Map.of("manifest.json", m -> m.replace("\"version\" : 1", "\"version\" : 2"))),
        "is in version 2 of the export format and this Campfire reads version 1: import it with the Campfire that made it");
    refused(env, rewrite(dir.resolve("format.zip"), Map.of("manifest.json", m -> m.replace("campfire-export", "slack-export"))),
        "is not a Campfire export (format slack-export)");
    refused(env, withExtra(dir.resolve("traversal.zip"), "../../x", "gotcha"), "holds an entry the export format does not have: ../../x");
    refused(env, withExtra(dir.resolve("absolute.zip"), "/etc/cron.d/x", "gotcha"), "holds an entry the export format does not have: /etc/cron.d/x");
    refused(env, withExtra(dir.resolve("twice.zip"), "users.jsonl", "{}"), "holds users.jsonl twice");

    // A table changed after export no longer matches its manifest; one changed consistently is still checked row by row.
    refused(env, rewrite(dir.resolve("tampered.zip"), Map.of("users.jsonl", u -> u.replace("Ada Admin", "Eve"))),
        "users.jsonl is not what the manifest says was exported");
    refused(env, consistent(dir.resolve("duplicate.zip"), "users.jsonl", u -> u + u.lines().findFirst().orElseThrow() + "\n"),
        "users.jsonl line 6: id 1 is missing, repeated or out of order");
    refused(env, consistent(dir.resolve("dangling.zip"), "boosts.jsonl", b -> b.replace("\"booster_id\":2", "\"booster_id\":77")),
        "boosts 1 names booster_id 77, which the archive does not hold");
    refused(env, consistent(dir.resolve("types.zip"), "rooms.jsonl", r -> r.replace("\"id\":2,", "\"id\":\"2\",")),
        "rooms.jsonl line 2: id is not a whole number");
    refused(env, consistent(dir.resolve("keys.zip"), "bans.jsonl", b -> b.replace("\"ip_address\"", "\"ip\"")),
        "bans.jsonl line 1 has no ip_address");
    refused(env, hugeDeclaration(dir.resolve("huge.zip")), "declares 10737418240 bytes for files/avatars/big.png");
  }

  private static void refused(Map<String, String> env, Path zip, String message) {
    assertThatThrownBy(() -> importer(zip, env, OnceImportTest.SECRET).run(line -> { }))
        .isInstanceOf(OperationFailed.class).hasMessageContaining(message);
    try (Database database = new Database(OnceImportTest.databaseUrl(env))) {
      List<String> filled = database.read(h -> Tables.filled(h, List.copyOf(Rows.COLUMNS.keySet())));
      assertThat(filled).as("rows written for " + zip).isEmpty();
    }
  }

  /** The archive with some entries' text changed (the manifest left as it was). */
  private static Path rewrite(Path to, Map<String, UnaryOperator<String>> changes) throws IOException {
    Map<String, byte[]> entries = entries(archive);
    changes.forEach((name, change) -> entries.put(name, change.apply(new String(entries.get(name), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
    return write(to, entries, null, null);
  }

  /** The archive with one table changed and the manifest's checksum and count made to agree, so only the row checks can refuse it. */
  private static Path consistent(Path to, String name, UnaryOperator<String> change) throws IOException {
    Map<String, byte[]> entries = entries(archive);
    String before = new String(entries.get(name), StandardCharsets.UTF_8);
    byte[] after = change.apply(before).getBytes(StandardCharsets.UTF_8);
    String table = name.replace(".jsonl", "");
    String manifest = new String(entries.get("manifest.json"), StandardCharsets.UTF_8)
        .replace(Export.sha256(entries.get(name)), Export.sha256(after));
    long rowsBefore = before.lines().count();
    long rowsAfter = new String(after, StandardCharsets.UTF_8).lines().count();
    manifest = manifest.replaceFirst("(\"" + table + "\" : \\{\\s*\"rows\" : )" + rowsBefore, "$1" + rowsAfter);
    entries.put(name, after);
    entries.put("manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
    return write(to, entries, null, null);
  }

  private static Path withExtra(Path to, String name, String content) throws IOException {
    Map<String, byte[]> entries = entries(archive);
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return entries.containsKey(name) ? twice(to, entries, name, bytes) : write(to, entries, name, bytes);
  }

  private static Map<String, byte[]> entries(Path zip) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile file = new ZipFile(zip.toFile())) {
      for (ZipEntry entry : Collections.list(file.entries())) entries.put(entry.getName(), file.getInputStream(entry).readAllBytes());
    }
    return entries;
  }

  private static Path write(Path to, Map<String, byte[]> entries, String extraName, byte[] extra) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(to))) {
      for (var entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
      if (extraName != null) {
        zip.putNextEntry(new ZipEntry(extraName));
        zip.write(extra);
        zip.closeEntry();
      }
    }
    return to;
  }

  /** ZipOutputStream refuses a repeated name, so the repeat is written by hand (see {@link #rawZip}). */
  private static Path twice(Path to, Map<String, byte[]> entries, String name, byte[] content) throws IOException {
    List<Map.Entry<String, byte[]>> all = new ArrayList<>(entries.entrySet());
    all.add(Map.entry(name, content));
    Files.write(to, rawZip(all, -1));
    return to;
  }

  /** One small entry whose central directory declares 10 GB (a Zip64 size): the import must not believe it, nor try. */
  private static Path hugeDeclaration(Path to) throws IOException {
    Map<String, byte[]> entries = entries(archive);
    List<Map.Entry<String, byte[]>> all = new ArrayList<>(entries.entrySet());
    all.add(Map.entry("files/avatars/big.png", "tiny".getBytes(StandardCharsets.UTF_8)));
    Files.write(to, rawZip(all, all.size() - 1));
    return to;
  }

  /**
   * A zip written byte by byte (stored entries), for what the JDK's writer will not make: a name
   * twice, or, for the entry at {@code hugeIndex}, a central-directory size of 10 GB in a Zip64 field.
   */
  private static byte[] rawZip(List<Map.Entry<String, byte[]>> entries, int hugeIndex) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream central = new ByteArrayOutputStream();
    for (int i = 0; i < entries.size(); i++) {
      byte[] name = entries.get(i).getKey().getBytes(StandardCharsets.UTF_8);
      byte[] data = entries.get(i).getValue();
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(data);
      int offset = out.size();
      ByteBuffer local = ByteBuffer.allocate(30 + name.length).order(ByteOrder.LITTLE_ENDIAN);
      local.putInt(0x04034b50).putShort((short) 20).putShort((short) 0x800).putShort((short) 0).putShort((short) 0).putShort((short) 0x21)
          .putInt((int) crc.getValue()).putInt(data.length).putInt(data.length).putShort((short) name.length).putShort((short) 0).put(name);
      out.writeBytes(local.array());
      out.writeBytes(data);
      boolean huge = i == hugeIndex;
      ByteBuffer header = ByteBuffer.allocate(46 + name.length + (huge ? 12 : 0)).order(ByteOrder.LITTLE_ENDIAN);
      header.putInt(0x02014b50).putShort((short) 45).putShort((short) 20).putShort((short) 0x800).putShort((short) 0).putShort((short) 0)
          .putShort((short) 0x21).putInt((int) crc.getValue()).putInt(data.length).putInt(huge ? 0xFFFFFFFF : data.length)
          .putShort((short) name.length).putShort((short) (huge ? 12 : 0)).putShort((short) 0).putShort((short) 0).putShort((short) 0)
          .putInt(0).putInt(offset).put(name);
      if (huge) header.putShort((short) 1).putShort((short) 8).putLong(10L << 30);
      central.writeBytes(header.array());
    }
    int centralOffset = out.size();
    out.writeBytes(central.toByteArray());
    ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
    end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size()).putShort((short) entries.size())
        .putInt(central.size()).putInt(centralOffset).putShort((short) 0);
    out.writeBytes(end.array());
    return out.toByteArray();
  }

  private static String string(Map<String, String> env, String sql) {
    try (Database database = new Database(OnceImportTest.databaseUrl(env))) {
      return database.read(h -> h.createQuery(sql).mapTo(String.class).one());
    }
  }
}
