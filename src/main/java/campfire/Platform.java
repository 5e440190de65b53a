package campfire;

import campfire.db.Database;
import campfire.db.Migrations;
import campfire.db.Redis;
import campfire.files.Images;
import campfire.files.Storage;
import campfire.net.Outbound;
import campfire.ops.BackupScheduler;
import campfire.ops.Backups;
import campfire.ops.Health;
import campfire.ops.Metrics;
import campfire.ops.ServerLock;
import campfire.ops.Tls;
import campfire.realtime.Broadcaster;
import campfire.realtime.InProcessBroadcaster;
import campfire.realtime.RedisBroadcaster;
import campfire.realtime.StreamNames;
import campfire.web.Assets;
import campfire.web.ClientIp;
import campfire.web.Csrf;
import campfire.web.Pages;
import campfire.web.RateLimits;
import campfire.web.Signer;
import campfire.web.Web;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * What every feature stands on, opened in order from the settings: Redis (first, so an
 * unreachable Redis stops the boot before the database and its lock are taken), the database and
 * its migrations, metrics, the web toolkit, broadcasts (through Redis when configured), the one
 * outbound client, and the clock. Closed in the reverse order.
 */
final class Platform implements AutoCloseable {
  final Config config;
  final Clock clock = Clock.systemUTC();
  final Redis redis;
  final ServerLock serverLock;
  final Database database;
  final Health health;
  final Tls tls;
  final BackupScheduler backups;
  final Metrics metrics;
  final Web web;
  final InProcessBroadcaster localBroadcaster;
  final RedisBroadcaster redisBroadcaster;
  final Broadcaster broadcaster;
  final StreamNames streamNames;
  final Outbound outbound;
  /** Avatars and the logo on disk, and every picture's bounded decoding. */
  final Storage storage;
  final Images images = Images.standard();
  private final ProxyManager<String> sharedBuckets;

  Platform(Config config) {
    this.config = config;
    this.redis = config.redis().enabled() ? new Redis(config.redis().url(), config.redis().prefix(), config.redis().address()) : null;
    // One server per SQLite file (taken before opening it); on PostgreSQL every instance holds a
    // share, which commands that change the schema need whole (taken once the database answers).
    ServerLock sqliteLock = config.databasePath() == null ? null : ServerLock.forServer(config.database());
    this.database = new Database(config.database(), clock);
    this.serverLock = sqliteLock != null ? sqliteLock : ServerLock.forServer(config.database());
    Migrations migrations = new Migrations(database);
    migrations.up();
    this.health = new Health(database, migrations, redis == null ? null : redis::reachable);
    this.tls = config.limits().tls() ? new Tls(config.limits().tlsCert(), config.limits().tlsKey(), 5) : null;
    this.backups = config.backup().schedule() == null ? null
        : new BackupScheduler(new Backups(config.databasePath(), config.storagePath(), clock), config.backup(), clock);
    this.metrics = new Metrics();
    metrics.system(config.dataDir());
    database.timeQueries(metrics::query);
    database.instrumentPools(metrics.registry());
    Signer signer = new Signer(config.sessionSecret());
    this.web = new Web(config.dev() ? Pages.live(Path.of("src/main/jte")) : Pages.precompiled(),
        config.dev() ? Assets.fromSource(Path.of("src/main/resources/public")) : Assets.fromClasspath(),
        signer, new Csrf(signer), new ClientIp(config.limits().trustedProxies()));
    this.localBroadcaster = new InProcessBroadcaster();
    this.redisBroadcaster = redis == null ? null : new RedisBroadcaster(redis, localBroadcaster, metrics::redisPublishFailed);
    this.broadcaster = redisBroadcaster == null ? localBroadcaster : redisBroadcaster;
    this.streamNames = new StreamNames(signer);
    this.outbound = new Outbound(config.outboundAllowed());
    this.storage = new Storage(config.storagePath());
    this.sharedBuckets = redis == null ? null : Bucket4jLettuce.casBasedBuilder(redis.buckets())
        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
        .requestTimeout(Redis.COMMAND_TIMEOUT)
        .build();
    metrics.gauge("campfire.websocket.connections.active", "Open cable connections", localBroadcaster, InProcessBroadcaster::connectionCount);
    if (redisBroadcaster != null) {
      metrics.gauge("campfire.redis.connected", "1 while broadcasts travel through Redis to every instance, 0 while they stay local",
          redisBroadcaster, b -> b.connected() ? 1 : 0);
    }
  }

  /** A limit shared by every instance when Redis is configured (keys apart per limit), else this process's own. */
  RateLimits rateLimits(String name, int requests, Duration window) {
    if (sharedBuckets == null) return new RateLimits(requests, window);
    return new RateLimits(requests, window, sharedBuckets, redis.key("rate:" + name), metrics::rateLimitFellBack);
  }

  @Override
  public void close() {
    images.close();
    outbound.close();
    if (backups != null) backups.close();
    if (redisBroadcaster != null) redisBroadcaster.close();
    if (redis != null) redis.close();
    database.close();
    metrics.close();
    if (tls != null) tls.close();
    if (serverLock != null) serverLock.close();
  }
}
