package campfire.ops;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.TestServer;
import campfire.support.WebClient;
import org.junit.jupiter.api.Test;

class HealthTest {
  @Test
  void up_health_and_ready_answer_without_a_session() {
    try (TestServer server = TestServer.start()) {
      WebClient probe = server.client();
      var up = probe.get("/up");
      assertThat(up.statusCode()).isEqualTo(200);
      assertThat(up.body()).contains("background-color: green");
      var health = probe.get("/health");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"ok\"");
      var ready = probe.get("/ready");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).contains("\"database\":\"ok\"", "\"migrations\":\"ok\"", "\"status\":\"ready\"");
    }
  }

  @Test
  void ready_is_503_with_the_reason_when_a_migration_is_missing() {
    try (TestServer server = TestServer.start()) {
      server.app().database().writeVoid(h -> h.execute(
          "DELETE FROM flyway_schema_history WHERE installed_rank = (SELECT MAX(installed_rank) FROM flyway_schema_history)"));
      var ready = server.client().get("/ready");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).contains("migrations pending");
    }
  }
}
