package campfire.accounts;

import campfire.web.HttpError;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Ten sign-in attempts per three minutes per client address, then 429 until the window refills. */
public final class LoginRateLimit {
  private static final int MAX_TRACKED = 100_000;
  private final int attempts;
  private final Duration window;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public LoginRateLimit(int attempts, Duration window) {
    this.attempts = attempts;
    this.window = window;
  }

  public void check(String ip) {
    if (buckets.size() > MAX_TRACKED) buckets.clear();
    Bucket bucket = buckets.computeIfAbsent(ip, k -> Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(attempts).refillIntervally(attempts, window).build())
        .build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      throw new HttpError.TooManyRequests(Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds()));
    }
  }
}
