package campfire.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/** A closed-loop HTTP load: N workers, each sending its next request when the last one answered. */
final class Load {
  record Result(double perSecond, double p50Millis, double p99Millis, long ok, long invalid) {
    Result plusInvalid(long more) { return new Result(perSecond, p50Millis, p99Millis, ok, invalid + more); }
  }

  /** Runs for the duration (and at most maxRequests); every response is checked by {@code valid}. */
  static Result run(int workers, Duration duration, long maxRequests, IntFunction<HttpRequest> request,
      Predicate<HttpResponse<String>> valid) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    AtomicLong sent = new AtomicLong();
    AtomicLong invalid = new AtomicLong();
    List<long[]> latencies = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long deadline = System.nanoTime() + duration.toNanos();
    long started = System.nanoTime();
    for (int w = 0; w < workers; w++) {
      long[] mine = new long[2_000_000];
      latencies.add(mine);
      threads.add(Thread.ofPlatform().start(() -> {
        int n = 0;
        while (System.nanoTime() < deadline && n < mine.length) {
          long index = sent.getAndIncrement();
          if (index >= maxRequests) break;
          long t0 = System.nanoTime();
          try {
            HttpResponse<String> response = http.send(request.apply((int) index), Load::body);
            if (!valid.test(response)) invalid.incrementAndGet();
          } catch (Exception e) {
            invalid.incrementAndGet();
          }
          mine[n++] = System.nanoTime() - t0;
        }
        mine[mine.length - 1] = n;
      }));
    }
    for (Thread thread : threads) thread.join();
    double seconds = (System.nanoTime() - started) / 1e9;
    int total = 0;
    for (long[] mine : latencies) total += (int) mine[mine.length - 1];
    long[] all = new long[total];
    int at = 0;
    for (long[] mine : latencies) {
      int n = (int) mine[mine.length - 1];
      System.arraycopy(mine, 0, all, at, n);
      at += n;
    }
    Arrays.sort(all);
    return new Result((total - invalid.get()) / seconds, percentile(all, 0.50), percentile(all, 0.99), total - invalid.get(), invalid.get());
  }

  /** The body as text, un-gzipped when the server compressed it (so validation reads what a browser reads). */
  static HttpResponse.BodySubscriber<String> body(HttpResponse.ResponseInfo info) {
    boolean gzip = info.headers().firstValue("Content-Encoding").map("gzip"::equalsIgnoreCase).orElse(false);
    return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(), bytes -> {
      if (!gzip) return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
      try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
        return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        return "";
      }
    });
  }

  static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) return 0;
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }
}
