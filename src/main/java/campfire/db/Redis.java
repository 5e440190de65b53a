package campfire.db;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The one Redis client of this process and its three connections: commands (publish, PING), one
 * for rate-limit buckets (binary values), and the pub/sub subscription. Plumbing only.
 */
public final class Redis implements AutoCloseable {
  /** Every command answers or fails within this, so a hung Redis cannot hold a request for long. */
  public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);

  private final String prefix;
  private final String address;
  private final ClientResources resources;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> commands;
  private final StatefulRedisConnection<String, byte[]> buckets;
  private final StatefulRedisPubSubConnection<String, String> pubSub;

  /**
   * Connects at once, so a wrong REDIS_URL or a Redis that is not running stops the boot with a
   * message instead of starting an instance that can never reach the others.
   */
  public Redis(String url, String prefix, String address) {
    this.prefix = prefix;
    this.address = address;
    // Retry quickly (0.1 s doubling to 2 s) so an instance rejoins soon after Redis comes back.
    this.resources = ClientResources.builder()
        .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
        .build();
    RedisURI uri = RedisURI.create(url);
    uri.setTimeout(COMMAND_TIMEOUT);
    this.client = RedisClient.create(resources, uri);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        // Commands sent while disconnected fail at once instead of waiting in a buffer: a broadcast
        // that is delivered locally in the meantime must never be replayed to Redis later.
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
        .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
        .build());
    StatefulRedisConnection<String, String> commands = null;
    StatefulRedisConnection<String, byte[]> buckets = null;
    try {
      commands = client.connect();
      buckets = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
      this.pubSub = client.connectPubSub();
    } catch (RuntimeException e) {
      if (buckets != null) buckets.close();
      if (commands != null) commands.close();
      shutdown();
      throw new Unreachable("REDIS_URL: Redis at " + address + " is not reachable (" + e.getMessage()
          + "). Start it, or unset REDIS_URL to run a single instance.", e);
    }
    this.commands = commands;
    this.buckets = buckets;
  }

  /** Starts every channel and key, so deployments sharing one Redis stay apart. */
  public String key(String name) { return prefix + ":" + name; }

  /** host:port, for logs. */
  public String address() { return address; }

  public StatefulRedisConnection<String, String> commands() { return commands; }

  public StatefulRedisConnection<String, byte[]> buckets() { return buckets; }

  public StatefulRedisPubSubConnection<String, String> pubSub() { return pubSub; }

  /** Called for every connection of this client; the handler tells which one. */
  public void onConnectionChange(RedisConnectionStateListener listener) { client.addListener(listener); }

  /** PING within the command timeout: whether Redis answers right now. */
  public boolean reachable() {
    try {
      return "PONG".equals(commands.async().ping().get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public void close() {
    pubSub.close();
    buckets.close();
    commands.close();
    shutdown();
  }

  private void shutdown() {
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }

  /** Redis could not be reached at boot. */
  public static final class Unreachable extends RuntimeException {
    Unreachable(String message, Throwable cause) { super(message, cause); }
  }
}
