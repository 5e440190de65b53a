package campfire.portability;

import campfire.ops.OperationFailed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;

/**
 * An ONCE Campfire storage directory, as the original's Docker volume holds it: the Rails app's
 * SQLite database at {@code db/production.sqlite3} and the Active Storage files under
 * {@code files/}. Opened read-only, read in one read transaction (one consistent snapshot), every
 * column read by its name: long-lived installs have their columns in migration order, fresh ones
 * in schema order. An older copy under {@code backups/} is never read.
 */
final class OnceSource implements AutoCloseable {
  static final String DATABASE = "db/production.sqlite3";

  /** What the import reads from each table: a table or column missing means a source we do not understand. */
  private static final Map<String, List<String>> REQUIRED = new LinkedHashMap<>();

  static {
    REQUIRED.put("schema_migrations", List.of("version"));
    REQUIRED.put("accounts", List.of("id", "name", "join_code", "custom_styles", "created_at", "updated_at"));
    REQUIRED.put("users", List.of("id", "name", "email_address", "password_digest", "role", "bio", "bot_token", "created_at", "updated_at"));
    REQUIRED.put("rooms", List.of("id", "name", "type", "creator_id", "created_at", "updated_at"));
    REQUIRED.put("memberships", List.of("id", "room_id", "user_id", "involvement", "unread_at", "created_at"));
    REQUIRED.put("messages", List.of("id", "room_id", "creator_id", "client_message_id", "created_at", "updated_at"));
    REQUIRED.put("boosts", List.of("id", "message_id", "booster_id", "content", "created_at"));
    REQUIRED.put("bans", List.of("id", "user_id", "ip_address", "created_at"));
    REQUIRED.put("webhooks", List.of("id", "user_id", "url", "created_at"));
    REQUIRED.put("searches", List.of("id", "user_id", "query", "created_at"));
    REQUIRED.put("action_text_rich_texts", List.of("record_type", "record_id", "name", "body"));
    REQUIRED.put("active_storage_blobs", List.of("id", "key", "filename", "content_type", "byte_size", "checksum"));
    REQUIRED.put("active_storage_attachments", List.of("record_type", "record_id", "name", "blob_id"));
  }

  private final Path root;
  private final Handle handle;
  private final Map<String, Set<String>> columns = new HashMap<>();

  private OnceSource(Path root, Handle handle) {
    this.root = root;
    this.handle = handle;
  }

  /** Opens and checks the directory; refuses, with one line saying why, anything it would not import faithfully. */
  static OnceSource open(Path directory) {
    Path root = directory.toAbsolutePath().normalize();
    if (Files.isRegularFile(root)) {
      throw new OperationFailed(root + " is a file: give the ONCE Campfire storage directory, the one holding " + DATABASE + " and files/");
    }
    if (!Files.isDirectory(root)) throw new OperationFailed("No directory at " + root);
    if (!Files.isRegularFile(root.resolve(DATABASE)) && Files.isRegularFile(root.resolve("storage").resolve(DATABASE))) {
      root = root.resolve("storage");
    }
    Path file = root.resolve(DATABASE);
    if (!Files.isRegularFile(file)) {
      throw new OperationFailed("No ONCE Campfire database at " + file + ": give the storage directory (the volume mounted at /rails/storage)");
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(10_000);
    Handle handle = Jdbi.create("jdbc:sqlite:" + file, config.toProperties()).open();
    OnceSource source = new OnceSource(root, handle);
    try {
      handle.begin();
      source.check(file);
      return source;
    } catch (RuntimeException e) {
      source.close();
      if (e instanceof OperationFailed) throw e;
      throw new OperationFailed(file + " is not a readable SQLite database: " + e.getMessage());
    }
  }

  private void check(Path file) {
    List<String> integrity = handle.createQuery("PRAGMA quick_check").mapTo(String.class).list();
    if (!integrity.equals(List.of("ok"))) {
      throw new OperationFailed(file + " is damaged (" + String.join("; ", integrity.subList(0, Math.min(3, integrity.size())))
          + "): repair it or use a backup of it");
    }
    for (var table : REQUIRED.entrySet()) {
      Set<String> present = new TreeSet<>(handle.createQuery("SELECT name FROM pragma_table_info(?)").bind(0, table.getKey())
          .mapTo(String.class).list());
      if (present.isEmpty()) {
        throw new OperationFailed(file + " is not an ONCE Campfire database this version understands: it has no " + table.getKey() + " table");
      }
      List<String> missing = table.getValue().stream().filter(c -> !present.contains(c)).toList();
      if (!missing.isEmpty()) {
        throw new OperationFailed(file + " is not an ONCE Campfire database this version understands: " + table.getKey()
            + " has no " + String.join(", ", missing) + " column");
      }
      columns.put(table.getKey(), present);
    }
    if (!has("users", "status") && !has("users", "active")) {
      throw new OperationFailed(file + " is not an ONCE Campfire database this version understands: users has neither status nor active");
    }
  }

  boolean has(String table, String column) { return columns.getOrDefault(table, Set.of()).contains(column); }

  Path root() { return root; }

  /** The newest migration the install ran, as Rails numbers them (20251212154340). */
  String schemaVersion() {
    return handle.createQuery("SELECT max(version) FROM schema_migrations").mapTo(String.class).findOne().orElse("none");
  }

  /** Every row of a table in id order (or the given order), its columns by name. */
  List<Row> rows(String table, String orderBy) {
    List<Row> rows = new ArrayList<>();
    handle.createQuery("SELECT * FROM " + table + " ORDER BY " + orderBy).map((rs, ctx) -> {
      Map<String, Object> values = new HashMap<>();
      var meta = rs.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) values.put(meta.getColumnLabel(i), rs.getObject(i));
      return new Row(table, values);
    }).forEach(rows::add);
    return rows;
  }

  /** A file Active Storage keeps: {@code files/ab/cd/abcd...}. */
  Path blobFile(String key) {
    if (key == null || !key.matches("[A-Za-z0-9]{3,100}")) return null;
    return root.resolve("files").resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
  }

  @Override
  public void close() {
    try {
      if (handle.isInTransaction()) handle.rollback();
    } finally {
      handle.close();
    }
  }

  /** One row, read by column name. */
  record Row(String table, Map<String, Object> values) {
    long id() { return number("id"); }

    long number(String column) {
      Object value = values.get(column);
      if (value instanceof Number n) return n.longValue();
      if (value instanceof String s && s.matches("-?\\d{1,18}")) return Long.parseLong(s);
      throw new OperationFailed(table + " " + values.get("id") + " has no number in " + column + " (" + value + ")");
    }

    Long optionalNumber(String column) { return values.get(column) == null ? null : number(column); }

    String text(String column) {
      Object value = values.get(column);
      return value == null ? null : value.toString();
    }

    /** A Rails datetime (stored by SQLite as UTC text, "2024-05-01 10:11:12.123456") in our milliseconds. */
    Long time(String column) {
      Object value = values.get(column);
      if (value == null) return null;
      if (value instanceof Number n) return n.longValue();
      String text = value.toString().strip();
      try {
        if (text.matches(".*([+-]\\d\\d:?\\d\\d|Z)$")) return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant().toEpochMilli();
        return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
      } catch (DateTimeParseException e) {
        throw new OperationFailed(table + " " + values.get("id") + " has a " + column + " that is not a time: " + text);
      }
    }

    long requiredTime(String column) {
      Long time = time(column);
      return time != null ? time : Instant.EPOCH.toEpochMilli();
    }
  }
}
