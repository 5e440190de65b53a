package campfire.portability;

import campfire.db.Database;
import campfire.db.DatabaseUrl;
import campfire.db.Migrations;
import campfire.messages.RichText;
import campfire.ops.OperationFailed;
import campfire.web.Json;
import campfire.web.Signer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * {@code campfire import --from FILE.zip}: an archive made by {@code campfire export} into an
 * empty Campfire, on SQLite or PostgreSQL. Everything in the archive is checked before anything
 * is written: the format and version, every entry's name (only the format's own paths, never
 * {@code ../}), each entry's declared size, every row's keys and types, ids in order and unique,
 * every reference, each table's checksum against the manifest. Bodies pass the same allowlist
 * as every body we store, and mentions are signed with this install's secret. Then the files,
 * then all rows in one transaction, then the comparison.
 */
public final class ArchiveImport {
  /** No entry of a real archive comes near this; a larger declaration is a broken or hostile archive. */
  static final long ENTRY_LIMIT = 4L << 30;
  /** Table files are read whole. */
  static final long TABLE_LIMIT = 1L << 30;

  private final Path from;
  private final DatabaseUrl target;
  private final Path storage;
  private final Signer signer;

  public ArchiveImport(Path from, DatabaseUrl target, Path storage, Signer signer) {
    this.from = from.toAbsolutePath();
    this.target = target;
    this.storage = storage;
    this.signer = signer;
  }

