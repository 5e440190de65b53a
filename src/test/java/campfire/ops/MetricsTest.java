package campfire.ops;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.CableClient;
import campfire.support.Fixtures;
import campfire.support.TestServer;
import campfire.support.WebClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MetricsTest {
  static double value(String scrape, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(scrape);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  /** The deployment guide's "Key Metrics to Monitor", every one of them. */
  static final List<String> GUIDE = List.of("campfire_http_requests_total", "campfire_websocket_connections_active",
      "campfire_messages_sent_total", "campfire_database_query_duration_seconds", "campfire_memory_usage_bytes",
      "cpu_usage_percent", "memory_usage_percent", "disk_usage_percent", "network_connections_active",
      "active_users_count", "messages_per_minute", "rooms_active_count", "search_queries_per_minute");

  @Test
  void every_metric_the_guide_and_docs_operations_name_is_served_under_that_name() throws Exception {
    String operations = java.nio.file.Files.readString(java.nio.file.Path.of("docs/OPERATIONS.md"));
    String list = operations.substring(operations.indexOf("Metrics list:"), operations.indexOf("- Logs:", operations.indexOf("Metrics list:")));
    java.util.Set<String> documented = new java.util.TreeSet<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("`([a-z][a-z_]+)(\\{[^`]*\\})?`").matcher(list);
    while (m.find()) documented.add(m.group(1));
    assertThat(documented).containsAll(GUIDE);
    try (TestServer server = TestServer.start(Map.of("REDIS_URL", campfire.support.RedisServers.shared(), "REDIS_PREFIX", campfire.support.RedisServers.uniquePrefix()))) {
      Fixtures.admin(server);
      String metrics = server.client().get("/metrics").body();
      for (String name : documented) {
        assertThat(metrics).as(name).containsPattern("(?m)^" + name + "(_total|_bucket|_count|_sum)?[{ ]");
      }
      assertThat(value(metrics, "cpu_usage_percent")).isBetween(0.0, 100.0);
      assertThat(value(metrics, "memory_usage_percent")).isBetween(0.0, 100.0).isPositive();
      assertThat(value(metrics, "disk_usage_percent")).isBetween(0.0, 100.0).isPositive();
      assertThat(value(metrics, "network_connections_active")).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void metrics_move_when_traffic_moves() {
    try (TestServer server = TestServer.start()) {
      WebClient alice = Fixtures.admin(server);
      long room = Fixtures.allTalk(server);
      String before = server.client().get("/metrics").body();
      for (String name : new String[] {"campfire_http_requests_total", "campfire_http_request_duration_seconds",
          "campfire_websocket_connections_active", "campfire_messages_sent_total", "campfire_database_query_duration_seconds",
          "campfire_memory_usage_bytes", "active_users_count", "messages_per_minute", "rooms_active_count",
          "search_queries_per_minute", "jvm_memory_used_bytes", "hikaricp_connections"}) {
        assertThat(before).as(name).contains(name);
      }
      String roomRoute = "campfire_http_requests_total{method=\"GET\",route=\"/rooms/{id}\",status=\"200\"}";
      double pagesBefore = value(before, roomRoute);
      double sentBefore = value(before, "campfire_messages_sent_total");

      alice.get("/rooms/" + room);
      alice.get("/rooms/" + room);
      Fixtures.say(server, alice, room, "<p>counted</p>");
      try (CableClient cable = CableClient.connect(server, alice.cookie("session_token"))) {
        cable.await(f -> f.path("type").asText().equals("welcome"), CableClient.WAIT);
        // A request is counted once answered: the browser may have the page a moment before that.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
            .until(() -> value(server.client().get("/metrics").body(), roomRoute) == pagesBefore + 2);
        String after = server.client().get("/metrics").body();
        assertThat(value(after, roomRoute)).isEqualTo(pagesBefore + 2);
        assertThat(value(after, "campfire_messages_sent_total")).isEqualTo(sentBefore + 1);
        assertThat(value(after, "messages_per_minute")).isGreaterThanOrEqualTo(1);
        assertThat(value(after, "rooms_active_count")).isEqualTo(1);
        assertThat(value(after, "campfire_websocket_connections_active")).isEqualTo(1);
        assertThat(value(after, "campfire_memory_usage_bytes{area=\"heap\"}")).isPositive();
        assertThat(after).doesNotContain("route=\"/rooms/" + room + "\"");
      }
    }
  }

  @Test
  void a_metrics_token_keeps_strangers_out() {
    try (TestServer server = TestServer.start(Map.of("METRICS_TOKEN", "s3cret-token"))) {
      WebClient probe = server.client();
      assertThat(probe.get("/metrics").statusCode()).isEqualTo(401);
      var wrong = probe.send(HttpRequest.newBuilder(URI.create(server.url("/metrics"))).header("Authorization", "Bearer nope"));
      assertThat(wrong.statusCode()).isEqualTo(401);
      var right = probe.send(HttpRequest.newBuilder(URI.create(server.url("/metrics"))).header("Authorization", "Bearer s3cret-token"));
      assertThat(right.statusCode()).isEqualTo(200);
      assertThat(right.body()).contains("campfire_http_requests_total");
    }
  }

  @Test
  void without_a_token_only_a_scraper_on_this_machine_talking_directly_is_answered() {
    try (TestServer server = TestServer.start()) {
      WebClient probe = server.client();
      assertThat(probe.get("/metrics").statusCode()).isEqualTo(200);
      for (String header : new String[] {"X-Forwarded-For", "X-Real-IP", "Forwarded"}) {
        var proxied = probe.send(HttpRequest.newBuilder(URI.create(server.url("/metrics"))).header(header, "203.0.113.9"));
        assertThat(proxied.statusCode()).as("through a proxy (" + header + ")").isEqualTo(403);
        assertThat(proxied.body()).doesNotContain("campfire_http_requests_total");
      }
    }
  }
}
