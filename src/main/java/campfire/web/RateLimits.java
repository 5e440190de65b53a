package campfire.web;

import campfire.domain.DomainError;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A number of requests per window for each key (an address, a person), then 429 with Retry-After.
 * With a shared store (Bucket4j's Redis backend) every instance draws from the same buckets, so N
 * instances still allow the limit once; when the store fails, this instance's own buckets take
 * over until it answers again (limits are then per instance, never off).
 */
public final class RateLimits {
  private static final Logger LOG = LoggerFactory.getLogger(RateLimits.class);
  private static final int MAX_TRACKED = 100_000;
  /** After the shared store fails, how long to use local buckets before asking it again. */
  private static final long RETRY_SHARED_NANOS = 5_000_000_000L;
  private final BucketConfiguration configuration;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final ProxyManager<String> shared;
  private final String sharedPrefix;
  private final Runnable sharedFailed;
  private final AtomicBoolean sharedDown = new AtomicBoolean();
  /** A store that hangs costs one timeout per few seconds, not one per request. */
  private volatile long retrySharedAt;

  /** Limits kept in this process only. */
  public RateLimits(int requests, Duration window) {
    this(requests, window, null, null, () -> { });
  }

  /**
   * @param shared the buckets every instance shares
   * @param sharedPrefix starts this limit's keys in the shared store, apart from other limits'
   * @param sharedFailed counts a check that fell back to this instance's buckets
   */
  public RateLimits(int requests, Duration window, ProxyManager<String> shared, String sharedPrefix, Runnable sharedFailed) {
    this.configuration = BucketConfiguration.builder()
        .addLimit(Bandwidth.builder().capacity(requests).refillIntervally(requests, window).build())
        .build();
    this.shared = shared;
    this.sharedPrefix = sharedPrefix;
    this.sharedFailed = sharedFailed;
  }

  public void check(String key) {
    ConsumptionProbe probe = shared == null ? local(key) : sharedOrLocal(key);
    if (!probe.isConsumed()) {
      throw new DomainError.Busy(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
    }
  }

  private ConsumptionProbe sharedOrLocal(String key) {
    if (sharedDown.get() && System.nanoTime() - retrySharedAt < 0) {
      sharedFailed.run();
      return local(key);
    }
    ConsumptionProbe probe;
    try {
      probe = shared.builder().build(sharedPrefix + ":" + key, () -> configuration).tryConsumeAndReturnRemaining(1);
    } catch (RuntimeException e) {
      sharedFailed.run();
      retrySharedAt = System.nanoTime() + RETRY_SHARED_NANOS;
      if (sharedDown.compareAndSet(false, true)) {
        LOG.error("Shared rate limits are unavailable; limiting per instance until they answer again", e);
      }
      return local(key);
    }
    if (sharedDown.compareAndSet(true, false)) LOG.warn("Shared rate limits answer again");
    return probe;
  }

  private ConsumptionProbe local(String key) {
    if (buckets.size() > MAX_TRACKED) buckets.clear();
    return buckets.computeIfAbsent(key, k -> Bucket.builder().addLimit(configuration.getBandwidths()[0]).build())
        .tryConsumeAndReturnRemaining(1);
  }
}
