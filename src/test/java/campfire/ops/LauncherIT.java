package campfire.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/campfire, the README's build and run commands, on a machine whose default java is Debian's
 * 17 (.ci/run installs it): the launcher must find the JDK 25 by itself, and say in one line what
 * to install when there is none.
 */
class LauncherIT {
  /** A bare login PATH: /usr/bin/java is Debian's, nothing of the build's JDK 25 on it. */
  static final String DEBIAN_PATH = "/usr/bin:/bin";

  @TempDir Path dir;

  @Test
  void the_readme_run_command_serves_on_java_25_when_paths_java_is_older() throws Exception {
    assertThat(javaMajor(Path.of("/usr/bin/java")))
        .as("the premise: /usr/bin/java is older than 25 (Debian's openjdk-17-jre-headless, installed by .ci/run)")
        .isLessThan(25);
    assertThat(Path.of("target/campfire.jar")).as("packaged before the IT phase").exists();

    int port = StartCommandIT.freePort();
    Path log = dir.resolve("serve.log");
    ProcessBuilder run = launcher("bin/campfire").redirectOutput(log.toFile());
    run.environment().put("DATABASE_URL", "sqlite:" + dir.resolve("campfire.db"));
    run.environment().put("BIND_ADDRESS", "127.0.0.1:" + port);
    run.environment().put("BCRYPT_COST", "4");
    Process server = run.start();
    try {
      HttpResponse<String> up = upWithin(port, Duration.ofSeconds(60), server);
      assertThat(up).as(() -> StartCommandIT.read(log)).isNotNull();
      assertThat(up.statusCode()).isEqualTo(200);
      assertThat(up.body()).contains("background-color: green");
      assertThat(server.info().command()).as("exec'd, so SIGTERM reaches the JVM").hasValueSatisfying(java -> {
        assertThat(java).endsWith("/bin/java");
        assertThat(javaMajor(Path.of(java))).isGreaterThanOrEqualTo(25);
      });
    } finally {
      server.destroy();
      assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(Files.readString(log)).contains("listening on http://127.0.0.1:" + port, "Shutting down");
  }

  @Test
  void with_only_java_17_it_says_in_one_line_what_to_install() throws Exception {
    Path java17 = java17Home();
    for (String command : List.of("--version", "build")) {
      ProcessBuilder run = launcher("bin/campfire", command);
      run.environment().put("JAVA_HOME", java17.toString());
      run.environment().put("CAMPFIRE_JAVA_SEARCH", Files.createDirectories(dir.resolve("no-jdk-here")).toString());
      Result result = result(run);

      assertThat(result.exit()).as(result.output()).isEqualTo(69);
      assertThat(result.output().lines().toList()).as(command).singleElement().satisfies(line -> {
        assertThat(line).startsWith("campfire: ").contains("Java 25", "JAVA_HOME", "Java 17");
      });
    }
  }

  @Test
  void with_java_home_at_a_jdk_25_it_runs_the_jar() throws Exception {
    ProcessBuilder run = launcher("bin/campfire", "--version");
    run.environment().put("JAVA_HOME", System.getProperty("java.home"));
    run.environment().put("CAMPFIRE_JAVA_SEARCH", Files.createDirectories(dir.resolve("no-jdk-here")).toString());
    Result result = result(run);

    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.output()).matches("campfire \\d+\\.\\d+\\S*\\R");
  }

  @Test
  void it_starts_java_with_memory_defaults_that_an_operator_s_own_flags_replace() throws Exception {
    ProcessBuilder plain = launcher("bin/campfire", "--version");
    plain.environment().put("JAVA_OPTS", "-XX:+PrintCommandLineFlags");
    Result defaults = result(plain);
    assertThat(defaults.exit()).as(defaults.output()).isZero();
    assertThat(defaults.output()).contains("-XX:+UseSerialGC", "-XX:MaxHeapSize=536870912", "-XX:ThreadStackSize=512");

    ProcessBuilder own = launcher("bin/campfire", "--version");
    own.environment().put("JAVA_OPTS", "-XX:+UseG1GC -XX:MaxRAMPercentage=50 -XX:+PrintCommandLineFlags");
    Result replaced = result(own);
    assertThat(replaced.exit()).as("no conflicting collectors or heap sizes: " + replaced.output()).isZero();
    assertThat(replaced.output()).contains("-XX:+UseG1GC", "-XX:MaxRAMPercentage=50")
        .doesNotContain("UseSerialGC", "-XX:MaxHeapSize=536870912");
  }

  record Result(int exit, String output) {}

  Result result(ProcessBuilder process) throws Exception {
    Path output = Files.createTempFile(dir, "launcher", ".out");
    Process running = process.redirectOutput(output.toFile()).start();
    assertThat(running.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
    return new Result(running.exitValue(), Files.readString(output));
  }

  /** The launcher as a person on a fresh Debian machine runs it: no JAVA_HOME, PATH's java is 17. */
  static ProcessBuilder launcher(String... command) {
    ProcessBuilder process = new ProcessBuilder(command).redirectErrorStream(true);
    process.environment().remove("JAVA_HOME");
    process.environment().remove("JAVA_OPTS");
    process.environment().remove("CAMPFIRE_JAR");
    process.environment().remove("CAMPFIRE_JAVA_SEARCH");
    process.environment().put("PATH", DEBIAN_PATH);
    return process;
  }

  static Path java17Home() throws Exception {
    Path java = Path.of("/usr/bin/java").toRealPath();
    assertThat(javaMajor(java)).as(java + " (Debian's openjdk-17-jre-headless)").isEqualTo(17);
    return java.getParent().getParent();
  }

  static int javaMajor(Path java) {
    try {
      Process probe = new ProcessBuilder(java.toString(), "-XshowSettings:properties", "-version").redirectErrorStream(true).start();
      String settings = new String(probe.getInputStream().readAllBytes());
      assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();
      Matcher m = Pattern.compile("(?m)^\\s*java\\.specification\\.version = (\\d+)").matcher(settings);
      assertThat(m.find()).as(settings).isTrue();
      return Integer.parseInt(m.group(1));
    } catch (IOException | InterruptedException e) {
      throw new AssertionError("could not run " + java, e);
    }
  }

  /** GET /up until it answers, the server dies, or the deadline passes (then null). */
  static HttpResponse<String> upWithin(int port, Duration timeout, Process server) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/up")).timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && server.isAlive()) {
      try {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException notYet) {
        server.waitFor(100, TimeUnit.MILLISECONDS);
      }
    }
    return null;
  }
}