  public Rows.Result run(Consumer<String> out) {
    if (!Files.isRegularFile(from)) throw new OperationFailed("No file at " + from);
    ZipFile zip;
    try {
      zip = new ZipFile(from.toFile(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new OperationFailed(from + " is not a readable zip archive (" + e.getMessage() + "): export it again");
    }
    try (zip; Database database = new Database(target)) {
      Map<String, ZipEntry> entries = entries(zip);
      Archive.Manifest manifest = manifest(zip, entries);
      new Migrations(database).up();
      Rows.refuseFilled(database, "import");
      out.accept("reading " + from + " (exported " + manifest.exportedAt() + " by Campfire " + manifest.campfire() + ")");
      Map<String, List<Object[]>> rows = new LinkedHashMap<>();
      for (String table : Rows.COLUMNS.keySet()) rows.put(table, table(zip, entries, manifest, table));
      List<String> warnings = new ArrayList<>();
      checkReferences(rows);
      prepareBodies(rows);
      checkFiles(rows, entries, warnings);
      storeFiles(zip, entries, out);
      out.accept("writing into " + target);
      Rows.write(database, rows, out);
      Rows.Result result = Rows.verify(database, rows, storage, warnings);
      Rows.report(result, out);
      return result;
    } catch (ZipException e) {
      throw new OperationFailed(from + " is damaged (" + e.getMessage() + "): nothing was written; export it again");
    } catch (IOException e) {
      throw new OperationFailed("Could not read " + from + ": " + e.getMessage() + "; nothing was written to the database");
    }
  }

  /** Every entry by name, each a path the format has, once, with a size it could hold; and room for the files. */
  private Map<String, ZipEntry> entries(ZipFile zip) throws IOException {
    Set<String> known = new HashSet<>(List.of(Archive.MANIFEST));
    Rows.COLUMNS.keySet().forEach(table -> known.add(Archive.tableEntry(table)));
    Map<String, ZipEntry> entries = new LinkedHashMap<>();
    long files = 0;
    for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
      String name = entry.getName();
      if (entry.isDirectory() && name.matches("files/([a-z0-9]+/){0,2}")) continue;
      if (!known.contains(name) && !Archive.FILE.matcher(name).matches()) {
        throw new OperationFailed(from + " holds an entry the export format does not have: " + printable(name) + "; nothing was written");
      }
      if (entries.put(name, entry) != null) throw new OperationFailed(from + " holds " + name + " twice; nothing was written");
      long limit = name.startsWith("files/") ? ENTRY_LIMIT : TABLE_LIMIT;
      if (entry.getSize() > limit) {
        throw new OperationFailed(from + " declares " + entry.getSize() + " bytes for " + name + ", more than an archive entry may hold ("
            + limit + "); nothing was written");
      }
      if (name.startsWith("files/")) files += Math.max(entry.getSize(), 0);
    }
    Files.createDirectories(storage);
    long free = Files.getFileStore(storage).getUsableSpace();
    if (files > free) {
      throw new OperationFailed(from + " holds " + files + " bytes of files and " + storage + " has " + free + " bytes free; nothing was written");
    }
    return entries;
  }

  private Archive.Manifest manifest(ZipFile zip, Map<String, ZipEntry> entries) throws IOException {
    ZipEntry entry = entries.get(Archive.MANIFEST);
    if (entry == null) throw new OperationFailed(from + " has no " + Archive.MANIFEST + ": it is not a Campfire export");
    Archive.Manifest manifest;
    try {
      manifest = Json.MAPPER.readValue(read(zip, entry, 1 << 20), Archive.Manifest.class);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new OperationFailed(from + " has a " + Archive.MANIFEST + " that is not a Campfire export's: " + e.getOriginalMessage());
    }
    if (!Archive.FORMAT.equals(manifest.format())) throw new OperationFailed(from + " is not a Campfire export (format " + manifest.format() + ")");
    if (manifest.version() != Archive.VERSION) {
      throw new OperationFailed(from + " is in version " + manifest.version() + " of the export format and this Campfire reads version "
          + Archive.VERSION + (manifest.version() > Archive.VERSION ? ": import it with the Campfire that made it, or a newer one" : ""));
    }
    return manifest;
  }

  /** One table's rows: keys exactly the format's, numbers where numbers go, ids rising; its checksum as the manifest says. */
  private List<Object[]> table(ZipFile zip, Map<String, ZipEntry> entries, Archive.Manifest manifest, String table) throws IOException {
    String name = Archive.tableEntry(table);
    Archive.TableEntry expected = manifest.tables().get(table);
    ZipEntry entry = entries.get(name);
    if (entry == null || expected == null) throw new OperationFailed(from + " has no " + name + "; nothing was written");
    byte[] bytes = read(zip, entry, TABLE_LIMIT);
    if (!Export.sha256(bytes).equals(expected.sha256())) {
      throw new OperationFailed(from + ": " + name + " is not what the manifest says was exported (its SHA-256 differs); nothing was written");
    }
    List<String> columns = Rows.COLUMNS.get(table);
    List<Object[]> rows = new ArrayList<>();
    long previousId = Long.MIN_VALUE;
    int line = 0;
    for (String text : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
      line++;
      if (text.isEmpty()) continue;
      String where = from + ": " + name + " line " + line;
      JsonNode object;
      try {
        object = Json.MAPPER.readTree(text);
      } catch (com.fasterxml.jackson.core.JacksonException e) {
        throw new OperationFailed(where + " is not JSON; nothing was written");
      }
      if (object == null || !object.isObject() || object.size() != columns.size()) {
        throw new OperationFailed(where + " does not have exactly the keys " + columns + "; nothing was written");
      }
      Object[] row = new Object[columns.size()];
      for (int i = 0; i < columns.size(); i++) {
        String column = columns.get(i);
        JsonNode value = object.get(column);
        if (value == null) throw new OperationFailed(where + " has no " + column + "; nothing was written");
        row[i] = value.isNull() ? null : numeric(column) && value.isIntegralNumber() && value.canConvertToLong() ? (Object) value.asLong()
            : !numeric(column) && value.isTextual() ? value.asText() : invalid(where, column);
      }
      if (!(row[0] instanceof Long id) || id <= previousId) {
        throw new OperationFailed(where + ": id " + row[0] + " is missing, repeated or out of order; nothing was written");
      }
      previousId = id;
      rows.add(row);
    }
    if (rows.size() != expected.rows()) {
      throw new OperationFailed(from + ": " + name + " holds " + rows.size() + " rows and the manifest says " + expected.rows());
    }
    return rows;
  }

  private static boolean numeric(String column) {
    return column.equals("id") || column.endsWith("_id") && !column.equals("client_message_id") || column.endsWith("_at") || column.equals("byte_size") || column.equals("width")
        || column.equals("height") || column.equals("active") || column.startsWith("restrict_");
  }

  private static Object invalid(String where, String column) {
    throw new OperationFailed(where + ": " + column + " is not " + (numeric(column) ? "a whole number" : "text") + "; nothing was written");
  }

  /** Every row's parents are in the archive: nothing would point at a person, room or message that is not there. */
  private void checkReferences(Map<String, List<Object[]>> rows) {
    List<Object[]> accounts = rows.get("accounts");
    if (accounts.size() != 1 || !Long.valueOf(1).equals(accounts.get(0)[0])) {
      throw new OperationFailed(from + " must hold exactly one account, with id 1; nothing was written");
    }
    Set<Long> users = ids(rows.get("users"));
    Set<Long> rooms = ids(rows.get("rooms"));
    Set<Long> messages = ids(rows.get("messages"));
    refer(rows, "rooms", "creator_id", users, true);
    refer(rows, "memberships", "room_id", rooms, false);
    refer(rows, "memberships", "user_id", users, false);
    refer(rows, "messages", "room_id", rooms, false);
    refer(rows, "messages", "creator_id", users, false);
    refer(rows, "attachments", "message_id", messages, false);
    refer(rows, "boosts", "message_id", messages, false);
    refer(rows, "boosts", "booster_id", users, false);
    for (String table : List.of("searches", "webhooks", "bans")) refer(rows, table, "user_id", users, false);
  }

  private static Set<Long> ids(List<Object[]> rows) {
    Set<Long> ids = new HashSet<>();
    rows.forEach(row -> ids.add((Long) row[0]));
    return ids;
  }

  private void refer(Map<String, List<Object[]>> rows, String table, String column, Set<Long> parents, boolean optional) {
    int index = Rows.COLUMNS.get(table).indexOf(column);
    for (Object[] row : rows.get(table)) {
      Object parent = row[index];
      if (parent == null ? !optional : !parents.contains((Long) parent)) {
        throw new OperationFailed(from + ": " + table + " " + row[0] + " names " + column + " " + parent + ", which the archive does not hold; "
            + "nothing was written");
      }
    }
  }

  /** Bodies through our allowlist, their mentions signed with this install's secret, their words read again for search. */
  private void prepareBodies(Map<String, List<Object[]>> rows) {
    Set<Long> users = ids(rows.get("users"));
    for (Object[] message : rows.get("messages")) {
      String html = RichText.sanitize(Archive.signed((String) message[4], users::contains, id -> signer.sign("user", Long.toString(id))));
      message[4] = html;
      message[5] = RichText.plainText(html);
    }
  }

  /** Attachments must come with their files; a missing picture or preview is left out, and said. */
  private void checkFiles(Map<String, List<Object[]>> rows, Map<String, ZipEntry> entries, List<String> warnings) {
    for (Object[] attachment : rows.get("attachments")) {
      String key = (String) attachment[2];
      if (key == null || !key.matches("[0-9a-f]{64}") || !entries.containsKey(attachmentFile(key))) {
        throw new OperationFailed(from + ": attachments " + attachment[0] + " names a file the archive does not hold; nothing was written");
      }
      if (attachment[9] instanceof String preview && !entries.containsKey(attachmentFile(preview))) {
        attachment[9] = null;
        warnings.add("the preview of attachment " + attachment[0] + " was not in the archive: it is made again when next shown full size");
      }
    }
    for (Object[] user : rows.get("users")) {
      if (user[6] instanceof String key && !entries.containsKey("files/avatars/" + key)) {
        user[6] = null;
        warnings.add("the picture of " + user[1] + " was not in the archive: they are shown with their initials");
      }
    }
    Object[] account = rows.get("accounts").get(0);
    if (account[5] instanceof String key && !(entries.containsKey("files/logos/" + key + "-512.png") && entries.containsKey("files/logos/" + key + "-192.png"))) {
      account[5] = null;
      warnings.add("the logo was not in the archive: the standard one is shown");
    }
  }

  private static String attachmentFile(String key) {
    return "files/" + (key.length() < 4 ? key : key.substring(0, 2) + "/" + key.substring(2, 4) + "/" + key);
  }

  /** Each file to its place under STORAGE_PATH; content-addressed ones must hash to their name. */
  private void storeFiles(ZipFile zip, Map<String, ZipEntry> entries, Consumer<String> out) throws IOException {
    long stored = 0;
    for (var entry : entries.entrySet()) {
      if (!entry.getKey().startsWith("files/")) continue;
      String relative = entry.getKey().substring("files/".length());
      Path target = storage.resolve(relative).normalize();
      if (!target.startsWith(storage.normalize())) throw new OperationFailed(from + " holds a file outside the storage directory: " + relative);
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), "import", ".part");
      try {
        MessageDigest sha = Rows.digest("SHA-256");
        try (InputStream in = bounded(zip, entry.getValue(), ENTRY_LIMIT); OutputStream file = new DigestOutputStream(Files.newOutputStream(temp), sha)) {
          in.transferTo(file);
        }
        String name = target.getFileName().toString();
        boolean addressed = name.matches("[0-9a-f]{64}");
        if (addressed && !name.equals(HexFormat.of().formatHex(sha.digest()))) {
          throw new OperationFailed(from + ": " + entry.getKey() + " does not hash to its name; the file is damaged and nothing was written");
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
      if (++stored % 500 == 0) out.accept(String.format("  files: %,d", stored));
    }
    out.accept(String.format("stored %,d files in %s", stored, storage));
  }

  private byte[] read(ZipFile zip, ZipEntry entry, long limit) throws IOException {
    try (InputStream in = bounded(zip, entry, limit)) {
      return in.readAllBytes();
    }
  }

  /** The entry's bytes, never more than it declares nor than {@code limit}: a lying size is refused, not believed. */
  private InputStream bounded(ZipFile zip, ZipEntry entry, long limit) throws IOException {
    long allowed = entry.getSize() >= 0 ? Math.min(entry.getSize(), limit) : limit;
    InputStream in = zip.getInputStream(entry);
    return new java.io.FilterInputStream(in) {
      private long read;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0 && (read += n) > allowed) {
          throw new OperationFailed(from + ": " + entry.getName() + " is larger than it declares; nothing was written");
        }
        return n;
      }
    };
  }

  private static String printable(String name) {
    return name.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
