package campfire.portability;

import campfire.db.Database;
import campfire.web.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * {@code campfire export --to FILE.zip}, and the administrator's download: everything of the
 * account (people, bots, rooms, memberships, messages, boosts, mentions, files, webhooks, bans,
 * settings) in the archive format of {@link Archive}, read from one consistent snapshot while the
 * server keeps running. The archive holds password digests and bot keys: keep it like a backup.
 */
public final class Export {
  private final Database database;
  private final Path storage;
  private final String campfireVersion;
  private final Clock clock;

  public Export(Database database, Path storage, String campfireVersion, Clock clock) {
    this.database = database;
    this.storage = storage;
    this.campfireVersion = campfireVersion;
    this.clock = clock;
  }

  /** What went into an archive: rows per table, files, and stored files the rows name that were not found. */
  public record Summary(Map<String, Long> rows, long files, List<String> missingFiles) {}

  public Summary write(OutputStream destination, Consumer<String> progress) {
    Map<String, List<Object[]>> tables = snapshot();
    SortedSet<String> files = files(tables);
    List<String> missing = new ArrayList<>(files.stream().filter(file -> !Files.isRegularFile(storage.resolve(file))).toList());
    files.removeAll(missing);
    try {
      ZipOutputStream zip = new ZipOutputStream(destination);
      Map<String, byte[]> bodies = new LinkedHashMap<>();
      Map<String, Archive.TableEntry> entries = new LinkedHashMap<>();
      for (var table : tables.entrySet()) {
        byte[] body = jsonLines(table.getKey(), table.getValue());
        bodies.put(table.getKey(), body);
        entries.put(table.getKey(), new Archive.TableEntry(table.getValue().size(), sha256(body)));
      }
      Archive.Manifest manifest = new Archive.Manifest(Archive.FORMAT, Archive.VERSION,
          clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(), campfireVersion, entries, files.size());
      put(zip, Archive.MANIFEST, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
      for (var body : bodies.entrySet()) {
        put(zip, Archive.tableEntry(body.getKey()), body.getValue());
        progress.accept(String.format("  %s: %,d rows", body.getKey(), tables.get(body.getKey()).size()));
      }
      long written = 0;
      for (String file : files) {
        zip.putNextEntry(entry("files/" + file));
        Files.copy(storage.resolve(file), zip);
        zip.closeEntry();
        if (++written % 500 == 0) progress.accept(String.format("  files: %,d of %,d", written, files.size()));
      }
      progress.accept(String.format("  files: %,d", files.size()));
      zip.finish();
      zip.flush();
      Map<String, Long> rows = new LinkedHashMap<>();
      tables.forEach((table, list) -> rows.put(table, (long) list.size()));
      return new Summary(rows, files.size(), List.copyOf(missing));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every table read in one transaction: one consistent state of the account, whatever is written meanwhile. */
  private Map<String, List<Object[]>> snapshot() {
    TransactionIsolationLevel isolation = database.dialect().isPostgres() ? TransactionIsolationLevel.REPEATABLE_READ
        : TransactionIsolationLevel.SERIALIZABLE;
    return database.read(h -> h.inTransaction(isolation, tx -> {
      Map<String, List<Object[]>> tables = new LinkedHashMap<>();
      for (var table : Rows.COLUMNS.entrySet()) tables.put(table.getKey(), rows(tx, table.getKey(), table.getValue()));
      return tables;
    }));
  }

  private static List<Object[]> rows(Handle h, String table, List<String> columns) {
    return h.createQuery("SELECT " + String.join(", ", columns) + " FROM " + table + " ORDER BY id").map((rs, ctx) -> {
      Object[] row = new Object[columns.size()];
      for (int i = 0; i < row.length; i++) {
        Object value = rs.getObject(i + 1);
        row[i] = value instanceof Number n ? (Object) n.longValue() : value instanceof Boolean b ? (Object) (b ? 1L : 0L)
            : value == null ? null : value.toString();
      }
      if (table.equals("messages")) row[4] = Archive.withoutSignatures((String) row[4]);
      return row;
    }).list();
  }

  /** The stored files the rows name, as paths under STORAGE_PATH. */
  private static SortedSet<String> files(Map<String, List<Object[]>> tables) {
    SortedSet<String> files = new TreeSet<>();
    for (Object[] attachment : tables.get("attachments")) {
      for (int column : new int[] {2, 9}) {
        if (attachment[column] instanceof String key && key.matches("[0-9a-f]{64}")) files.add(key.substring(0, 2) + "/" + key.substring(2, 4) + "/" + key);
      }
    }
    for (Object[] user : tables.get("users")) {
      if (user[6] instanceof String key) files.add("avatars/" + key);
    }
    for (Object[] account : tables.get("accounts")) {
      if (account[5] instanceof String key) {
        files.add("logos/" + key + "-512.png");
        files.add("logos/" + key + "-192.png");
      }
    }
    for (Object[] message : tables.get("messages")) {
      Matcher image = Archive.LINK_IMAGE.matcher((String) message[4]);
      while (image.find()) files.add("unfurl/" + image.group(1).substring(0, 2) + "/" + image.group(1));
    }
    files.removeIf(file -> !Archive.FILE.matcher("files/" + file).matches());
    return files;
  }

  private static byte[] jsonLines(String table, List<Object[]> rows) throws IOException {
    List<String> columns = Rows.COLUMNS.get(table);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object[] row : rows) {
      Map<String, Object> object = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) object.put(columns.get(i), row[i]);
      out.write(Json.MAPPER.writeValueAsBytes(object));
      out.write('\n');
    }
    return out.toByteArray();
  }

  private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    zip.putNextEntry(entry(name));
    zip.write(bytes);
    zip.closeEntry();
  }

  private static ZipEntry entry(String name) {
    ZipEntry entry = new ZipEntry(name);
    entry.setTimeLocal(Archive.ENTRY_TIME);
    return entry;
  }

  static String sha256(byte[] bytes) { return HexFormat.of().formatHex(Rows.digest("SHA-256").digest(bytes)); }
}
