package campfire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as an operator uses it: a separate JVM process with environment variables. */
class CommandLineTest {
  @TempDir Path dir;

  Process launch(Map<String, String> env, String... args) throws IOException {
    return launch(env, null, args);
  }

  Process launch(Map<String, String> env, Path output, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "campfire.Campfire"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("DATABASE_URL", "sqlite:" + dir.resolve("campfire.db"));
    builder.environment().putAll(env);
    if (output != null) builder.redirectOutput(output.toFile());
    return builder.start();
  }

  String run(Map<String, String> env, int expectedExit, String... args) throws Exception {
    Process process = launch(env, args);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isEqualTo(expectedExit);
    return output;
  }

  @Test
  void help_version_and_migrations_work_from_the_command_line() throws Exception {
    assertThat(run(Map.of(), 0, "--help")).contains("serve", "migrate");
    assertThat(run(Map.of(), 0, "--version")).startsWith("campfire ");
    assertThat(run(Map.of(), 0, "migrate", "status")).contains("Pending");
    assertThat(run(Map.of(), 0, "migrate", "up")).containsPattern("applied [1-9]\\d* migration\\(s\\)");
    assertThat(run(Map.of(), 0, "migrate", "rollback")).containsPattern("rolled back version [1-9]\\d*");
    assertThat(run(Map.of(), 0, "migrate", "status")).contains("Success").contains("Pending");
    assertThat(run(Map.of(), 2, "migrate", "sideways")).contains("Unknown action");
  }

  @Test
  void a_bad_setting_stops_the_boot_with_a_message_naming_it() throws Exception {
    String output = run(Map.of("BIND_ADDRESS", "everywhere"), 78, "serve");
    assertThat(output).contains("Configuration error: BIND_ADDRESS");
  }

  @Test
  void serve_answers_and_shuts_down_gracefully_on_sigterm() throws Exception {
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = dir.resolve("serve.log");
    Process process = launch(Map.of("BIND_ADDRESS", "127.0.0.1:" + port, "LOG_LEVEL", "info"), log, "serve");
    HttpClient http = HttpClient.newHttpClient();
    int status = 0;
    for (int i = 0; i < 150 && status != 200; i++) {
      try {
        status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/up")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode();
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    assertThat(status).isEqualTo(200);
    process.destroy();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(java.nio.file.Files.readString(log)).contains("listening on http://127.0.0.1:" + port, "Shutting down", "SESSION_SECRET is not set");
  }
}
