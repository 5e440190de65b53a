package campfire.ops;

import static net.logstash.logback.argument.StructuredArguments.kv;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One line per request on "campfire.requests": request id, method, route template (never the raw
 * path, which can hold join codes or transfer tokens), status, duration and user id; and the same
 * numbers into the metrics.
 */
public final class RequestLog {
  private static final Logger LOG = LoggerFactory.getLogger("campfire.requests");
  private static final String STARTED = "request.started";
  private static final Pattern GIVEN_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");
  public static final String REQUEST_ID = "request.id";
  private final Metrics metrics;
  private final Function<Context, Long> userId;

  public RequestLog(Metrics metrics, Function<Context, Long> userId) {
    this.metrics = metrics;
    this.userId = userId;
  }

  /** Runs first: names the request and starts its clock. */
  public void begin(Context ctx) {
    String given = ctx.header("X-Request-Id");
    // A name for log lines, not a secret: a fast random number, not the secure one.
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String id = given != null && GIVEN_ID.matcher(given).matches() ? given : new UUID(random.nextLong(), random.nextLong()).toString();
    ctx.attribute(REQUEST_ID, id);
    ctx.attribute(STARTED, System.nanoTime());
    ctx.header("X-Request-Id", id);
    MDC.put("request_id", id);
  }

  /** A post to a room answers 200 (Turbo Stream), 201 (bot) or 303 (plain form) only when it made a message. */
  private static boolean created(int status) {
    return status == 200 || status == 201 || status == 303;
  }

  /** Runs last, after the response is written. */
  public void end(Context ctx) {
    Long started = ctx.attribute(STARTED);
    long nanos = started == null ? 0 : System.nanoTime() - started;
    String route = route(ctx);
    int status = ctx.statusCode();
    metrics.request(ctx.method().name(), route, status, nanos);
    if ("POST".equals(ctx.method().name()) && "/rooms/{id}/messages".equals(route) && created(status)) metrics.messageSent();
    if ("/searches".equals(route) && "GET".equals(ctx.method().name()) && ctx.queryParam("q") != null) metrics.searched();
    if (LOG.isInfoEnabled() && (!"static".equals(route) || status >= 400)) {
      // The request id comes from the MDC (set in begin), once per line in either format.
      LOG.info("{} {} {} {}ms {}", kv("method", ctx.method().name()), kv("route", route), kv("status", status),
          kv("duration_ms", nanos / 1_000_000.0), kv("user_id", userId.apply(ctx)));
    }
    MDC.remove("request_id");
  }

  static String route(Context ctx) {
    try {
      var endpoint = ctx.endpoints().matchedHttpEndpoint();
      if (endpoint != null) return endpoint.path;
    } catch (RuntimeException e) {
      // no endpoint matched
    }
    return ctx.statusCode() == 404 ? "unmatched" : "static";
  }
}
