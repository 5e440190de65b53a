package campfire.ops;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.TestPostgres;
import campfire.support.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** /ready tells a load balancer when this instance has lost PostgreSQL, quickly and without falling over. */
@Tag("postgres")
class PostgresReadyTest {
  final HttpClient http = HttpClient.newHttpClient();

  HttpResponse<String> ready(TestServer server) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.url("/ready"))).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void losing_postgres_makes_ready_503_within_seconds_and_finding_it_again_makes_it_200() throws Exception {
    try (TestServer server = TestServer.start()) {
      String db = server.postgresDatabase();
      HttpResponse<String> before = ready(server);
      assertThat(before.statusCode()).isEqualTo(200);
      assertThat(before.body()).contains("\"database\":\"ok\"", "\"database_kind\":\"postgresql\"", "\"status\":\"ready\"");

      TestPostgres.admin("ALTER DATABASE " + db + " ALLOW_CONNECTIONS false");
      TestPostgres.admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db + "'");
      try {
        long started = System.nanoTime();
        HttpResponse<String> lost = ready(server);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(lost.statusCode()).as(lost.body()).isEqualTo(503);
        assertThat(lost.body()).contains("\"database\":\"unreachable\"", "\"database_kind\":\"postgresql\"", "\"reason\":\"database unreachable\"");
        assertThat(millis).as("answered without hanging").isLessThan(5_000);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(server.url("/up"))).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
            .as("the process is still up").isEqualTo(200);
      } finally {
        TestPostgres.admin("ALTER DATABASE " + db + " ALLOW_CONNECTIONS true");
      }
      org.awaitility.Awaitility.await("ready again once the database answers").atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(200)).until(() -> ready(server).statusCode() == 200);
    }
  }

  @Test
  void a_postgres_that_does_not_answer_at_start_stops_the_command_with_one_clear_line() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("campfire-closed-port");
    int closedPort;
    try (var socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    var run = campfire.support.Cli.run(dir.resolve("unused.db"), java.util.Map.of("DATABASE_URL", "postgres://postgres:hunter22@127.0.0.1:" + closedPort + "/campfire",
        "DATA_DIR", dir.toString()), "migrate", "status");
    assertThat(run.exit()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains("Error: PostgreSQL at postgresql://127.0.0.1:" + closedPort + "/campfire cannot be reached",
        "check DATABASE_URL and that the server is running").doesNotContain("hunter22");
  }

  /** Every instance holds a share of the database's advisory lock: schema changes wait for none to run, unless forced. */
  @Test
  void migrations_that_change_the_schema_refuse_while_a_server_runs_on_the_database() throws Exception {
    String name = TestPostgres.createDatabase();
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("campfire-pg-migrate");
    var env = java.util.Map.of("DATABASE_URL", TestPostgres.url(name), "DATA_DIR", dir.toString());
    try {
      try (TestServer server = TestServer.start(java.util.Map.of("DATABASE_URL", TestPostgres.url(name)))) {
        for (String action : java.util.List.of("rollback", "up")) {
          var refused = campfire.support.Cli.run(dir.resolve("unused.db"), env, "migrate", action);
          assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
          assertThat(refused.output()).contains("Campfire is running on", "stop it first, or run migrate " + action + " --force");
        }
        assertThat(campfire.support.Cli.run(dir.resolve("unused.db"), env, "migrate", "status").exit()).isZero();
        var forced = campfire.support.Cli.run(dir.resolve("unused.db"), env, "migrate", "up", "--force");
        assertThat(forced.output()).contains("applied 0 migration(s)");
        assertThat(ready(server).statusCode()).isEqualTo(200);
      }
      var stopped = campfire.support.Cli.run(dir.resolve("unused.db"), env, "migrate", "up");
      assertThat(stopped.exit()).as("with every server stopped: " + stopped.output()).isZero();
    } finally {
      TestPostgres.dropDatabase(name);
    }
  }
}
