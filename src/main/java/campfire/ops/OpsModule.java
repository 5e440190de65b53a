package campfire.ops;

import campfire.web.Access;
import campfire.web.Feature;
import campfire.web.Routes;

/** What operators and their tools ask: is it up, is it ready, its metrics. */
public final class OpsModule implements Feature {
  private final HealthHandlers health;
  private final MetricsHandlers metrics;

  /** @param metricsToken the bearer token /metrics asks for (null: direct loopback requests only) */
  public OpsModule(Health health, Metrics metrics, String metricsToken) {
    this.health = new HealthHandlers(health);
    this.metrics = new MetricsHandlers(metrics, metricsToken);
  }

  @Override
  public void routes(Routes routes) {
    routes.get("/up", health::up, Access.PUBLIC)
        .get("/metrics", metrics::show, Access.PUBLIC)
        .get("/health", health::health, Access.PUBLIC)
        .get("/ready", health::ready, Access.PUBLIC);
  }
}
