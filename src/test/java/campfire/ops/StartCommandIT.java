package campfire.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker image cannot be built here, so its parts are run on this machine: the Dockerfile's
 * /app files are copied into a scratch /app (from target/ and the checkout, as its COPY lines
 * say), its AOT training RUN line makes the cache there, then its exact ENTRYPOINT and CMD, under
 * busybox sh as on Alpine and with its JAVA_OPTS, start a server that answers /health without an
 * AOT error (a cache trained for another java or jar path would print one).
 */
class StartCommandIT {
  @TempDir Path dir;

  @Test
  void the_images_start_command_starts_the_packaged_jar_with_its_aot_cache() throws Exception {
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    Path app = dir.resolve("app");
    String javaHome = System.getProperty("java.home");

    Map<String, String> copies = appCopies(dockerfile);
    assertThat(copies).containsEntry("/app/campfire.jar", "/src/target/campfire.jar").containsEntry("/app/bin/campfire", "bin/campfire");
    for (Map.Entry<String, String> copy : copies.entrySet()) {
      Path source = Path.of(copy.getValue().replaceFirst("^/src/", ""));
      assertThat(source).as("built or checked-in source of " + copy.getKey()).exists();
      Path target = inApp(app, copy.getKey());
      Files.createDirectories(target.getParent());
      Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
    }
    // A checkout must give an executable launcher (README, systemd); the image's COPY --chmod is a second guard.
    assertThat(Files.isExecutable(inApp(app, "/app/bin/campfire"))).isTrue();

    Matcher training = Pattern.compile("(?m)^RUN (.*aot-train\\.sh.*)$").matcher(dockerfile);
    assertThat(training.find()).as("the AOT training RUN line").isTrue();
    String trainingLine = training.group(1).replace("/app/", app + "/").replaceAll("AOT_TRAIN_PORT=\\d+", "AOT_TRAIN_PORT=" + freePort());
    ProcessBuilder train = new ProcessBuilder("sh", "-c", trainingLine).redirectErrorStream(true).redirectOutput(dir.resolve("train.log").toFile());
    imageEnvironment(train, javaHome);
    Process trainer = train.start();
    assertThat(trainer.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(trainer.exitValue()).as(Files.readString(dir.resolve("train.log"))).isZero();
    assertThat(app.resolve("campfire.aot")).isNotEmptyFile();

    List<String> entrypoint = jsonArray(dockerfile, "ENTRYPOINT");
    List<String> cmd = jsonArray(dockerfile, "CMD");
    assertThat(entrypoint).containsExactly("/app/bin/campfire");
    assertThat(cmd).containsExactly("serve");
    String javaOpts = env(dockerfile, "JAVA_OPTS");
    assertThat(javaOpts).contains("-XX:AOTCache=/app/campfire.aot", "-XX:MaxRAMPercentage=");

    List<String> command = new ArrayList<>(List.of("busybox", "sh"));
    entrypoint.forEach(arg -> command.add(arg.replace("/app/", app + "/")));
    command.addAll(cmd);
    int port = freePort();
    Path log = dir.resolve("serve.log");
    ProcessBuilder serve = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    imageEnvironment(serve, javaHome);
    serve.environment().put("JAVA_OPTS", javaOpts.replace("/app/", app + "/"));
    serve.environment().put("DATABASE_URL", "sqlite:" + dir.resolve("data/campfire.db"));
    serve.environment().put("BIND_ADDRESS", "127.0.0.1:" + port);
    serve.environment().put("LOG_LEVEL", "info");
    Process server = serve.start();
    try {
      assertThat(health(port)).as(() -> read(log)).isEqualTo(200);
      // The launcher exec'd java, so docker stop's SIGTERM reaches the JVM, not a shell.
      assertThat(server.info().command()).hasValue(Path.of(javaHome, "bin", "java").toRealPath().toString());
    } finally {
      server.destroy();
      assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    String output = Files.readString(log);
    assertThat(output).contains("listening on http://127.0.0.1:" + port, "Shutting down").doesNotContain("[error][aot]", "[error  ][aot]");
  }

  /** What the eclipse-temurin image gives every process: its JDK as JAVA_HOME and first on PATH. */
  static void imageEnvironment(ProcessBuilder process, String javaHome) {
    process.environment().put("JAVA_HOME", javaHome);
    process.environment().put("PATH", Path.of(javaHome, "bin") + ":" + System.getenv("PATH"));
    process.environment().remove("JAVA_OPTS");
    process.environment().remove("CAMPFIRE_JAR");
  }

  static Map<String, String> appCopies(String dockerfile) {
    Map<String, String> copies = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?m)^COPY (?:--\\S+ )*(\\S+) (/app/\\S+)$").matcher(dockerfile);
    while (m.find()) copies.put(m.group(2), m.group(1));
    return copies;
  }

  static Path inApp(Path app, String imagePath) {
    return app.resolve(imagePath.substring("/app/".length()));
  }

  static String env(String dockerfile, String name) {
    Matcher m = Pattern.compile("(?m)^ENV " + name + "=\"([^\"]*)\"$").matcher(dockerfile);
    assertThat(m.find()).as("ENV " + name + "=\"...\" on its own line").isTrue();
    return m.group(1);
  }

  static List<String> jsonArray(String dockerfile, String instruction) throws IOException {
    Matcher m = Pattern.compile("(?m)^" + instruction + " (\\[.*\\])$").matcher(dockerfile);
    assertThat(m.find()).as(instruction + " in exec form").isTrue();
    return Arrays.asList(new ObjectMapper().readValue(m.group(1), String[].class));
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** The status /health answers with once the server listens (-1 after 30 seconds, so the caller can show the log). */
  static int health(int port) {
    HttpClient http = HttpClient.newHttpClient();
    try {
      return org.awaitility.Awaitility.await("the server answers /health").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .ignoreExceptionsInstanceOf(IOException.class)
          .until(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(2))
              .build(), HttpResponse.BodyHandlers.discarding()).statusCode(), status -> status > 0);
    } catch (org.awaitility.core.ConditionTimeoutException silent) {
      return -1;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
