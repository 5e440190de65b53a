package campfire.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.CableClient;
import campfire.support.Fixtures;
import campfire.support.RedisServers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
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
  static final Path NGINX = Path.of("/usr/sbin/nginx");
  @TempDir Path prefix;

  @Test
  void socketsThroughTheProxyLandOnBothInstancesAndEachGetsAMessageExactlyOnce() throws Exception {
    assertThat(NGINX).as("nginx is installed (apt-get install nginx-light; .ci/run does it)").exists();
    try (TwoInstances instances = new TwoInstances(RedisServers.shared())) {
      int port = freePort();
      Process nginx = new ProcessBuilder(NGINX.toString(), "-p", prefix + "/", "-e", prefix.resolve("error.log").toString(),
          "-c", adapt(instances.a.port(), instances.b.port(), port).toString(), "-g", "daemon off; pid " + prefix.resolve("nginx.pid") + ";")
          .redirectErrorStream(true).redirectOutput(prefix.resolve("nginx.out").toFile()).start();
      try {
        assertThat(health(port)).isEqualTo(200);
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
    String conf = Files.readString(Path.of("deploy/nginx.scale.conf"));
    List<String[]> replacements = List.of(
        new String[] {"server campfire1:3000", "server 127.0.0.1:" + a},
        new String[] {"server campfire2:3000", "server 127.0.0.1:" + b},
        new String[] {"    server campfire3:3000 max_fails=3 fail_timeout=10s;\n", ""},
        new String[] {"listen [::]:80;", ""},
        new String[] {"listen 80;", "listen 127.0.0.1:" + port + ";"},
        new String[] {"error_log /dev/stderr warn;", "error_log " + prefix.resolve("error.log") + " warn;"},
        new String[] {"access_log /dev/stdout;", "access_log " + prefix.resolve("access.log") + ";"});
    for (String[] r : replacements) {
      assertThat(conf).contains(r[0]);
      conf = conf.replace(r[0], r[1]);
    }
    return Files.writeString(prefix.resolve("nginx.conf"), conf);
  }

  private static int health(int port) throws InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    for (int i = 0; i < 100; i++) {
      try {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    return -1;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
