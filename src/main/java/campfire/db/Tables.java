package campfire.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Whole tables, for the commands that move an install (import-sqlite, import-once): is a
 * database empty, rows written with their ids, id sequences moved past them, and one checksum
 * per table that both sides of a copy can compute and compare.
 */
public final class Tables {
  private static final int BATCH = 1000;

  private Tables() {}

  public static long count(Handle h, String table) {
    return h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one();
  }

  /** "12 in users, 3 in rooms" for the tables holding rows; empty when none does. */
  public static List<String> filled(Handle h, List<String> tables) {
    List<String> filled = new ArrayList<>();
    for (String table : tables) {
      long rows = count(h, table);
      if (rows > 0) filled.add(rows + " in " + table);
    }
    return filled;
  }

  /** The table's columns that take values, leaving out generated ones (the search vector is computed as each row arrives). */
  public static List<String> columns(Handle h, Dialect dialect, String table) {
    if (dialect.isPostgres()) {
      return h.createQuery("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
              + "AND table_name = ? AND is_generated = 'NEVER' ORDER BY ordinal_position")
          .bind(0, table).mapTo(String.class).list();
    }
    return h.createQuery("SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0 ORDER BY cid").bind(0, table).mapTo(String.class).list();
  }

  /** Writes rows, values in the order of {@code columns}, in batches, inside the caller's transaction. */
  public static void insert(Handle h, String table, List<String> columns, Iterable<Object[]> rows) throws SQLException {
    String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + "?, ".repeat(columns.size() - 1) + "?)";
    try (PreparedStatement write = h.getConnection().prepareStatement(insert)) {
      long pending = 0;
      for (Object[] row : rows) {
        for (int i = 0; i < columns.size(); i++) write.setObject(i + 1, row[i]);
        write.addBatch();
        if (++pending % BATCH == 0) write.executeBatch();
      }
      write.executeBatch();
    }
  }

  /**
   * New rows must get ids after the copied ones. PostgreSQL's sequences are moved explicitly;
   * SQLite's AUTOINCREMENT follows the largest id inserted by itself. accounts has no sequence.
   */
  public static void resetSequence(Handle h, Dialect dialect, String table) {
    if (!dialect.isPostgres()) return;
    h.createQuery("SELECT setval(s, m) FROM (SELECT pg_get_serial_sequence(:t, 'id') AS s, (SELECT max(id) FROM " + table + ") AS m) x "
            + "WHERE s IS NOT NULL AND m IS NOT NULL")
        .bind("t", table).mapTo(Long.class).findOne();
  }

  /** SHA-256 over every listed column of every row in id order; both drivers give integers and text the same string form. */
  public static String checksum(Handle h, String table, List<String> columns) {
    Digest digest = new Digest();
    h.createQuery("SELECT " + String.join(", ", columns) + " FROM " + table + " ORDER BY id")
        .map((rs, ctx) -> {
          for (int i = 1; i <= columns.size(); i++) digest.value(rs.getString(i));
          digest.endRow();
          return 0;
        })
        .forEach(row -> { });
    return digest.hex();
  }

  /** The same checksum over rows held in memory, in id order (integers and booleans as the drivers read them back). */
  public static String checksum(List<Object[]> rows) {
    Digest digest = new Digest();
    for (Object[] row : rows) {
      for (Object value : row) digest.value(value == null ? null : value instanceof Boolean b ? (b ? "1" : "0") : value.toString());
      digest.endRow();
    }
    return digest.hex();
  }

  private static final class Digest {
    private final MessageDigest sha;

    Digest() {
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    void value(String value) {
      sha.update(value == null ? new byte[] {0} : value.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0x1f);
    }

    void endRow() { sha.update((byte) 0x1e); }

    String hex() { return HexFormat.of().formatHex(sha.digest()); }
  }
}
