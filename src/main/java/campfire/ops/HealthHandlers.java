package campfire.ops;

import io.javalin.http.Context;
import java.util.Map;

/** /up for people, /health for the process, /ready for load balancers. */
public final class HealthHandlers {
  private final Health health;

  public HealthHandlers(Health health) { this.health = health; }

  public void up(Context ctx) {
    ctx.contentType("text/html; charset=utf-8")
        .result("<!DOCTYPE html><html><head><title>Campfire is up</title></head>"
            + "<body style=\"background-color: green\"></body></html>");
  }

  public void health(Context ctx) {
    ctx.header("Cache-Control", "no-store").json(new Health.Status("ok"));
  }

  public void ready(Context ctx) {
    Health.Readiness readiness = health.readiness();
    ctx.header("Cache-Control", "no-store").status(readiness.ready() ? 200 : 503).json(readiness.parts());
  }
}
