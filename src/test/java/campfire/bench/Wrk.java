package campfire.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk (the Debian package) as the HTTP load generator, and nginx serving the same gzipped bytes
 * from files ({@code gzip_static}) as the limit: the method of the performance guide. wrk checks
 * every answer in Lua: status 200 and a body byte for byte the one validated beforehand.
 */
final class Wrk {
  private static final Pattern RESULT = Pattern.compile("RESULT (\\d+) (\\d+) ([0-9.]+) ([0-9.]+) ([0-9.]+)");

  /** One wrk run: requests per second, p50 and p99 in milliseconds, requests answered wrongly. */
  record Result(double perSecond, double p50Millis, double p99Millis, long invalid) {}

  private Wrk() {}

  static void requireInstalled() throws IOException, InterruptedException {
    for (String tool : List.of("wrk", "nginx")) {
      Process which = new ProcessBuilder("sh", "-c", "command -v " + tool + " || test -x /usr/sbin/" + tool)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (which.waitFor() != 0) {
        throw new IllegalStateException(tool + " is not installed: apt-get install -y wrk nginx-light");
      }
    }
  }

  /** 16 connections on one thread for the duration; {@code expected} holds the exact body every answer must carry. */
  static Result run(String url, String cookie, Path expected, Duration duration, Path work) throws IOException, InterruptedException {
    Path script = Files.createTempFile(work, "wrk", ".lua");
    Files.writeString(script, """
        local file = assert(io.open("%s", "rb"))
        local expected = file:read("*a")
        file:close()
        wrk.headers["Accept-Encoding"] = "gzip"
        %s
        local threads = {}
        function setup(thread) table.insert(threads, thread) end
        function init(args) invalid = 0 end
        function response(status, headers, body)
          if status ~= 200 or body ~= expected then invalid = invalid + 1 end
        end
        function done(summary, latency, requests)
          local bad = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
          for _, thread in ipairs(threads) do bad = bad + thread:get("invalid") end
          io.write(string.format("RESULT %%d %%d %%.3f %%.3f %%.3f\\n", summary.requests, bad,
            summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
        end
        """.formatted(expected.toAbsolutePath(), cookie == null ? "" : "wrk.headers[\"Cookie\"] = \"" + cookie.replace("\"", "") + "\""));
    Process wrk = new ProcessBuilder("wrk", "-t1", "-c16", "-d" + duration.toSeconds() + "s", "--timeout", "10s", "-s", script.toString(), url)
        .redirectErrorStream(true).start();
    String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    wrk.waitFor();
    Matcher m = RESULT.matcher(output);
    if (!m.find()) throw new IllegalStateException("wrk printed no result for " + url + ":\n" + output);
    double seconds = Double.parseDouble(m.group(3));
    long requests = Long.parseLong(m.group(1)), invalid = Long.parseLong(m.group(2));
    return new Result((requests - invalid) / seconds, Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)), invalid);
  }

  /** nginx in the foreground on a loopback port, serving {@code root} with gzip_static, one worker, no access log. */
  static Process nginx(Path dir, Path root, int port) throws IOException {
    Files.createDirectories(dir.resolve("logs"));
    Path conf = dir.resolve("nginx.conf");
    Files.writeString(conf, """
        worker_processes 1;
        error_log %1$s/logs/error.log warn;
        pid %1$s/nginx.pid;
        events { worker_connections 4096; }
        http {
          access_log off;
          default_type text/html;
          client_body_temp_path %1$s/tmp;
          proxy_temp_path %1$s/tmp;
          fastcgi_temp_path %1$s/tmp;
          uwsgi_temp_path %1$s/tmp;
          scgi_temp_path %1$s/tmp;
          server {
            listen 127.0.0.1:%2$d;
            root %3$s;
            gzip_static on;
          }
        }
        """.formatted(dir.toAbsolutePath(), port, root.toAbsolutePath()));
    Files.createDirectories(dir.resolve("tmp"));
    String nginx = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
    return new ProcessBuilder(nginx, "-p", dir.toAbsolutePath().toString(), "-c", conf.toAbsolutePath().toString(), "-g", "daemon off;")
        .redirectErrorStream(true).redirectOutput(dir.resolve("logs/stdout.log").toFile()).start();
  }

  static List<Double> perSecond(List<Result> results) {
    List<Double> values = new ArrayList<>();
    results.forEach(r -> values.add(r.perSecond()));
    return values;
  }

  static List<Double> p99(List<Result> results) {
    List<Double> values = new ArrayList<>();
    results.forEach(r -> values.add(r.p99Millis()));
    return values;
  }

  static String describe(Result r) {
    return String.format(Locale.ROOT, "%.0f req/s, p99 %.2f ms, %d invalid", r.perSecond(), r.p99Millis(), r.invalid());
  }
}
