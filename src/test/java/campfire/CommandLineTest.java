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
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as an operator uses it: a separate JVM process with environment variables. */
@org.junit.jupiter.api.Tag("sqlite-only")
class CommandLineTest {
  @TempDir Path dir;

  Process launch(Map<String, String> env, String... args) throws IOException {
    return launch(env, null, args);
  }

  Process launch(Map<String, String> env, Path output, String... args) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(campfire.support.Cli.command(args)).redirectErrorStream(true);
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

  /** Changing the schema under a running server is refused (status is not); --force is the operator's own call. */
  @Test
  void migrations_that_change_the_schema_refuse_while_a_server_runs_on_the_database() throws Exception {
    try (var server = campfire.support.TestServer.startSqlite()) {
      Map<String, String> env = Map.of("DATABASE_URL", "sqlite:" + server.directory().resolve("campfire.db"));
      long applied = server.count("SELECT COUNT(*) FROM flyway_schema_history WHERE success");
      for (String action : List.of("rollback", "up")) {
        assertThat(run(env, 1, "migrate", action)).contains("Campfire is running with", "stop it first, or run migrate " + action + " --force");
      }
      assertThat(run(env, 0, "migrate", "status")).contains("Success");
      assertThat(server.count("SELECT COUNT(*) FROM flyway_schema_history WHERE success")).isEqualTo(applied);
      assertThat(run(env, 0, "migrate", "up", "--force")).contains("applied 0 migration(s)");
      assertThat(server.client().get("/up").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void a_bad_setting_stops_the_boot_with_a_message_naming_it() throws Exception {
    String output = run(Map.of("BIND_ADDRESS", "everywhere"), 78, "serve");
    assertThat(output).contains("Configuration error: BIND_ADDRESS");
  }

  /** What the operator's machine gets wrong, not only what they type: one line naming the setting, no stack trace. */
  @Test
  void malformed_keys_an_unwritable_data_directory_and_a_busy_port_are_one_line_each() throws Exception {
    assertOneLine(run(Map.of("VAPID_PUBLIC_KEY", "abc", "VAPID_PRIVATE_KEY", "def"), 78, "serve"),
        "Configuration error: VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be a P-256 key pair");
    Path file = java.nio.file.Files.writeString(dir.resolve("not-a-directory"), "x");
    assertOneLine(run(Map.of("DATA_DIR", file.resolve("data").toString()), 78, "serve"), "Configuration error: DATA_DIR: cannot read or create");
    try (var taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      assertOneLine(run(Map.of("BIND_ADDRESS", "127.0.0.1:" + taken.getLocalPort(), "DATA_DIR", dir.toString()), 78, "serve"),
          "Configuration error: BIND_ADDRESS: 127.0.0.1:" + taken.getLocalPort() + " cannot be used");
    }
  }

  static void assertOneLine(String output, String expected) {
    List<String> lines = output.lines().filter(line -> !line.contains("SESSION_SECRET is not set")).toList();
    assertThat(lines).as(output).hasSize(1);
    assertThat(lines.get(0)).startsWith(expected);
  }

  @Test
  void a_bad_or_unreachable_redis_stops_the_boot_with_a_message_naming_REDIS_URL() throws Exception {
    assertThat(run(Map.of("REDIS_URL", "http://127.0.0.1:6379"), 78, "serve")).contains("Configuration error: REDIS_URL");
    int closed;
    try (var socket = new java.net.ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    String output = run(Map.of("REDIS_URL", "redis://:hunter2secret@127.0.0.1:" + closed), 69, "serve");
    assertThat(output).contains("REDIS_URL: Redis at 127.0.0.1:" + closed + " is not reachable").doesNotContain("hunter2secret");
  }

  @Test
  void json_logs_are_one_object_a_line_with_request_fields_and_never_secrets() throws Exception {
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = dir.resolve("json.log");
    Process process = launch(Map.of("BIND_ADDRESS", "127.0.0.1:" + port, "LOG_FORMAT", "json", "BCRYPT_COST", "4"), log, "serve");
    HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    String base = "http://127.0.0.1:" + port;
    String page = awaitPage(http, base + "/first_run");
    String token = page.replaceAll("(?s).*name=\"csrf-token\" content=\"([^\"]+)\".*", "$1");
    String form = "authenticity_token=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8)
        + "&user%5Bname%5D=Ada&user%5Bemail_address%5D=ada%40example.com&user%5Bpassword%5D=hunter2-very-secret";
    int status = http.send(HttpRequest.newBuilder(URI.create(base + "/first_run")).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    assertThat(status).isEqualTo(302);
    process.destroy();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

    // A key twice in one line is an error here, as it is for many log collectors.
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    List<com.fasterxml.jackson.databind.JsonNode> lines = new ArrayList<>();
    for (String line : java.nio.file.Files.readAllLines(log)) {
      if (line.startsWith("WARNING:")) continue;
      lines.add(mapper.readTree(line));
    }
    var request = lines.stream().filter(l -> "POST".equals(l.path("method").asText()) && "/first_run".equals(l.path("route").asText()))
        .findFirst().orElseThrow();
    assertThat(request.path("status").asInt()).isEqualTo(302);
    assertThat(request.path("request_id").asText()).isNotBlank();
    assertThat(request.has("duration_ms")).isTrue();
    assertThat(request.has("user_id")).isTrue();
    assertThat(request.path("level").asText()).isEqualTo("INFO");
    String all = java.nio.file.Files.readString(log);
    assertThat(all).doesNotContain("hunter2-very-secret").doesNotContain(token).doesNotContain("session_token=");
  }

  /** Waits (30 s at most) for the server to answer, and returns the page. */
  static String awaitPage(HttpClient http, String url) {
    return awaitAnswer(http, url).body();
  }

  static HttpResponse<String> awaitAnswer(HttpClient http, String url) {
    return Awaitility.await("the server answers " + url).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .ignoreExceptionsInstanceOf(IOException.class)
        .until(() -> http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString()), java.util.Objects::nonNull);
  }

  static String csrf(String page) {
    return java.net.URLEncoder.encode(page.replaceAll("(?s).*name=\"csrf-token\" content=\"([^\"]+)\".*", "$1"), StandardCharsets.UTF_8);
  }

  @Test
  void kill_9_during_a_stream_of_posts_loses_no_acknowledged_message() throws Exception {
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, String> env = Map.of("BIND_ADDRESS", "127.0.0.1:" + port, "BCRYPT_COST", "4", "LOG_LEVEL", "warn");
    Process first = launch(env, dir.resolve("first.log"), "serve");
    HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    String base = "http://127.0.0.1:" + port;
    String form = "authenticity_token=" + csrf(awaitPage(http, base + "/first_run"))
        + "&user%5Bname%5D=Ada&user%5Bemail_address%5D=ada%40example.com&user%5Bpassword%5D=pw-123456";
    http.send(HttpRequest.newBuilder(URI.create(base + "/first_run")).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
    String token = csrf(awaitPage(http, base + "/rooms/1"));

    List<String> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
    var poster = java.util.concurrent.CompletableFuture.runAsync(() -> {
      for (int i = 0; i < 100_000; i++) {
        String id = "kill-" + i;
        try {
          var response = http.send(HttpRequest.newBuilder(URI.create(base + "/rooms/1/messages"))
              .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/vnd.turbo-stream.html")
              .POST(HttpRequest.BodyPublishers.ofString("authenticity_token=" + token + "&message%5Bbody%5D=%3Cp%3Enumber+" + i
                  + "%3C%2Fp%3E&message%5Bclient_message_id%5D=" + id)).build(), HttpResponse.BodyHandlers.discarding());
          if (response.statusCode() == 200) acknowledged.add(id);
        } catch (IOException | InterruptedException gone) {
          return;
        }
      }
    });
    Awaitility.await("200 posts acknowledged").atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 200);
    first.destroyForcibly();
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    poster.get(30, TimeUnit.SECONDS);
    List<String> acked = List.copyOf(acknowledged);

    Process second = launch(env, dir.resolve("second.log"), "serve");
    try {
      awaitPage(http, base + "/up");
      try (var database = new campfire.db.Database(dir.resolve("campfire.db"))) {
        List<String> stored = database.read(h -> h.createQuery("SELECT client_message_id FROM messages").mapTo(String.class).list());
        assertThat(stored).containsAll(acked);
        String integrity = database.read(h -> h.createQuery("PRAGMA integrity_check").mapTo(String.class).one());
        assertThat(integrity).isEqualTo("ok");
      }
    } finally {
      second.destroy();
      second.waitFor(30, TimeUnit.SECONDS);
    }
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
    HttpResponse<String> up = awaitAnswer(http, "http://127.0.0.1:" + port + "/up");
    assertThat(up.statusCode()).isEqualTo(200);
    process.destroy();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String written = java.nio.file.Files.readString(log);
    assertThat(written).contains("listening on http://127.0.0.1:" + port, "Shutting down", "SESSION_SECRET is not set");
    // A request's line carries its id once, where every line written during that request has it.
    String id = up.headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(written).contains(" [" + id + "] - method=GET route=/up status=200").containsOnlyOnce(id);
  }
}
