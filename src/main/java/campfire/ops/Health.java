package campfire.ops;

import campfire.db.Database;
import campfire.db.Migrations;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.concurrent.atomic.AtomicBoolean;

/** /up for people, /health for the process, /ready for load balancers. */
public final class Health {
  private final Database database;
  private final Migrations migrations;
  private final BooleanSupplier redis;
  private final AtomicBoolean stopping = new AtomicBoolean(false);

  public Health(Database database, Migrations migrations) { this(database, migrations, null); }

  /** @param redis a PING to Redis (when REDIS_URL is set), or null when there is none */
  public Health(Database database, Migrations migrations, BooleanSupplier redis) {
    this.database = database;
    this.migrations = migrations;
    this.redis = redis;
  }

  public void stopping() { stopping.set(true); }

  public void up(Context ctx) {
    ctx.contentType("text/html; charset=utf-8")
        .result("<!DOCTYPE html><html><head><title>Campfire is up</title></head>"
            + "<body style=\"background-color: green\"></body></html>");
  }

  public void health(Context ctx) {
    ctx.header("Cache-Control", "no-store").json(Map.of("status", "ok"));
  }

  public void ready(Context ctx) {
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
    ctx.header("Cache-Control", "no-store").status(reason == null ? 200 : 503).json(body);
  }

  private int pendingMigrations() {
    try {
      return migrations.pending();
    } catch (RuntimeException e) {
      return -1;
    }
  }
}
