package campfire.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Real Redis for the scale-out tests: the shared one on 127.0.0.1:6379, which must be running (the
 * tests fail, never skip, when it is not), and private ones a test may kill and restart.
 */
public final class RedisServers {
  public static final String SHARED_URL = "redis://127.0.0.1:6379";
  private static final String START_SHARED =
      "start it with redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save \"\" --appendonly no";

  private RedisServers() {}

  /** The shared Redis's URL, or a failure that says how to start it. */
  public static String shared() {
    if (!answers(6379)) throw new AssertionError("Redis is not reachable on 127.0.0.1:6379: " + START_SHARED);
    return SHARED_URL;
  }

  /** A REDIS_PREFIX of its own, so tests sharing one Redis never hear each other's broadcasts or buckets. */
  public static String uniquePrefix() { return "campfire-test-" + UUID.randomUUID(); }

  /** Whether a Redis on this loopback port answers PING. */
  public static boolean answers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] reply = new byte[7];
      InputStream in = socket.getInputStream();
      int read = in.readNBytes(reply, 0, 7);
      return new String(reply, 0, read, StandardCharsets.US_ASCII).equals("+PONG\r\n");
    } catch (IOException e) {
      return false;
    }
  }

  /** A redis-server process of the test's own on a free loopback port, without persistence. */
  public static Private startPrivate() {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Private redis = new Private(port);
    redis.start();
    return redis;
  }

  public static final class Private implements AutoCloseable {
    private final int port;
    private final Path log;
    private Process process;

    private Private(int port) {
      this.port = port;
      try {
        this.log = Files.createTempFile("redis-" + port, ".log");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    public String url() { return "redis://127.0.0.1:" + port; }

    public int port() { return port; }

    /** Starts (or starts again, on the same port) and waits until it answers. */
    public void start() {
      try {
        process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no")
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      } catch (IOException e) {
        throw new AssertionError("redis-server could not be started (" + e.getMessage()
            + "): install it, for example with apt-get install redis-server", e);
      }
      try {
        Awaitility.await("redis-server on port " + port + " answers").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
            .until(() -> answers(port) || !process.isAlive());
      } catch (ConditionTimeoutException late) {
        throw new AssertionError("redis-server on port " + port + " did not start; its log is " + log, late);
      }
      if (!answers(port)) throw new AssertionError("redis-server on port " + port + " stopped at start; its log is " + log);
    }

    /** Freezes the process (SIGSTOP): connections stay open but nothing is answered, as with a hung Redis. */
    public void freeze() { signal("-STOP"); }

    /** Lets a frozen process go on (SIGCONT); it then works through what it was sent meanwhile. */
    public void thaw() { signal("-CONT"); }

    private void signal(String signal) {
      try {
        int exit = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        if (exit != 0) throw new IllegalStateException("kill " + signal + " failed with " + exit);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    /** Kills the process outright, as a crash would, and waits until the port is closed. */
    public void kill() {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Awaitility.await("port " + port + " closed").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> !answers(port));
    }

    @Override
    public void close() {
      if (process != null && process.isAlive()) {
        thaw();
        kill();
      }
    }
  }
}
