package campfire.realtime;

import campfire.db.Redis;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broadcasts across instances: every broadcast is published once to one Redis channel, and each
 * instance's subscription hands it to its {@link InProcessBroadcaster}, the publishing instance's
 * included (it never also delivers directly, so its clients get it once).
 *
 * <p>When Redis cannot be reached the broadcast is delivered to this instance's clients only
 * (logged once per outage, counted per broadcast), and Lettuce reconnects and resubscribes by
 * itself. One channel for every stream keeps subscribing trivial (no per-stream bookkeeping that
 * could race with sockets coming and going); each instance drops what none of its clients follow.
 */
public final class RedisBroadcaster implements Broadcaster, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisBroadcaster.class);
  /** Long enough for any message to come back through Redis; claims older than this are forgotten. */
  private static final long CLAIM_MILLIS = 60_000;
  /** After a failed publish, how long to deliver locally before trying Redis again. */
  private static final long RETRY_PUBLISH_NANOS = 2_000_000_000L;

  private final Redis redis;
  private final InProcessBroadcaster local;
  private final Runnable deliveredLocallyOnly;
  private final String channel;
  private final String instance = UUID.randomUUID().toString();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicBoolean subscribed = new AtomicBoolean();
  private final AtomicBoolean degraded = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** A Redis that hangs costs one timeout every few seconds, not one per broadcast. */
  private volatile long retryPublishAt = System.nanoTime();
  /**
   * This instance's own broadcasts, by id, once delivered here: by the subscription or, after a
   * failed publish, directly. Whichever comes first wins, so a publish that timed out but reached
   * Redis after all is still delivered once.
   */
  private final Map<String, Long> delivered = new ConcurrentHashMap<>();
  /** Removals from a room touch the database, which must not run on Lettuce's I/O thread. */
  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("redis-broadcaster").daemon().factory());

  /**
   * @param deliveredLocallyOnly counts a broadcast that reached this instance's clients only
   */
  public RedisBroadcaster(Redis redis, InProcessBroadcaster local, Runnable deliveredLocallyOnly) {
    this.redis = redis;
    this.local = local;
    this.deliveredLocallyOnly = deliveredLocallyOnly;
    this.channel = redis.key("cable");
    redis.pubSub().addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(String from, String message) {
        if (channel.equals(from)) received(message);
      }

      @Override
      public void subscribed(String to, long count) {
        if (channel.equals(to)) {
          retryPublishAt = System.nanoTime();
          // Back after an outage: changes other instances announced meanwhile never came.
          if (!subscribed.getAndSet(true)) local.changedEverything();
          healthy();
        }
      }
    });
    redis.onConnectionChange(new RedisConnectionStateListener() {
      @Override
      public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
        if (connection == redis.pubSub() && !closed.get()) {
          subscribed.set(false);
          failed(null);
        }
      }
    });
    redis.pubSub().sync().subscribe(channel);
    subscribed.set(true);
    worker.scheduleWithFixedDelay(this::forgetOldClaims, CLAIM_MILLIS, CLAIM_MILLIS / 2, TimeUnit.MILLISECONDS);
  }

  @Override
  public void broadcastHtml(String stream, String turboStreamHtml) {
    publish('h', stream, turboStreamHtml, () -> local.broadcastHtml(stream, turboStreamHtml));
  }

  @Override
  public void broadcastJson(String stream, String json) {
    publish('j', stream, json, () -> local.broadcastJson(stream, json));
  }

  @Override
  public void disconnectFromRoom(long userId, long roomId) {
    publish('d', userId + ":" + roomId, "", () -> local.disconnectFromRoom(userId, roomId));
  }

  @Override
  public void disconnectSessions(long userId, long sessionId) {
    publish('s', userId + ":" + sessionId, "", () -> local.disconnectSessions(userId, sessionId));
  }

  @Override
  public void changed(String topic) {
    // Here at once, so the request that made the change reads it back; elsewhere through Redis.
    // Claimed first, so its echo from Redis does not make this instance forget a second time.
    String id = nextId();
    claim(id);
    local.changed(topic);
    publish(id, 'c', topic, "", () -> { });
  }

  @Override
  public void onChange(String topic, Runnable forget) { local.onChange(topic, forget); }

  /**
   * Whether broadcasts currently travel through Redis (the campfire_redis_connected gauge): the
   * subscription is confirmed and the publishing connection is up (they reconnect separately).
   */
  public boolean connected() { return subscribed.get() && redis.commands().isOpen(); }

  private void publish(char kind, String target, String payload, Runnable deliverHere) {
    publish(nextId(), kind, target, payload, deliverHere);
  }

  private String nextId() { return instance + "/" + sequence.incrementAndGet(); }

  /**
   * Publishes synchronously (bounded by the command timeout) so broadcasts of one request stay in
   * order; when that fails, delivers here instead, unless the subscription already did.
   */
  private void publish(String id, char kind, String target, String payload, Runnable deliverHere) {
    if (subscribed.get() && System.nanoTime() - retryPublishAt >= 0) {
      try {
        redis.commands().async().publish(channel, id + "\n" + kind + "\n" + target + "\n" + payload)
            .get(Redis.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        healthy();
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        publishFailed(e);
      } catch (ExecutionException | TimeoutException | RuntimeException e) {
        publishFailed(e);
      }
    }
    deliveredLocallyOnly.run();
    if (claim(id)) deliverHere.run();
  }

  private void received(String message) {
    int first = message.indexOf('\n');
    int second = first < 0 ? -1 : message.indexOf('\n', first + 1);
    int third = second < 0 ? -1 : message.indexOf('\n', second + 1);
    if (third < 0 || second != first + 2) {
      LOG.debug("Ignored a malformed message on {}", channel);
      return;
    }
    String id = message.substring(0, first);
    if (id.startsWith(instance + "/") && !claim(id)) return;
    String target = message.substring(second + 1, third);
    String payload = message.substring(third + 1);
    switch (message.charAt(first + 1)) {
      case 'h' -> local.broadcastHtml(target, payload);
      case 'j' -> local.broadcastJson(target, payload);
      case 'd' -> {
        long[] ids = twoIds(target);
        if (ids != null) worker.execute(() -> local.disconnectFromRoom(ids[0], ids[1]));
      }
      case 's' -> {
        long[] ids = twoIds(target);
        if (ids != null) worker.execute(() -> local.disconnectSessions(ids[0], ids[1]));
      }
      case 'c' -> local.changed(target);
      default -> LOG.debug("Ignored a message of unknown kind on {}", channel);
    }
  }

  /** "user:other" as two ids, or null when it is not that. */
  private static long[] twoIds(String target) {
    String[] ids = target.split(":");
    if (ids.length != 2 || !ids[0].matches("\\d{1,18}") || !ids[1].matches("\\d{1,18}")) return null;
    return new long[] {Long.parseLong(ids[0]), Long.parseLong(ids[1])};
  }

  /** True for the first of the two ways an own broadcast can be delivered here. */
  private boolean claim(String id) {
    return delivered.putIfAbsent(id, System.currentTimeMillis()) == null;
  }

  private void forgetOldClaims() {
    long before = System.currentTimeMillis() - CLAIM_MILLIS;
    delivered.values().removeIf(at -> at < before);
  }

  private void publishFailed(Throwable cause) {
    retryPublishAt = System.nanoTime() + RETRY_PUBLISH_NANOS;
    failed(cause);
  }

  /** Logs once per outage; the counter tells how many broadcasts it cost. */
  private void failed(Throwable cause) {
    if (degraded.compareAndSet(false, true)) {
      LOG.error("Redis at {} is unreachable: live updates reach this instance's own clients only until it returns",
          redis.address(), cause);
    }
  }

  private void healthy() {
    if (degraded.compareAndSet(true, false)) {
      LOG.warn("Redis at {} is back: live updates reach every instance again", redis.address());
    }
  }

  @Override
  public void close() {
    closed.set(true);
    worker.shutdownNow();
  }
}
