package campfire.web;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A number of requests per window for each key (an address, a person), then 429 with Retry-After. */
public final class RateLimits {
  private static final int MAX_TRACKED = 100_000;
  private final int requests;
  private final Duration window;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimits(int requests, Duration window) {
    this.requests = requests;
    this.window = window;
  }

  public void check(String key) {
    if (buckets.size() > MAX_TRACKED) buckets.clear();
    Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(requests).refillIntervally(requests, window).build())
        .build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      throw new HttpError.TooManyRequests(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
    }
  }
}
