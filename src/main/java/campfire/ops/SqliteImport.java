package campfire.ops;

import campfire.db.Database;
import campfire.db.DatabaseUrl;
import campfire.db.Dialect;
import campfire.db.Migrations;
import campfire.db.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * {@code campfire import-sqlite --from data/campfire.db}: copies a single-box install into an
 * empty PostgreSQL database in one transaction, every id intact, moves each id sequence past the
 * copied rows, and then compares both sides table by table (row counts, and a SHA-256 over every
 * column of every row in id order). Stored files are not rows: they are copied by the operator.
 */
public final class SqliteImport {
  /** Parents before children, so every foreign key finds its row. */
  static final List<String> TABLES = List.of("accounts", "users", "sessions", "rooms", "memberships", "messages", "attachments",
      "boosts", "searches", "push_subscriptions", "webhooks", "webhook_deliveries", "bans");
  private static final int BATCH = 1000;

  private final Path source;
  private final DatabaseUrl target;

  public SqliteImport(Path source, DatabaseUrl target) {
    this.source = source.toAbsolutePath();
    this.target = target;
  }

  public record Table(String name, long sourceRows, long targetRows, String sourceChecksum, String targetChecksum) {
    public boolean matches() { return sourceRows == targetRows && sourceChecksum.equals(targetChecksum); }
  }

  public record Result(List<Table> tables, long messages, long searchable) {
    public boolean matches() { return tables.stream().allMatch(Table::matches) && searchable == messages; }
  }

  public Result run(Consumer<String> out) {
    if (!Files.isRegularFile(source)) throw new OperationFailed("No SQLite database at " + source);
    try (Database postgres = new Database(target); Handle sqlite = SqliteFile.open(source).open()) {
      // Every read of the SQLite file below is in one read transaction: one consistent snapshot,
      // whatever a server still running on it writes meanwhile (WAL keeps the snapshot's pages).
      sqlite.begin();
      try {
        new Migrations(postgres).up();
        String sourceVersion = SqliteFile.schemaVersion(sqlite);
        String targetVersion = postgres.read(h -> h.createQuery("SELECT version FROM flyway_schema_history WHERE success "
            + "AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1").mapTo(String.class).one());
        if (!sourceVersion.equals(targetVersion)) {
          throw new OperationFailed("The SQLite file is at schema version " + sourceVersion + " and this Campfire at " + targetVersion
              + ": start the old install with this version once (or run campfire migrate up with DATABASE_URL=sqlite:" + source
              + "), then import again");
        }
        out.accept("importing " + source + " into " + target);
        postgres.<SQLException>writeVoid(h -> {
          refuseNonEmpty(h);
          for (String table : TABLES) {
            long rows = copy(sqlite.getConnection(), h.getConnection(), table, Tables.columns(h, Dialect.POSTGRES, table));
            Tables.resetSequence(h, Dialect.POSTGRES, table);
            out.accept(String.format("  copied %,d rows into %s", rows, table));
          }
        });
        List<Table> tables = new ArrayList<>();
        for (String table : TABLES) {
          List<String> columns = postgres.read(h -> Tables.columns(h, Dialect.POSTGRES, table));
          tables.add(new Table(table, Tables.count(sqlite, table), postgres.read(h -> Tables.count(h, table)),
              Tables.checksum(sqlite, table, columns), postgres.read(h -> Tables.checksum(h, table, columns))));
        }
        long messages = postgres.read(h -> Tables.count(h, "messages"));
        long searchable = postgres.read(h -> h.createQuery("SELECT count(*) FROM messages WHERE search_vector IS NOT NULL").mapTo(Long.class).one());
        Result result = new Result(List.copyOf(tables), messages, searchable);
        report(result, out);
        return result;
      } finally {
        sqlite.rollback();
      }
    } catch (SQLException e) {
      throw new OperationFailed("The import stopped and nothing was kept in PostgreSQL: " + e.getMessage());
    }
  }

  private static void report(Result result, Consumer<String> out) {
    out.accept("");
    out.accept(String.format("%-20s %12s %12s  %-16s %-16s %s", "table", "sqlite rows", "postgres rows", "sqlite sha-256", "postgres sha-256", ""));
    for (Table t : result.tables()) {
      out.accept(String.format("%-20s %,12d %,12d  %-16s %-16s %s", t.name(), t.sourceRows(), t.targetRows(),
          t.sourceChecksum().substring(0, 16), t.targetChecksum().substring(0, 16), t.matches() ? "ok" : "MISMATCH"));
    }
    out.accept(String.format("search vectors: %,d of %,d messages%s", result.searchable(), result.messages(),
        result.searchable() == result.messages() ? "" : " MISMATCH"));
    out.accept(result.matches() ? "every table matches" : "the copy does NOT match");
  }

  private static void refuseNonEmpty(Handle h) {
    List<String> filled = Tables.filled(h, TABLES);
    if (!filled.isEmpty()) {
      throw new OperationFailed("The PostgreSQL database already holds data (" + String.join(", ", filled) + "): import-sqlite only "
          + "fills an empty database. Create a new database (createdb campfire) and point DATABASE_URL at it");
    }
  }

  private static long copy(Connection from, Connection to, String table, List<String> columns) throws SQLException {
    String list = String.join(", ", columns);
    String insert = "INSERT INTO " + table + " (" + list + ") VALUES (" + "?, ".repeat(columns.size() - 1) + "?)";
    long rows = 0;
    try (Statement read = from.createStatement();
        ResultSet rs = read.executeQuery("SELECT " + list + " FROM " + table + " ORDER BY id");
        PreparedStatement write = to.prepareStatement(insert)) {
      while (rs.next()) {
        for (int i = 1; i <= columns.size(); i++) write.setObject(i, rs.getObject(i));
        write.addBatch();
        if (++rows % BATCH == 0) write.executeBatch();
      }
      write.executeBatch();
    }
    return rows;
  }
}
