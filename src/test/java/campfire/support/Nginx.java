package campfire.support;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Debian's nginx (installed by .ci/run) running a shipped config from deploy/, moved under a temporary prefix. */
public final class Nginx {
  public static final Path BINARY = Path.of("/usr/sbin/nginx");

  private Nginx() {}

  /** The shipped config with each {from, to} replaced; every "from" must be in it, so a drifted config fails the test. */
  public static Path adapt(Path shipped, Path prefix, List<String[]> replacements) throws IOException {
    assertThat(BINARY).as("nginx is installed (apt-get install nginx-light; .ci/run does it)").exists();
    String conf = Files.readString(shipped);
    for (String[] r : replacements) {
      assertThat(conf).contains(r[0]);
      conf = conf.replace(r[0], r[1]);
    }
    return Files.writeString(prefix.resolve("nginx.conf"), conf);
  }

  /** nginx itself with its prefix, error log and arguments (a config test, or a run in the foreground). */
  public static ProcessBuilder command(Path prefix, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of(BINARY.toString(), "-p", prefix + "/", "-e", prefix.resolve("error.log").toString()));
    command.addAll(List.of(args));
    if (args[0].equals("-t")) command.addAll(List.of("-g", "pid " + prefix.resolve("nginx.pid") + ";"));
    return new ProcessBuilder(command).redirectErrorStream(true);
  }

  /** Runs nginx in the foreground on the adapted config; the caller destroys it. */
  public static Process start(Path prefix, Path conf) throws IOException {
    return command(prefix, "-c", conf.toString(), "-g", "daemon off; pid " + prefix.resolve("nginx.pid") + ";")
        .redirectOutput(prefix.resolve("nginx.out").toFile()).start();
  }

  /** The first status the URL answers with, once something listens (-1 after ten seconds). */
  public static int waitFor(HttpClient client, String url) {
    try {
      return org.awaitility.Awaitility.await("something answers " + url).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
          .ignoreExceptionsInstanceOf(IOException.class)
          .until(() -> client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.ofString()).statusCode(), status -> status > 0);
    } catch (org.awaitility.core.ConditionTimeoutException silent) {
      return -1;
    }
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
