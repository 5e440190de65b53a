package campfire.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Limits every request before it is routed, so a flood of unknown paths or redirects is limited
 * too. Anonymous requests count per address; a signed-in person's own use is never refused unless
 * the operator caps people too (RATE_LIMIT_REQUESTS set): a team behind one address, or one
 * person with many tabs, must not lock itself out. Files and health checks do not count.
 */
public final class RequestLimits {
  private static final Set<String> UNCOUNTED = Set.of("/up", "/health", "/ready", "/metrics", "/service-worker.js", "/favicon.ico");
  private static final List<String> FILES = List.of(Assets.PREFIX, "/css/", "/js/", "/vendor/", "/images/", "/sounds/");
  private final RateLimits anonymous;
  private final RateLimits people;
  private final ClientIp clientIp;
  private final Function<Context, Optional<Long>> signedInPerson;

  /**
   * @param people the cap on each signed-in person (and their address), or null for none
   * @param signedInPerson who the request's session belongs to, if anyone
   */
  public RequestLimits(RateLimits anonymous, RateLimits people, ClientIp clientIp, Function<Context, Optional<Long>> signedInPerson) {
    this.anonymous = anonymous;
    this.people = people;
    this.clientIp = clientIp;
    this.signedInPerson = signedInPerson;
  }

  public void check(Context ctx) {
    String path = ctx.path();
    if (UNCOUNTED.contains(path) || FILES.stream().anyMatch(path::startsWith)) return;
    Optional<Long> person = signedInPerson.apply(ctx);
    if (person.isEmpty()) {
      anonymous.check("ip:" + clientIp.of(ctx));
    } else if (people != null) {
      people.check("ip:" + clientIp.of(ctx));
      people.check("user:" + person.get());
    }
  }
}
