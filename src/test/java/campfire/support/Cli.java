package campfire.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code campfire ...} as an operator does: a separate JVM with its own environment. */
public final class Cli {
  private Cli() {}

  public record Run(int exit, String output) {}

  /**
   * {@code java ... campfire.Campfire args}: this JVM's java and class path, native access allowed as the jar's
   * manifest allows it (SQLite's driver), tuned for a short-lived
   * command (the C1 compiler only and the serial collector: a command is over before C2 pays off).
   */
  public static List<String> command(String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "campfire.Campfire"));
    command.addAll(List.of(args));
    return command;
  }

  /** Runs the command with DATABASE_URL pointing at {@code database} plus {@code env}; returns its exit code and output. */
  public static Run run(Path database, Map<String, String> env, String... args) {
    ProcessBuilder builder = new ProcessBuilder(command(args)).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("BACKUP_") || name.equals("STORAGE_PATH"));
    builder.environment().put("DATABASE_URL", "sqlite:" + database);
    builder.environment().put("LOG_LEVEL", "warn");
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("campfire %s finished", String.join(" ", args)).isTrue();
      return new Run(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs the command and fails the test unless it exits with {@code expected}; returns its output. */
  public static String expect(int expected, Path database, Map<String, String> env, String... args) {
    Run run = run(database, env, args);
    assertThat(run.exit()).as(run.output()).isEqualTo(expected);
    return run.output();
  }
}
