package campfire.ops;

import campfire.db.Database;
import campfire.db.Migrations;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/** Whether this instance can serve: its database, its migrations, Redis, and whether it is stopping. */
public final class Health {
  private final Database database;
  private final Migrations migrations;
  private final BooleanSupplier redis;
  private final AtomicBoolean stopping = new AtomicBoolean(false);

  /** What /ready reports: ready or not, and each part's state, in the order shown. */
  public record Readiness(boolean ready, Map<String, Object> parts) {}

  public Health(Database database, Migrations migrations) { this(database, migrations, null); }

  /** @param redis a PING to Redis (when REDIS_URL is set), or null when there is none */
  public Health(Database database, Migrations migrations, BooleanSupplier redis) {
    this.database = database;
    this.migrations = migrations;
    this.redis = redis;
  }

  public void stopping() { stopping.set(true); }

  public Readiness readiness() {
    Map<String, Object> body = new LinkedHashMap<>();
    String reason = null;
    boolean databaseOk = database.reachable();
    body.put("database", databaseOk ? "ok" : "unreachable");
    body.put("database_kind", database.dialect().isPostgres() ? "postgresql" : "sqlite");
    if (!databaseOk) reason = "database unreachable";
    if (databaseOk) {
      int pending = pendingMigrations();
      body.put("migrations", pending == 0 ? "ok" : pending < 0 ? "unknown" : pending + " pending");
      if (pending != 0) reason = pending < 0 ? "migration state unknown" : "migrations pending";
    }
    // Without Redis this instance still serves everything, its live updates just stay local: taking
    // every instance out of the load balancer at once would turn a degradation into an outage.
    boolean redisDown = redis != null && !redis.getAsBoolean();
    if (redis != null) body.put("redis", redisDown ? "down" : "ok");
    if (stopping.get()) reason = "shutting down";
    body.put("status", reason != null ? "not ready" : redisDown ? "degraded" : "ready");
    if (reason == null && redisDown) body.put("reason", "redis unreachable: live updates reach this instance's clients only");
    if (reason != null) body.put("reason", reason);
    return new Readiness(reason == null, body);
  }

  private int pendingMigrations() {
    try {
      return migrations.pending();
    } catch (RuntimeException e) {
      return -1;
    }
  }
}
