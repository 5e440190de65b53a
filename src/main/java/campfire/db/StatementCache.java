package campfire.db;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;
import org.sqlite.SQLiteConnection;

/**
 * Keeps each SQLite connection's prepared statements for the next request. sqlite-jdbc and Hikari
 * prepare every statement anew, and parsing and planning the SQL was a seventh of a room page's
 * CPU. PostgreSQL's driver caches server-side statements itself, so this is SQLite's only.
 *
 * <p>A statement is taken out of the cache while it is in use and put back (its parameters and
 * batch cleared) when JDBI closes it, after its result set, which resets it in SQLite, so an idle
 * statement holds no read snapshot. The same SQL needed twice at once gets a second statement.
 * Statements that return generated keys or updatable results are never cached. Statements are
 * prepared on the physical connection, so the pool's per-checkout tracking does not close them;
 * they close with it.
 */
final class StatementCache implements StatementBuilder {
  static final int PER_CONNECTION = 256;
  private static final StatementBuilder PLAIN = new DefaultStatementBuilder();

  /** One cache per physical connection, forgotten once the pool has closed that connection. */
  static final class Factory implements StatementBuilderFactory {
    private final Map<SQLiteConnection, StatementCache> caches = new ConcurrentHashMap<>();
    private final LongAdder prepared = new LongAdder();

    @Override
    public StatementBuilder createStatementBuilder(Connection connection) {
      SQLiteConnection raw;
      try {
        raw = connection.unwrap(SQLiteConnection.class);
      } catch (SQLException notSqlite) {
        return PLAIN;
      }
      StatementCache cache = caches.get(raw);
      if (cache != null) return cache;
      // A connection the pool has not lent before: the pool may have closed one it replaces.
      caches.keySet().removeIf(StatementCache::closed);
      return caches.computeIfAbsent(raw, c -> new StatementCache(c, prepared));
    }

    /** How many statements were prepared for the cache (the rest were reused). */
    long prepared() { return prepared.sum(); }
  }

  private final SQLiteConnection raw;
  private final LongAdder prepared;
  private final LinkedHashMap<String, PreparedStatement> idle = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
      if (size() <= PER_CONNECTION) return false;
      closeQuietly(eldest.getValue());
      return true;
    }
  };

  private StatementCache(SQLiteConnection raw, LongAdder prepared) {
    this.raw = raw;
    this.prepared = prepared;
  }

  @Override
  public Statement create(Connection connection, StatementContext context) throws SQLException {
    return PLAIN.create(connection, context);
  }

  @Override
  public CallableStatement createCall(Connection connection, String sql, StatementContext context) throws SQLException {
    return PLAIN.createCall(connection, sql, context);
  }

  @Override
  public synchronized PreparedStatement create(Connection connection, String sql, StatementContext context) throws SQLException {
    if (context.isReturningGeneratedKeys() || context.isConcurrentUpdatable()) return PLAIN.create(connection, sql, context);
    PreparedStatement statement = idle.remove(sql);
    if (statement != null && !statement.isClosed()) return statement;
    prepared.increment();
    return raw.prepareStatement(sql);
  }

  @Override
  public synchronized void close(Connection connection, String sql, Statement statement) throws SQLException {
    if (statement.isClosed()) return;
    if (!(statement instanceof PreparedStatement prepared) || statement.getConnection() != raw) {
      PLAIN.close(connection, sql, statement);
      return;
    }
    try {
      prepared.clearParameters();
      prepared.clearBatch();
    } catch (SQLException unusable) {
      closeQuietly(prepared);
      return;
    }
    PreparedStatement previous = idle.put(sql, prepared);
    if (previous != null && previous != prepared) closeQuietly(previous);
  }

  private static boolean closed(Connection connection) {
    try {
      return connection.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  private static void closeQuietly(Statement statement) {
    try {
      statement.close();
    } catch (SQLException ignored) {
      // it goes with its connection
    }
  }
}
