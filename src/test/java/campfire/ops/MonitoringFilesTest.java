package campfire.ops;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.Fixtures;
import campfire.support.RedisServers;
import campfire.support.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The shipped monitoring files work as shipped: Prometheus accepts the alert rules and their unit
 * tests pass ({@code promtool}, Debian's prometheus package), and every series the rules and the
 * Grafana dashboard query is one a real server serves on /metrics.
 */
@Tag("database-independent")
class MonitoringFilesTest {
  static final Path RULES = Path.of("deploy/prometheus/campfire-alerts.yml");
  static final Path RULE_TESTS = Path.of("deploy/prometheus/campfire-alerts.test.yml");
  static final Path DASHBOARD = Path.of("deploy/grafana/campfire-dashboard.json");
  /** Names in expressions that are PromQL's or Prometheus's own, not series we serve. */
  static final Set<String> NOT_OURS = Set.of("histogram_quantile", "label_values");
  static final Pattern SERIES = Pattern.compile("\\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\\b\\s*(?=[{\\[)]|$|\\s)");

  static String promtool(String... args) throws Exception {
    Path promtool = Path.of("/usr/bin/promtool");
    assertThat(Files.isExecutable(promtool)).as("promtool missing: apt-get install prometheus (.ci/run installs it)").isTrue();
    List<String> command = new ArrayList<>(List.of(promtool.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("promtool " + String.join(" ", args) + ":\n" + output).isZero();
    return output;
  }

  @Test
  void prometheus_accepts_the_alert_rules_and_their_unit_tests_pass() throws Exception {
    assertThat(promtool("check", "rules", RULES.toString())).contains("SUCCESS: 9 rules found");
    assertThat(promtool("test", "rules", RULE_TESTS.toString())).contains("SUCCESS");
  }

  @Test
  void every_series_the_rules_and_the_dashboard_query_is_served() throws Exception {
    Set<String> queried = new TreeSet<>();
    for (String line : Files.readAllLines(RULES)) {
      // Expressions: the expr line itself, or the indented lines of its block.
      if (line.contains("summary:") || line.contains("description:") || line.contains("alert:")) continue;
      queried.addAll(series(line.replaceAll("#.*", "")));
    }
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    assertThat(dashboard.path("panels")).isNotEmpty();
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
      for (JsonNode target : panel.path("targets")) queried.addAll(series(target.path("expr").asText()));
    }
    queried.addAll(series(dashboard.at("/templating/list/1/definition").asText()));
    assertThat(queried).contains("campfire_http_requests_total", "campfire_push_notifications_total", "disk_usage_percent");

    try (TestServer server = TestServer.start(Map.of("REDIS_URL", RedisServers.shared(), "REDIS_PREFIX", RedisServers.uniquePrefix()))) {
      Fixtures.admin(server);
      String metrics = server.client().get("/metrics").body();
      for (String name : queried) assertThat(metrics).as(name + " on /metrics").containsPattern("(?m)^" + name + "[{ ]");
    }
  }

  static Set<String> series(String expression) {
    Set<String> names = new TreeSet<>();
    // Label matchers and grouping lists name labels, not series.
    Matcher m = SERIES.matcher(expression.replaceAll("\\{[^}]*\\}", "{}").replaceAll("(by|without) \\([^)]*\\)", ""));
    while (m.find()) if (!NOT_OURS.contains(m.group(1)) && !m.group(1).startsWith("expr")) names.add(m.group(1));
    return names;
  }
}
