package campfire.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker image cannot be built here, so its parts are run on this machine: deploy/aot-train.sh
 * makes the AOT cache from the packaged jar, then the Dockerfile's exact ENTRYPOINT and CMD (with
 * /app paths pointed at target/ and the cache) start a server that answers /health.
 */
class StartCommandIT {
  @TempDir Path dir;

  @Test
  void the_images_start_command_starts_the_packaged_jar_with_its_aot_cache() throws Exception {
    Path jar = Path.of("target/campfire.jar").toAbsolutePath();
    assertThat(jar).exists();
    Path cache = dir.resolve("campfire.aot");
    String javaBin = Path.of(System.getProperty("java.home"), "bin").toString();

    ProcessBuilder train = new ProcessBuilder("sh", "deploy/aot-train.sh", jar.toString(), cache.toString()).redirectErrorStream(true);
    train.environment().put("PATH", javaBin + ":" + System.getenv("PATH"));
    train.environment().put("AOT_TRAIN_PORT", String.valueOf(freePort()));
    Process training = train.start();
    String trainingOutput = new String(training.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(training.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(training.exitValue()).as(trainingOutput).isZero();
    assertThat(cache).isNotEmptyFile();

    List<String> command = new ArrayList<>();
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    command.addAll(jsonArray(dockerfile, "ENTRYPOINT"));
    command.addAll(jsonArray(dockerfile, "CMD"));
    assertThat(command).startsWith("java", "-XX:AOTCache=/app/campfire.aot").contains("-jar", "/app/campfire.jar").endsWith("serve");
    command.replaceAll(arg -> arg.replace("/app/campfire.aot", cache.toString()).replace("/app/campfire.jar", jar.toString()));
    command.set(0, Path.of(javaBin, "java").toString());

    int port = freePort();
    Path log = dir.resolve("serve.log");
    ProcessBuilder serve = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    serve.environment().put("DATABASE_URL", "sqlite:" + dir.resolve("data/campfire.db"));
    serve.environment().put("BIND_ADDRESS", "127.0.0.1:" + port);
    serve.environment().put("LOG_LEVEL", "info");
    Process server = serve.start();
    try {
      assertThat(health(port)).isEqualTo(200);
    } finally {
      server.destroy();
      assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    String output = Files.readString(log);
    assertThat(output).contains("listening on http://127.0.0.1:" + port, "Shutting down").doesNotContain("[error][aot]");
  }

  static List<String> jsonArray(String dockerfile, String instruction) throws IOException {
    Matcher m = Pattern.compile("(?m)^" + instruction + " (\\[.*\\])$").matcher(dockerfile);
    assertThat(m.find()).as(instruction + " in exec form").isTrue();
    return Arrays.asList(new ObjectMapper().readValue(m.group(1), String[].class));
  }

  static int health(int port) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < 300; i++) {
      try {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    return -1;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
