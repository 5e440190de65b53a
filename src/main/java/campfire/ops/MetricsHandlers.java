package campfire.ops;

import campfire.domain.DomainError;
import campfire.web.HttpError;
import campfire.web.Signer;
import io.javalin.http.Context;

/**
 * GET /metrics in Prometheus text format. With METRICS_TOKEN set, a scraper sends it as a bearer
 * token from anywhere; without it, only a scraper on this machine talking to us directly (a
 * loopback peer, no proxy's forwarding headers) is answered, so a public proxy never exposes it.
 */
public final class MetricsHandlers {
  private final Metrics metrics;
  private final String token;

  public MetricsHandlers(Metrics metrics, String token) {
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
    } else if (!directFromThisMachine(ctx)) {
      throw new DomainError.Forbidden();
    }
    ctx.header("Cache-Control", "no-store").contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }

  private static boolean directFromThisMachine(Context ctx) {
    if (ctx.header("X-Forwarded-For") != null || ctx.header("Forwarded") != null || ctx.header("X-Real-IP") != null) return false;
    return campfire.net.Addresses.literal(ctx.req().getRemoteAddr()).map(address -> address.isLoopback()).orElse(false);
  }
}
