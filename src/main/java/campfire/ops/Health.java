package campfire.ops;

import campfire.db.Database;
import campfire.db.Migrations;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/** Whether this instance can serve: its database, its migrations, Redis, and whether it is stopping. */
public final class Health {
  private final Database database;
  private final Migrations migrations;
  private final BooleanSupplier redis;
  private final AtomicBoolean stopping = new AtomicBoolean(false);

  /** What /ready reports: ready or not, and each part's state. */
  public record Readiness(boolean ready, Parts parts) {}

  /** Each part's state, in the order shown; a part that does not apply is left out. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Parts(String database, @JsonProperty("database_kind") String databaseKind, String migrations, String redis, String status,
      String reason) {}

  /** What /up says while the process answers. */
  public record Status(String status) {}

  public Health(Database database, Migrations migrations) { this(database, migrations, null); }

  /** @param redis a PING to Redis (when REDIS_URL is set), or null when there is none */
  public Health(Database database, Migrations migrations, BooleanSupplier redis) {
    this.database = database;
    this.migrations = migrations;
    this.redis = redis;
  }

  public void stopping() { stopping.set(true); }

  public Readiness readiness() {
    String reason = null;
    String migrationState = null;
    boolean databaseOk = database.reachable();
    if (!databaseOk) reason = "database unreachable";
    if (databaseOk) {
      int pending = pendingMigrations();
      migrationState = pending == 0 ? "ok" : pending < 0 ? "unknown" : pending + " pending";
      if (pending != 0) reason = pending < 0 ? "migration state unknown" : "migrations pending";
    }
    // Without Redis this instance still serves everything, its live updates just stay local: taking
    // every instance out of the load balancer at once would turn a degradation into an outage.
    boolean redisDown = redis != null && !redis.getAsBoolean();
    if (stopping.get()) reason = "shutting down";
    String status = reason != null ? "not ready" : redisDown ? "degraded" : "ready";
    if (reason == null && redisDown) reason = "redis unreachable: live updates reach this instance's clients only";
    return new Readiness(status.equals("ready") || status.equals("degraded"), new Parts(databaseOk ? "ok" : "unreachable",
        database.dialect().isPostgres() ? "postgresql" : "sqlite", migrationState, redis == null ? null : redisDown ? "down" : "ok", status, reason));
  }

  private int pendingMigrations() {
    try {
      return migrations.pending();
    } catch (RuntimeException e) {
      return -1;
    }
  }
}
