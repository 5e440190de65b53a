package campfire.ops;

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

/**
 * An operating-system lock on {@code <database>.lock}, held by the server for as long as it runs
 * (the kernel drops it when the process dies, even on kill -9), by {@code restore} while it swaps
 * files, and by {@code migrate up|rollback} and {@code import-sqlite} (on their SQLite file) unless
 * told {@code --force}: none of them runs while a server does. The file holds the holder's pid.
 */
public final class ServerLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private ServerLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
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
    try {
      if (lock.isValid()) lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
