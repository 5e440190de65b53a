package campfire.push;

import campfire.net.Outbound;
import com.interaso.webpush.VapidKeys;
import com.interaso.webpush.WebPush;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends pushes off the request path: a bounded queue (full means the push is dropped and counted,
 * never that posting waits) drained by a few workers. Payloads are encrypted per RFC 8291 and
 * signed per RFC 8292 by the webpush library, and sent through the shared outbound client (public
 * addresses only, checked on the address connected); 404 and 410 retire the subscription.
 */
public final class PushDelivery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PushDelivery.class);
  private static final int QUEUE = 10_000;
  private static final int WORKERS = 4;
  private static final int TTL_SECONDS = 24 * 3600;
  private final WebPush webPush;
  private final LongConsumer expired;
  private final Outbound outbound;
  private final BlockingQueue<Job> queue = new ArrayBlockingQueue<>(QUEUE);
  private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS, Thread.ofPlatform().name("push-", 0).daemon().factory());
  private final AtomicLong queued = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong expiredCount = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile boolean running = true;

  record Job(PushSubscriptions.PushSubscription target, String payload) {}

  public PushDelivery(VapidKeys keys, String subject, LongConsumer expired, Outbound outbound) {
    this.outbound = outbound;
    this.webPush = new WebPush(subject, keys);
    this.expired = expired;
    for (int i = 0; i < WORKERS; i++) workers.execute(this::work);
  }

  public void enqueue(PushSubscriptions.PushSubscription target, String payload) {
    if (queue.offer(new Job(target, payload))) {
      queued.incrementAndGet();
    } else {
      dropped.incrementAndGet();
      LOG.warn("Push queue full: dropped a notification for subscription {}", target.id());
    }
  }

  /** Pushes by outcome, for /metrics: queued, then sent, expired (the subscription is retired) or failed; or dropped (queue full). */
  public Map<String, AtomicLong> outcomes() {
    return Map.of("queued", queued, "sent", sent, "expired", expiredCount, "failed", failed, "dropped", dropped);
  }

  private void work() {
    while (running) {
      try {
        Job job = queue.poll(1, TimeUnit.SECONDS);
        if (job != null) send(job);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("Push delivery failed", e);
      }
    }
  }

  private void send(Job job) throws InterruptedException {
    var target = job.target();
    try {
      Base64.Decoder decoder = Base64.getUrlDecoder();
      byte[] body = webPush.getBody(job.payload().getBytes(StandardCharsets.UTF_8),
          decoder.decode(target.p256dhKey().replace("=", "")), decoder.decode(target.authKey().replace("=", "")));
      Request request = outbound.http().newRequest(URI.create(target.endpoint())).method(HttpMethod.POST)
          .timeout(10, TimeUnit.SECONDS).body(new BytesRequestContent(body));
      webPush.getHeaders(target.endpoint(), TTL_SECONDS, null, WebPush.Urgency.Normal).forEach((name, value) -> {
        if (!"content-length".equalsIgnoreCase(name)) request.headers(h -> h.put(name, value));
      });
      ContentResponse response = new CompletableResponseListener(request, 64 * 1024).send().get();
      if (response.getStatus() == 404 || response.getStatus() == 410) {
        expiredCount.incrementAndGet();
        expired.accept(target.id());
      } else if (response.getStatus() / 100 == 2) {
        sent.incrementAndGet();
      } else {
        failed.incrementAndGet();
        LOG.info("Push service answered {} for subscription {}", response.getStatus(), target.id());
      }
    } catch (ExecutionException e) {
      failed.incrementAndGet();
      LOG.info("Push to subscription {} failed: {}", target.id(), e.getCause().getMessage());
    } catch (IllegalArgumentException e) {
      failed.incrementAndGet();
      LOG.info("Push to subscription {} failed: {}", target.id(), e.getMessage());
    }
  }

  @Override
  public void close() {
    running = false;
    workers.shutdownNow();
  }
}
