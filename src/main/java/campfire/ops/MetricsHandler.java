package campfire.ops;

import campfire.web.HttpError;
import campfire.web.Signer;
import io.javalin.http.Context;

/** GET /metrics in Prometheus text format; behind a bearer token when METRICS_TOKEN is set. */
public final class MetricsHandler {
  private final Metrics metrics;
  private final String token;

  public MetricsHandler(Metrics metrics, String token) {
    this.metrics = metrics;
    this.token = token;
  }

  public void show(Context ctx) {
    if (token != null) {
      String header = ctx.header("Authorization");
      String given = header != null && header.startsWith("Bearer ") ? header.substring(7).strip() : null;
      if (!Signer.matches(token, given)) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"metrics\"");
        throw new HttpError.Unauthorized("A metrics token is required.");
      }
    }
    ctx.header("Cache-Control", "no-store").contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }
}
