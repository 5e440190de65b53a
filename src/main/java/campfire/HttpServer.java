package campfire;

import campfire.domain.DomainError;
import campfire.accounts.AccountsModule;
import campfire.accounts.Authentication;
import campfire.accounts.User;
import campfire.admin.Bans;
import campfire.ops.RequestLog;
import campfire.realtime.Cable;
import campfire.web.Access;
import campfire.web.AssetHandler;
import campfire.web.Assets;
import campfire.web.ErrorPages;
import campfire.web.HttpError;
import campfire.web.PageCache;
import campfire.web.Feature;
import campfire.web.RateLimits;
import campfire.web.RequestLimits;
import campfire.web.Requests;
import campfire.web.Routes;
import campfire.web.SecurityHeaders;
import campfire.web.Web;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.Gzip;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The HTTP server: the connector, what every request passes before routing (request log, proxy
 * headers, security headers, rate limits) and before its handler (bans, CSRF, the route's access
 * role), the mapping of errors to pages, the cable's socket endpoint, and every feature's routes.
 */
final class HttpServer {
  /** Connections waiting to be accepted; the kernel caps it at net.core.somaxconn (4096 on Debian 12). */
  private static final int ACCEPT_QUEUE = 4096;
  private static final int GZIP_LEVEL = 1;
  /** Room pages, sidebars and searches kept until the next write (web.PageCache): at most 32 MB. */
  private static final long KEPT_PAGE_BYTES = 32L << 20;
  /** Any body but a file upload: a form, a bot's text, a JSON document. */
  private static final long MAX_FORM_BYTES = 1_000_000;
  private static final Set<HandlerType> STATE_CHANGING = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

  private final Platform platform;
  private final Cable cable;
  private final Javalin javalin;
  private List<Routes.Declared> declared = List.of();

  HttpServer(Platform platform, AccountsModule accounts, Bans bans, Cable cable, List<Feature> features) {
    this.platform = platform;
    this.cable = cable;
    Config config = platform.config;
    Web web = platform.web;
    Authentication authentication = accounts.authentication();
    RateLimits requestLimits = platform.rateLimits("requests", config.limits().rateLimitRequests(),
        Duration.ofSeconds(config.limits().rateLimitWindowSeconds()));
    RequestLimits beforeRouting = new RequestLimits(requestLimits, config.limits().capPeople() ? requestLimits : null, web.clientIp(),
        ctx -> authentication.resolve(ctx).map(current -> current.user().id()));
    RequestLog requestLog = new RequestLog(platform.metrics, ctx -> Authentication.signedIn(ctx).map(User::id).orElse(null));
    SecurityHeaders securityHeaders = new SecurityHeaders(web.assets());
    ErrorPages errors = new ErrorPages(web.pages(), accounts.pageFactory()::page);
    cable.limitConnections(config.limits().maxConnections(), platform.metrics::connectionRefused);

    this.javalin = Javalin.create(cfg -> {
      configureServer(cfg);
      cfg.routes.before(ctx -> {
        requestLog.begin(ctx);
        web.clientIp().recordForwarding(ctx);
        securityHeaders.apply(ctx);
        beforeRouting.check(ctx);
        Requests.refuseOversizedBody(ctx, MAX_FORM_BYTES);
      });
      cfg.routes.after(Requests::drainUnreadBody);
      cfg.requestLogger.http((ctx, ms) -> requestLog.end(ctx));
      cfg.jetty.modifyServletContextHandler(context -> {
        cable.install(context);
        context.insertHandler(new AssetHandler(web.assets(), securityHeaders,
            platform.metrics::request));
      });
      cfg.routes.beforeMatched(ctx -> {
        boolean write = STATE_CHANGING.contains(ctx.method());
        if (write) bans.refuseBanned(web.clientIp().of(ctx));
        if (write && !ctx.routeRoles().contains(Access.PUBLIC_API)) web.csrf().verify(ctx);
        authentication.guard(ctx);
        if (write) Requests.refuseUnreadableBody(ctx, MAX_FORM_BYTES);
        // Keyed by the key's digest: the buckets may live in a shared Redis, and bot keys are secrets.
        if (ctx.routeRoles().contains(Access.PUBLIC_API)) {
          requestLimits.check("bot:" + Assets.digest(ctx.pathParamMap().getOrDefault("bot_key", "").getBytes(StandardCharsets.UTF_8)));
        }
      });
      cfg.routes.exception(Authentication.Redirected.class, (e, ctx) -> { });
      cfg.routes.exception(HttpError.class, errors::httpError);
      cfg.routes.exception(DomainError.class, errors::domainError);
      cfg.routes.exception(Exception.class, errors::unexpected);
      // Any 404 not answered by ErrorPages (an unknown path, which Javalin answers in plain text) gets the same page.
      cfg.routes.error(404, ctx -> {
        if (!ErrorPages.answered(ctx)) errors.respond(ctx, 404, new DomainError.NotFound().getMessage());
      });

      Routes routes = new Routes(cfg.routes, new PageCache(platform.database, config.dev(), KEPT_PAGE_BYTES));
      routes.get("/assets/<path>", web.assets()::serve, Access.ASSET);
      features.forEach(feature -> feature.routes(routes));
      routes.install();
      this.declared = routes.declared();
    });
  }

  private void configureServer(JavalinConfig cfg) {
    Config config = platform.config;
    cfg.startup.showJavalinBanner = false;
    cfg.jsonMapper(new io.javalin.json.JavalinJackson(campfire.web.Json.MAPPER, false));
    cfg.jetty.addConnector((server, http) -> {
      ServerConnector connector = platform.tls != null ? platform.tls.connector(server, http, config.host(), config.port())
          : new ServerConnector(server, new HttpConnectionFactory(http));
      connector.setHost(config.host());
      connector.setPort(config.port());
      // A burst of reconnecting clients (a deploy, a network blip) must queue, not be refused at the door.
      connector.setAcceptQueueSize(ACCEPT_QUEUE);
      return connector;
    });
    cfg.jetty.host = config.host();
    cfg.jetty.port = config.port();
    cfg.http.maxRequestSize = MAX_FORM_BYTES;
    // Level 1, as nginx's default: deflate at level 6 was a quarter of a room page's CPU, for a
    // body about 10% smaller (measured in docs/benchmarks.md).
    cfg.http.compressionStrategy = new CompressionStrategy(null, new Gzip(GZIP_LEVEL));
    cfg.jetty.multipartConfig.maxFileSize(config.maxAttachmentBytes(), SizeUnit.BYTES);
    cfg.jetty.multipartConfig.maxTotalRequestSize(config.maxAttachmentBytes() + 1_048_576L, SizeUnit.BYTES);
    cfg.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
    cfg.router.ignoreTrailingSlashes = true;
    cfg.jetty.modifyServer(server -> server.setStopTimeout(10_000));
  }

  void start() {
    try {
      campfire.ops.Logging.withoutJavalinStartReport(javalin::start);
    } catch (io.javalin.util.JavalinBindException e) {
      throw new Config.Invalid("BIND_ADDRESS: " + platform.config.host() + ":" + platform.config.port()
          + " cannot be used (" + e.getMessage().replaceAll("\\.? *Make sure.*", "") + "): stop what holds it, or choose another address or port");
    }
  }

  int port() { return javalin.port(); }

  List<Routes.Declared> routes() { return declared; }

  /** Closes the sockets (so stopping need not wait on them), then lets running requests finish. */
  void stop() {
    cable.close();
    javalin.stop();
  }
}
