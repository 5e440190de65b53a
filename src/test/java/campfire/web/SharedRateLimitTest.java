package campfire.web;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.RedisServers;
import campfire.support.TestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two instances sharing Redis draw on the same buckets: together they allow the limit once. */
class SharedRateLimitTest {

  @Test
  void twoInstancesTogetherAllowTheLimitOnceAndThenAnswer429WithRetryAfter() {
    Map<String, String> env = Map.of("REDIS_URL", RedisServers.shared(), "REDIS_PREFIX", RedisServers.uniquePrefix(),
        "RATE_LIMIT_REQUESTS", "5", "RATE_LIMIT_WINDOW", "60");
    try (TestServer a = TestServer.start(env); TestServer b = TestServer.start(env)) {
      List<HttpResponse<String>> responses = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        responses.add(a.client().get("/first_run"));
        responses.add(b.client().get("/first_run"));
      }
      assertThat(responses).filteredOn(r -> r.statusCode() == 200).hasSize(5);
      List<HttpResponse<String>> refused = responses.stream().filter(r -> r.statusCode() == 429).toList();
      assertThat(refused).hasSize(7);
      assertThat(refused).allSatisfy(r -> assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow()))
          .isBetween(1L, 60L));
      assertThat(responses.subList(5, 12)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(429));
    }
  }

  @Test
  void instancesWithDifferentPrefixesKeepTheirOwnLimits() {
    Map<String, String> common = Map.of("REDIS_URL", RedisServers.shared(), "RATE_LIMIT_REQUESTS", "3", "RATE_LIMIT_WINDOW", "60");
    Map<String, String> one = new java.util.HashMap<>(common);
    one.put("REDIS_PREFIX", RedisServers.uniquePrefix());
    Map<String, String> other = new java.util.HashMap<>(common);
    other.put("REDIS_PREFIX", RedisServers.uniquePrefix());
    try (TestServer a = TestServer.start(one); TestServer b = TestServer.start(other)) {
      for (int i = 0; i < 3; i++) assertThat(a.client().get("/first_run").statusCode()).isEqualTo(200);
      assertThat(a.client().get("/first_run").statusCode()).isEqualTo(429);
      assertThat(b.client().get("/first_run").statusCode()).isEqualTo(200);
    }
  }
}
