package campfire.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.config.JdbiConfig;

/**
 * SQLite: the file behind two pools, many readers and exactly one writer connection, so every
 * write is serialised in this process and never waits on SQLite's file lock. PostgreSQL: one
 * pool for both, since the server handles concurrent writers itself (and other instances write
 * to it too).
 */
public final class Database implements AutoCloseable {
  static final int POSTGRES_POOL = 16;
  /** 128 MB of the SQLite file read through a memory map, as Rails 8 sets for SQLite. */
  static final long MMAP_BYTES = 128L << 20;
  private final Dialect dialect;
  private final HikariDataSource readers;
  private final HikariDataSource writer;
  private final Jdbi read;
  private final Jdbi write;
  private final GroupCommit writes;
  private final StatementCache.Factory statements = new StatementCache.Factory();

  private final Clock clock;
  /** Counts the writes this process committed (or tried to): see {@link #version()}. */
  private final AtomicLong version = new AtomicLong();

  public Database(Path file) { this(DatabaseUrl.sqlite(file)); }

  public Database(DatabaseUrl url) { this(url, Clock.systemUTC()); }

  /** @param clock what "now" is for every row written or compared through this database */
  public Database(DatabaseUrl url, Clock clock) {
    this.clock = clock;
    this.dialect = url.dialect();
    if (dialect == Dialect.POSTGRES) {
      this.writer = postgresPool(url);
      this.readers = writer;
    } else {
      Path file = url.file();
      try {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create the directory for " + file, e);
      }
      this.writer = pool(file, "campfire-writer", 1);
      this.readers = pool(file, "campfire-readers", 8);
    }
    this.read = Jdbi.create(readers);
    this.write = Jdbi.create(writer);
    read.getConfig(Now.class).clock = clock;
    write.getConfig(Now.class).clock = clock;
    if (dialect == Dialect.SQLITE) {
      read.setStatementBuilderFactory(statements);
      write.setStatementBuilderFactory(statements);
    }
    this.writes = dialect == Dialect.SQLITE ? new GroupCommit(write) : null;
  }

  /** Short waits: /ready must answer "unreachable" within a couple of seconds, never hang. */
  private static HikariDataSource postgresPool(DatabaseUrl url) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("campfire-postgres");
    config.setJdbcUrl(url.jdbcUrl());
    config.setUsername(url.user());
    config.setPassword(url.password());
    config.setMaximumPoolSize(POSTGRES_POOL);
    config.setMinimumIdle(2);
    config.setConnectionTimeout(2_000);
    config.setValidationTimeout(1_000);
    config.addDataSourceProperty("connectTimeout", "2");
    config.addDataSourceProperty("ApplicationName", "campfire");
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new Unavailable("PostgreSQL at " + url.describe() + " cannot be reached (" + cause.getMessage()
          + "): check DATABASE_URL and that the server is running", e);
    }
  }

  /** The database named by DATABASE_URL does not answer at start. */
  public static final class Unavailable extends RuntimeException {
    Unavailable(String message, Throwable cause) { super(message, cause); }
  }

  public Dialect dialect() { return dialect; }

  /** Statements prepared for SQLite's statement cache so far; reused ones are not counted. */
  long statementsPrepared() { return statements.prepared(); }

  private static HikariDataSource pool(Path file, String name, int size) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl("jdbc:sqlite:" + file.toAbsolutePath());
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    config.addDataSourceProperty("journal_mode", "WAL");
    config.addDataSourceProperty("synchronous", "NORMAL");
    config.addDataSourceProperty("foreign_keys", "true");
    config.addDataSourceProperty("busy_timeout", "5000");
    // Reads map the file instead of copying pages into each connection's cache, which every
    // write elsewhere invalidates (a session lookup after a write cost a sixth of a request).
    config.addDataSourceProperty("mmap_size", Long.toString(MMAP_BYTES));
    return new HikariDataSource(config);
  }

  public DataSource writerDataSource() { return writer; }

  /** Reports how long each SQL statement took, in nanoseconds (for metrics). */
  public void timeQueries(java.util.function.LongConsumer nanos) {
    org.jdbi.v3.core.statement.SqlLogger logger = new org.jdbi.v3.core.statement.SqlLogger() {
      @Override
      public void logAfterExecution(org.jdbi.v3.core.statement.StatementContext context) {
        nanos.accept(context.getElapsedTime(java.time.temporal.ChronoUnit.NANOS));
      }
    };
    read.setSqlLogger(logger);
    write.setSqlLogger(logger);
  }

  /** Lets the pools report their own metrics (connections in use, waits, timeouts). */
  public void instrumentPools(Object meterRegistry) {
    writer.setMetricRegistry(meterRegistry);
    if (readers != writer) readers.setMetricRegistry(meterRegistry);
  }

  /** Reads run on any reader connection. */
  public <R, X extends Exception> R read(HandleCallback<R, X> callback) throws X {
    return read.withHandle(callback);
  }

  /**
   * Writes are committed before this returns. On SQLite they run on the single writer connection,
   * and concurrent writes share one transaction (see {@link GroupCommit}), so a write must not
   * wait on another write; PostgreSQL takes concurrent transactions from its pool.
   */
  public <R, X extends Exception> R write(HandleCallback<R, X> callback) throws X {
    try {
      return writes != null ? writes.write(callback) : write.inTransaction(callback);
    } finally {
      // After the commit (or the rollback: counting one too many only costs a recomputation).
      version.incrementAndGet();
    }
  }

  /**
   * Whether what was read from this database may be kept until {@link #version()} moves: true on
   * SQLite, whose only writer is this process; false on PostgreSQL, where other instances write too.
   */
  public boolean keepsReads() { return dialect == Dialect.SQLITE; }

  /**
   * A number that moves after every write this process commits, so a value read at one version
   * is still what the database holds while the version has not moved (when {@link #keepsReads()}).
   * Read it before reading the data it labels.
   */
  public long version() { return version.get(); }

  public <X extends Exception> void writeVoid(HandleConsumer<X> consumer) throws X {
    write(h -> {
      consumer.useHandle(h);
      return null;
    });
  }

  public boolean reachable() {
    try {
      return read.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The time now, in milliseconds, by this database's clock. */
  public long now() { return clock.millis(); }

  /** The time now by the clock of the database the handle belongs to (for stores' Handle-taking methods). */
  public static long now(Handle h) { return h.getConfig(Now.class).clock.millis(); }

  /** The clock a handle carries, so a statement inside any transaction reads the same "now" as its database. */
  public static final class Now implements JdbiConfig<Now> {
    private Clock clock = Clock.systemUTC();

    public Now() {}

    private Now(Now other) { this.clock = other.clock; }

    @Override
    public Now createCopy() { return new Now(this); }
  }

  @Override
  public void close() {
    if (writes != null) writes.close();
    if (readers != writer) readers.close();
    writer.close();
  }

  /** For callers that need a raw handle in a test or a maintenance command. */
  public Handle openWriter() { return write.open(); }
}
