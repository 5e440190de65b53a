package campfire.ops;

import campfire.db.DatabaseUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Keeps commands that change the database from running under a server. On SQLite, an
 * operating-system lock on {@code <database>.lock}, held by the server for as long as it runs
 * (the kernel drops it when the process dies, even on kill -9; the file holds the holder's pid),
 * which also keeps a second server off the file. On PostgreSQL, where many instances share one
 * database, each server holds a shared advisory lock on a connection of its own, and a command
 * needs it exclusively. {@code restore} always takes it; {@code migrate up|rollback} and
 * {@code import-sqlite} unless told {@code --force}.
 */
public final class ServerLock implements AutoCloseable {
  /** The advisory lock's key on PostgreSQL ("Campfire" in ASCII); advisory locks are per database. */
  static final long ADVISORY_KEY = 0x43616d7066697265L;
  private final FileChannel channel;
  private final FileLock lock;
  private final Connection connection;

  private ServerLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
    this.connection = null;
  }

  private ServerLock(Connection connection) {
    this.channel = null;
    this.lock = null;
    this.connection = connection;
  }

  /** What a server holds while it runs: the file alone on SQLite, a share of the database on PostgreSQL. */
  public static ServerLock forServer(DatabaseUrl url) {
    return url.file() != null ? acquire(url.file()) : advisory(url, "pg_advisory_lock_shared", null);
  }

  /** What a command that changes the database holds, or fails naming who holds it, then {@code advice}. */
  public static ServerLock forCommand(DatabaseUrl url, String advice) {
    return url.file() != null ? acquire(url.file(), advice) : advisory(url, "pg_try_advisory_lock", advice);
  }

  private static ServerLock advisory(DatabaseUrl url, String function, String advice) {
    Connection connection = null;
    try {
      connection = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
      try (var statement = connection.prepareStatement("SELECT " + function + "(?)")) {
        statement.setLong(1, ADVISORY_KEY);
        try (var result = statement.executeQuery()) {
          result.next();
          // pg_advisory_lock_shared waits (only a command holds it exclusively, briefly) and returns nothing.
          if (advice != null && !result.getBoolean(1)) {
            throw new OperationFailed("Campfire is running on " + url.describe() + ": " + advice);
          }
        }
      }
      return new ServerLock(connection);
    } catch (SQLException e) {
      close(connection);
      throw new OperationFailed("PostgreSQL at " + url.describe() + " cannot be reached (" + e.getMessage()
          + "): check DATABASE_URL and that the server is running");
    } catch (RuntimeException e) {
      close(connection);
      throw e;
    }
  }

  private static void close(Connection connection) {
    if (connection == null) return;
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Closing is all that is left to do with it.
    }
  }

  public static Path fileFor(Path database) {
    return database.toAbsolutePath().resolveSibling(database.getFileName() + ".lock");
  }

  /** Takes the lock, or fails with a message naming the process that holds it. */
  public static ServerLock acquire(Path database) { return acquire(database, "stop it first"); }

  /** Takes the lock, or fails naming the process that holds it and then {@code advice}. */
  public static ServerLock acquire(Path database, String advice) {
    Path file = fileFor(database);
    try {
      Files.createDirectories(file.getParent());
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException sameProcess) {
        lock = null;
      }
      if (lock == null) {
        String pid = holder(channel);
        channel.close();
        throw new OperationFailed("Campfire is running with " + database.toAbsolutePath()
            + (pid.isEmpty() ? "" : " (pid " + pid + ")") + ": " + advice);
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      channel.force(false);
      return new ServerLock(channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot lock " + file, e);
    }
  }

  private static String holder(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(32);
    channel.read(buffer, 0);
    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
  }

  @Override
  public void close() {
    if (connection != null) {
      close(connection);
      return;
    }
    try {
      if (lock.isValid()) lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
