package campfire.bots;

import campfire.attachments.Attachments;
import campfire.db.Database;
import campfire.messages.Posting;
import campfire.net.Outbound;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers queued webhooks off the request path, a few at a time: a signed POST with a 7 second
 * limit; a text or HTML reply is posted as the bot; a timeout says so in the room; a refused
 * connection is retried with growing waits.
 */
public final class WebhookDeliveries implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliveries.class);
  static final Duration TIMEOUT = Duration.ofSeconds(7);
  static final int MAX_ATTEMPTS = 5;
  static final String TIMEOUT_REPLY = "Failed to respond within 7 seconds";
  private static final int CONCURRENCY = 4;
  private static final int MAX_TEXT_REPLY_BYTES = 100_000;
  /** A reply (text or a file to attach) is read up to this size; a larger one fails the delivery. */
  static final int MAX_REPLY_BYTES = 10 * 1024 * 1024;
  private final Database database;
  private final DeliveryQueue queue;
  private final Posting posting;
  private final Attachments attachments;
  private final byte[] secret;
  private final Outbound outbound;
  private final ExecutorService workers = Executors.newFixedThreadPool(CONCURRENCY, Thread.ofPlatform().name("webhook-", 0).daemon().factory());
  private final Semaphore slots = new Semaphore(CONCURRENCY);
  private final Semaphore wake = new Semaphore(0);
  private final Thread dispatcher;
  private volatile boolean running = true;

  public WebhookDeliveries(Database database, Posting posting, Attachments attachments, String secret, Outbound outbound) {
    this.outbound = outbound;
    this.database = database;
    this.posting = posting;
    this.attachments = attachments;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.queue = new DeliveryQueue(database);
    this.dispatcher = Thread.ofPlatform().name("webhook-dispatch").daemon().start(this::dispatch);
  }

  public void wake() { wake.release(); }

  record Delivery(long id, long botId, String url, long roomId, String payload, int attempts) {}

  private void dispatch() {
    long lastSweep = System.nanoTime();
    // Deliveries a crash left claimed are put back first, here rather than on the start-up path.
    boolean swept = false, first = true;
    while (running) {
      try {
        if (!first) wake.tryAcquire(500, TimeUnit.MILLISECONDS);
        first = false;
        wake.drainPermits();
        if (!swept || queue.shared() && System.nanoTime() - lastSweep > TimeUnit.SECONDS.toNanos(30)) {
          queue.requeueAbandoned();
          swept = true;
          lastSweep = System.nanoTime();
        }
        while (running) {
          slots.acquire();
          Optional<Delivery> next = claim();
          if (next.isEmpty()) {
            slots.release();
            break;
          }
          workers.execute(() -> {
            try {
              deliver(next.get());
            } finally {
              slots.release();
            }
          });
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("Webhook dispatch failed; will retry", e);
      }
    }
  }

  private Optional<Delivery> claim() { return queue.claim(); }

  void deliver(Delivery delivery) {
    Request request = outbound.http().newRequest(URI.create(delivery.url())).method(HttpMethod.POST)
        .timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .headers(h -> h.put("X-Campfire-Signature", "sha256=" + sign(delivery.payload())))
        .body(new StringRequestContent("application/json", delivery.payload(), StandardCharsets.UTF_8));
    try {
      ContentResponse response = new CompletableResponseListener(request, MAX_REPLY_BYTES).send().get();
      String type = java.util.Objects.toString(response.getHeaders().get(HttpHeader.CONTENT_TYPE), "").toLowerCase(Locale.ROOT);
      byte[] body = response.getContent();
      if (response.getStatus() == 200 && (type.startsWith("text/html") || type.startsWith("text/plain"))) {
        String reply = new String(body, 0, Math.min(body.length, MAX_TEXT_REPLY_BYTES), StandardCharsets.UTF_8);
        if (delivery.roomId() > 0) {
          Posting.Body message = type.startsWith("text/html") ? posting.html(reply, delivery.roomId()) : posting.text(reply);
          if (!message.isBlank()) reply(delivery, message);
        }
        finish(delivery, "delivered", response.getStatus(), null);
      } else if (response.getStatus() == 200 && !type.isEmpty() && body.length > 0 && delivery.roomId() > 0) {
        replyWithFile(delivery, body, type);
        finish(delivery, "delivered", response.getStatus(), null);
      } else if (response.getStatus() / 100 == 2) {
        finish(delivery, "delivered", response.getStatus(), null);
      } else {
        finish(delivery, "failed", response.getStatus(), "the bot answered " + response.getStatus());
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TimeoutException) {
        // The outcome is recorded before the room hears of it, so whoever sees the reply sees the status too.
        finish(delivery, "timed_out", null, TIMEOUT_REPLY);
        if (delivery.roomId() > 0) reply(delivery, posting.text(TIMEOUT_REPLY));
      } else if (cause instanceof Outbound.Refused refused) {
        finish(delivery, "failed", null, refused.getMessage());
      } else if (cause instanceof IOException) {
        retryOrFail(delivery, describe(cause));
      } else {
        finish(delivery, "failed", null, "the bot's reply could not be read (" + describe(cause) + ")");
      }
    } catch (InterruptedException e) {
      // Only stopping interrupts a worker; the row stays "sending" and is taken up again on the next start.
      Thread.currentThread().interrupt();
      request.abort(e);
      LOG.info("Webhook delivery {} is left for the next start: the server is stopping", delivery.id());
    } catch (RuntimeException e) {
      if (!running || Thread.currentThread().isInterrupted()) {
        // Stopping: the outcome cannot be written now; the row stays "sending" and is taken up again on the next start.
        LOG.info("Webhook delivery {} is left for the next start: the server is stopping", delivery.id());
        return;
      }
      LOG.warn("Webhook delivery {} failed", delivery.id(), e);
      finish(delivery, "failed", null, e.getClass().getSimpleName());
    }
  }

  private static String describe(Throwable failure) {
    return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
  }

  private void reply(Delivery delivery, Posting.Body body) {
    try {
      posting.post(delivery.roomId(), delivery.botId(), "webhook-" + delivery.id() + "-" + UUID.randomUUID(), body);
    } catch (RuntimeException e) {
      LOG.warn("Could not post the reply of webhook delivery {}", delivery.id(), e);
    }
  }

  /** Any other known type becomes the bot's attachment (checked against its bytes like an upload). */
  private void replyWithFile(Delivery delivery, byte[] body, String type) {
    String mime = type.split(";")[0].strip();
    String name = "reply." + mime.substring(mime.indexOf('/') + 1).replaceAll("[^a-z0-9]", "");
    try {
      Attachments.Stored stored = attachments.store(new java.io.ByteArrayInputStream(body), mime, name);
      posting.post(delivery.roomId(), delivery.botId(), "webhook-" + delivery.id() + "-" + UUID.randomUUID(), posting.empty(),
          (h, messageId) -> attachments.attach(h, messageId, stored));
    } catch (RuntimeException e) {
      LOG.info("The reply of webhook delivery {} ({}) could not be attached: {}", delivery.id(), mime, e.getMessage());
    }
  }

  private void retryOrFail(Delivery delivery, String error) {
    if (delivery.attempts() >= MAX_ATTEMPTS) {
      finish(delivery, "failed", null, error);
      return;
    }
    long wait = 1000L << (2 * (delivery.attempts() - 1));
    queue.retryLater(delivery.id(), wait, error);
    wake();
  }

  private void finish(Delivery delivery, String status, Integer responseStatus, String error) {
    queue.finish(delivery.id(), status, responseStatus, error);
  }

  String sign(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The latest deliveries of a bot, for its page. */
  public List<DeliveryLog> recent(long botId) {
    return database.read(h -> h.createQuery("SELECT d.id, d.status, d.attempts, d.response_status, d.error, d.updated_at FROM webhook_deliveries d "
            + "JOIN webhooks w ON w.id = d.webhook_id WHERE w.user_id = ? ORDER BY d.id DESC LIMIT 20")
        .bind(0, botId)
        .map((rs, ctx) -> new DeliveryLog(rs.getLong("id"), rs.getString("status"), rs.getInt("attempts"),
            (Integer) rs.getObject("response_status"), rs.getString("error"), rs.getLong("updated_at")))
        .list());
  }

  public record DeliveryLog(long id, String status, int attempts, Integer responseStatus, String error, long updatedAt) {
    public String whenIso() { return java.time.Instant.ofEpochMilli(updatedAt).toString(); }

    /** In UTC; the browser writes it in the reader's zone. */
    public String when() { return java.time.Instant.ofEpochMilli(updatedAt).toString().replace('T', ' ').substring(0, 19) + " UTC"; }
  }

  @Override
  public void close() {
    running = false;
    dispatcher.interrupt();
    workers.shutdownNow();
    // Interrupted deliveries go back to the queue before the database closes, for any instance to take.
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
