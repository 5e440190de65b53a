package campfire.portability;

import campfire.attachments.Attachments;
import campfire.attachments.Posters;
import campfire.db.Database;
import campfire.db.Tables;
import campfire.ops.OperationFailed;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An account's rows as the commands that move an install carry them (import-once, export,
 * import): which tables and columns, written into an empty database in one transaction with
 * their ids, then compared, table by table (count and checksum) and file by file (SHA-256), with
 * what was meant to be written. Sessions, push subscriptions and webhook deliveries never move.
 */
public final class Rows {
  /** Our tables in the order they are written (parents first), each with the columns that move. */
  static final Map<String, List<String>> COLUMNS = new LinkedHashMap<>();

  static {
    COLUMNS.put("accounts", List.of("id", "name", "join_code", "custom_styles", "restrict_room_creation_to_administrators", "logo_key",
        "created_at", "updated_at"));
    COLUMNS.put("users", List.of("id", "name", "email_address", "password_digest", "role", "bio", "avatar_key", "bot_token", "active",
        "banned_at", "created_at", "updated_at"));
    COLUMNS.put("rooms", List.of("id", "name", "type", "creator_id", "last_message_at", "created_at", "updated_at"));
    COLUMNS.put("memberships", List.of("id", "room_id", "user_id", "involvement", "unread_at", "created_at"));
    COLUMNS.put("messages", List.of("id", "room_id", "creator_id", "client_message_id", "body_html", "body_plain", "created_at", "updated_at"));
    COLUMNS.put("attachments", List.of("id", "message_id", "storage_key", "filename", "content_type", "byte_size", "checksum", "width", "height",
        "preview_key", "created_at"));
    COLUMNS.put("boosts", List.of("id", "message_id", "booster_id", "content", "created_at"));
    COLUMNS.put("searches", List.of("id", "user_id", "query", "created_at"));
    COLUMNS.put("webhooks", List.of("id", "user_id", "url", "created_at"));
    COLUMNS.put("bans", List.of("id", "user_id", "ip_address", "created_at"));
  }

  private Rows() {}

  public record Table(String name, long expectedRows, long rows, boolean checksumMatches) {
    public boolean matches() { return expectedRows == rows && checksumMatches; }
  }

  public record Result(List<Table> tables, int filesChecked, List<String> damagedFiles, List<String> warnings) {
    public boolean matches() { return tables.stream().allMatch(Table::matches) && damagedFiles.isEmpty(); }

    public long rows(String table) { return tables.stream().filter(t -> t.name().equals(table)).mapToLong(Table::rows).sum(); }
  }

  /** Refuses a database that holds anything of an account: the commands only fill an empty Campfire. */
  static void refuseFilled(Database database, String command) {
    List<String> filled = database.read(h -> Tables.filled(h, List.copyOf(COLUMNS.keySet())));
    if (!filled.isEmpty()) {
      throw new OperationFailed("The target database already holds data (" + String.join(", ", filled) + "): " + command + " only fills "
          + "an empty Campfire. Point DATABASE_URL (or DATA_DIR) at a new one");
    }
  }

  /** Every table in one transaction: all or nothing. */
  static void write(Database database, Map<String, List<Object[]>> rows, Consumer<String> out) {
    try {
      database.<SQLException>writeVoid(h -> {
        for (var table : rows.entrySet()) {
          Tables.insert(h, table.getKey(), COLUMNS.get(table.getKey()), table.getValue());
          Tables.resetSequence(h, database.dialect(), table.getKey());
          out.accept(String.format("  wrote %,d rows into %s", table.getValue().size(), table.getKey()));
        }
      });
    } catch (SQLException e) {
      throw new OperationFailed("The import stopped and nothing was written to the database: " + e.getMessage());
    }
  }

  /** What was written against what was meant: per table the count and checksum, per attachment its SHA-256 (its key). */
  static Result verify(Database database, Map<String, List<Object[]>> rows, Path storage, List<String> warnings) {
    List<Table> tables = new ArrayList<>();
    for (var table : rows.entrySet()) {
      List<String> columns = COLUMNS.get(table.getKey());
      long count = database.read(h -> Tables.count(h, table.getKey()));
      String checksum = database.read(h -> Tables.checksum(h, table.getKey(), columns));
      tables.add(new Table(table.getKey(), table.getValue().size(), count, checksum.equals(Tables.checksum(table.getValue()))));
    }
    List<String> damaged = new ArrayList<>();
    Attachments attachments = new Attachments(database, storage, null, Posters.none(), Long.MAX_VALUE);
    int key = COLUMNS.get("attachments").indexOf("storage_key");
    for (Object[] attachment : rows.get("attachments")) {
      Path file = attachments.path((String) attachment[key]);
      if (!attachment[key].equals(sha256(file))) damaged.add(file.toString());
    }
    return new Result(List.copyOf(tables), rows.get("attachments").size(), damaged, List.copyOf(warnings));
  }

  static void report(Result result, Consumer<String> out) {
    out.accept("");
    out.accept(String.format("%-14s %12s %12s  %s", "table", "read", "written", "checksum"));
    for (Table t : result.tables()) {
      out.accept(String.format("%-14s %,12d %,12d  %s", t.name(), t.expectedRows(), t.rows(), t.matches() ? "ok" : "MISMATCH"));
    }
    out.accept(String.format("files: %,d attachments checked against their SHA-256%s", result.filesChecked(),
        result.damagedFiles().isEmpty() ? "" : ", DAMAGED: " + String.join(", ", result.damagedFiles())));
    out.accept(result.matches() ? "every table and file matches" : "the import does NOT match what was read");
  }

  static String sha256(Path file) {
    if (!Files.isRegularFile(file)) return "missing";
    MessageDigest sha = digest("SHA-256");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
