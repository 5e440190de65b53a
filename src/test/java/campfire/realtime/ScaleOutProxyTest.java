package campfire.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.CableClient;
import campfire.support.Fixtures;
import campfire.support.Nginx;
import campfire.support.RedisServers;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layout of docs/SCALING.md on loopback: Debian's nginx with deploy/nginx.scale.conf in front
 * of two instances that share one PostgreSQL database and one Redis.
 */
class ScaleOutProxyTest {
  @TempDir Path prefix;

  @Test
  void socketsThroughTheProxyLandOnBothInstancesAndEachGetsAMessageExactlyOnce() throws Exception {
    try (TwoInstances instances = new TwoInstances(RedisServers.shared())) {
      int port = Nginx.freePort();
      Process nginx = Nginx.start(prefix, adapt(instances.a.port(), instances.b.port(), port));
      try {
        assertThat(Nginx.waitFor(HttpClient.newHttpClient(), "http://127.0.0.1:" + port + "/health")).isEqualTo(200);
        String text = "Through the proxy " + UUID.randomUUID();
        try (CableClient first = CableClient.connect(port, instances.aliceOnA.cookie("session_token"), Map.of());
            CableClient second = CableClient.connect(port, instances.aliceOnA.cookie("session_token"), Map.of())) {
          for (CableClient client : List.of(first, second)) {
            assertThat(client.await(f -> f.path("type").asText().equals("welcome"), CableClient.WAIT)).isNotNull();
            assertThat(client.subscribeAndWait(TwoInstances.roomMessages(instances.a, instances.allTalk))).isTrue();
          }
          // least_conn sends the second long-lived socket to the instance holding none.
          assertThat(instances.a.app().localBroadcaster().connectionCount()).isEqualTo(1);
          assertThat(instances.b.app().localBroadcaster().connectionCount()).isEqualTo(1);

          Fixtures.say(instances.a, instances.bobOnA, instances.allTalk, "<p>" + text + "</p>");

          for (CableClient client : List.of(first, second)) {
            assertThat(client.await(f -> f.path("message").asText().contains(text), CableClient.WAIT)).isNotNull();
            assertThat(client.framesAfter(Duration.ofMillis(500))).filteredOn(f -> f.path("message").asText().contains(text)).hasSize(1);
          }
        }
      } finally {
        nginx.destroy();
        nginx.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** The shipped config with its three upstreams pointed at our two instances and its port and logs moved here. */
  private Path adapt(int a, int b, int port) throws IOException {
    return Nginx.adapt(Path.of("deploy/nginx.scale.conf"), prefix, List.of(
        new String[] {"server campfire1:3000", "server 127.0.0.1:" + a},
        new String[] {"server campfire2:3000", "server 127.0.0.1:" + b},
        new String[] {"    server campfire3:3000 max_fails=3 fail_timeout=10s;\n", ""},
        new String[] {"listen [::]:80;", ""},
        new String[] {"listen 80;", "listen 127.0.0.1:" + port + ";"},
        new String[] {"error_log /dev/stderr warn;", "error_log " + prefix.resolve("error.log") + " warn;"},
        new String[] {"access_log /dev/stdout;", "access_log " + prefix.resolve("access.log") + ";"}));
  }
}
