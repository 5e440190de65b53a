package campfire;

import campfire.accounts.AccessHandlers;
import campfire.attachments.AttachmentHandlers;
import campfire.attachments.Attachments;
import campfire.attachments.Images;
import campfire.attachments.Posters;
import campfire.boosts.BoostBroadcasts;
import campfire.boosts.BoostHandlers;
import campfire.boosts.Boosts;
import campfire.messages.Mentions;
import campfire.net.Outbound;
import campfire.unfurl.PublicFetcher;
import campfire.unfurl.UnfurlHandlers;
import io.javalin.config.SizeUnit;
import campfire.accounts.AutocompleteHandlers;
import campfire.bots.BotAdminHandlers;
import campfire.bots.BotApiHandlers;
import campfire.bots.Bots;
import campfire.bots.WebhookDeliveries;
import campfire.bots.Webhooks;
import campfire.messages.MessageFragments;
import campfire.messages.MessageHandlers;
import campfire.messages.Posting;
import campfire.push.AppManifest;
import campfire.push.Notifier;
import campfire.push.PushDelivery;
import campfire.push.PushHandlers;
import campfire.push.PushKeys;
import campfire.push.PushSubscriptions;
import com.interaso.webpush.VapidKeys;
import campfire.messages.Messages;
import campfire.realtime.Broadcaster;
import campfire.rooms.InvolvementHandlers;
import campfire.rooms.LiveSidebars;
import campfire.rooms.RoomSettingsHandlers;
import campfire.rooms.SidebarBroadcasts;
import campfire.admin.AccountHandlers;
import campfire.admin.AccountSettings;
import campfire.admin.Bans;
import campfire.admin.Deactivations;
import campfire.admin.MessageRemoval;
import campfire.admin.PeopleHandlers;
import campfire.people.AvatarHandlers;
import campfire.people.Avatars;
import campfire.people.ProfileHandlers;
import campfire.people.Profiles;
import campfire.people.QrCodes;
import campfire.people.Screens;
import campfire.people.SessionTransfers;
import campfire.people.Storage;
import campfire.people.TransferHandlers;
import campfire.search.MessageSearch;
import campfire.search.SearchHandlers;
import campfire.search.Searches;
import java.util.function.UnaryOperator;
import campfire.accounts.Accounts;
import campfire.accounts.Authentication;
import campfire.accounts.FirstRun;
import campfire.accounts.Joining;
import campfire.accounts.PageFactory;
import campfire.accounts.Passwords;
import campfire.accounts.Sessions;
import campfire.accounts.Users;
import campfire.db.Database;
import campfire.db.Migrations;
import campfire.accounts.User;
import campfire.ops.Health;
import campfire.ops.Metrics;
import campfire.ops.MetricsHandler;
import campfire.ops.RequestLog;
import campfire.ops.Tls;
import campfire.web.ClientIp;
import campfire.web.RateLimits;
import campfire.web.RequestLimits;
import campfire.web.SecurityHeaders;
import campfire.ops.BackupScheduler;
import campfire.ops.Backups;
import campfire.ops.ServerLock;
import campfire.realtime.Broadcaster;
import campfire.realtime.Cable;
import campfire.realtime.CableUser;
import campfire.realtime.InProcessBroadcaster;
import campfire.realtime.RedisBroadcaster;
import campfire.db.Redis;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import campfire.realtime.StreamNames;
import campfire.rooms.RoomHandlers;
import campfire.rooms.RoomPresence;
import campfire.rooms.Rooms;
import campfire.web.Access;
import campfire.web.Assets;
import campfire.web.Csrf;
import campfire.web.ErrorPages;
import campfire.web.HttpError;
import campfire.web.Pages;
import campfire.web.Routes;
import campfire.web.Signer;
import io.javalin.Javalin;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.Gzip;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The composition root: builds every part by hand and wires the routes. */
public final class App implements AutoCloseable {
  /** About 64 MB of rendered message HTML: the newest pages of every busy room stay rendered. */
  private static final long MESSAGE_FRAGMENT_CACHE_CHARS = 32_000_000;
  /** Connections waiting to be accepted; the kernel caps it at net.core.somaxconn (4096 on Debian 12). */
  private static final int ACCEPT_QUEUE = 4096;
  private static final int GZIP_LEVEL = 1;
  private static final Set<HandlerType> STATE_CHANGING = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

  private final Config config;
  private final ServerLock serverLock;
  private final BackupScheduler backups;
  private final Database database;
  private final Health health;
  private final Javalin javalin;
  private final Signer signer;
  private final Authentication authentication;
  private final Accounts accounts;
  private final InProcessBroadcaster localBroadcaster;
  private final Broadcaster broadcaster;
  private final Redis redis;
  private final RedisBroadcaster redisBroadcaster;
  private final StreamNames streamNames;
  private final RoomPresence presence;
  private final Cable cable;
  private final Images images;
  private final Metrics metrics;
  private final Tls tls;
  private final WebhookDeliveries webhookDeliveries;
  private final PushDelivery pushDelivery;
  private final Outbound outbound;
  private List<campfire.web.Routes.Declared> declaredRoutes = List.of();
  private final MessageRemoval messageRemoval;

  public App(Config config) {
    this.config = config;
    // First, so an unreachable Redis stops the boot before the database and its lock are taken.
    this.redis = config.redis().enabled() ? new Redis(config.redis().url(), config.redis().prefix(), config.redis().address()) : null;
    // Many instances share one PostgreSQL; the lock only keeps two servers off one SQLite file.
    this.serverLock = config.databasePath() == null ? null : ServerLock.acquire(config.databasePath());
    this.database = new Database(config.database());
    Migrations migrations = new Migrations(database);
    migrations.up();
    this.health = new Health(database, migrations, redis == null ? null : redis::reachable);
    this.tls = config.limits().tls() ? new Tls(config.limits().tlsCert(), config.limits().tlsKey(), 5) : null;
    this.backups = config.backup().schedule() == null ? null : new BackupScheduler(
        new Backups(config.databasePath(), config.storagePath(), Clock.systemUTC()), config.backup(), Clock.systemUTC());

    Signer signer = new Signer(config.sessionSecret());
    this.signer = signer;
    Csrf csrf = new Csrf(signer);
    Pages pages = config.dev() ? Pages.live(Path.of("src/main/jte")) : Pages.precompiled();
    Assets assets = config.dev() ? Assets.fromSource(Path.of("src/main/resources/public")) : Assets.fromClasspath();

    Accounts accounts = new Accounts(database);
    this.accounts = accounts;
    Users users = new Users(database);
    Sessions sessions = new Sessions(database);
    Passwords passwords = new Passwords(config.bcryptCost());
    ClientIp clientIp = new ClientIp(config.limits().trustedProxies());
    this.metrics = new Metrics();
    database.timeQueries(metrics::query);
    database.instrumentPools(metrics.registry());
    ProxyManager<String> sharedBuckets = redis == null ? null : Bucket4jLettuce.casBasedBuilder(redis.buckets())
        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
        .requestTimeout(Redis.COMMAND_TIMEOUT)
        .build();
    Authentication authentication = new Authentication(sessions, accounts, signer, config.disableSsl(), clientIp);
    this.authentication = authentication;
    VapidKeys vapid = PushKeys.load(config.push().vapidKeys(), config.dataDir());
    PageFactory pageFactory = new PageFactory(csrf, assets, accounts, PushKeys.applicationServerKey(vapid));
    ErrorPages errors = new ErrorPages(pages, pageFactory::page);
    Rooms rooms = new Rooms(database);
    this.localBroadcaster = new InProcessBroadcaster();
    this.redisBroadcaster = redis == null ? null : new RedisBroadcaster(redis, localBroadcaster, metrics::redisPublishFailed);
    this.broadcaster = redisBroadcaster == null ? localBroadcaster : redisBroadcaster;
    this.streamNames = new StreamNames(signer);
    this.presence = new RoomPresence(database, broadcaster);
    this.cable = new Cable(cookie -> authentication.fromCookie(cookie)
        .map(current -> new CableUser(current.user().id(), current.user().name(), current.user().isBot(), current.sessionId())),
        streamNames, presence, localBroadcaster, broadcaster);

    RateLimits signInLimit = rateLimits("login", 10, Duration.ofMinutes(3), sharedBuckets);
    AccessHandlers access = new AccessHandlers(pages, pageFactory, accounts, users,
        new FirstRun(database, accounts, passwords), new Joining(database, passwords), sessions, passwords,
        authentication, signInLimit, clientIp);
    RateLimits requestLimits = rateLimits("requests", config.limits().rateLimitRequests(),
        Duration.ofSeconds(config.limits().rateLimitWindowSeconds()), sharedBuckets);
    RequestLimits beforeRouting = new RequestLimits(requestLimits, config.limits().capPeople() ? requestLimits : null, clientIp,
        ctx -> authentication.resolve(ctx).map(current -> current.user().id()));
    RequestLog requestLog = new RequestLog(metrics, ctx -> Authentication.signedIn(ctx).map(User::id).orElse(null));
    MetricsHandler metricsHandler = new MetricsHandler(metrics, config.limits().metricsToken());
    cable.limitConnections(config.limits().maxConnections(), metrics::connectionRefused);
    metrics.gauge("campfire.websocket.connections.active", "Open cable connections", localBroadcaster, InProcessBroadcaster::connectionCount);
    if (redisBroadcaster != null) {
      metrics.gauge("campfire.redis.connected", "1 while broadcasts travel through Redis to every instance, 0 while they stay local",
          redisBroadcaster, b -> b.connected() ? 1 : 0);
    }
    metrics.gauge("active_users_count", "People connected to a room in the last minute", () -> presence.connectedPeopleCount());
    metrics.gauge("rooms_active_count", "Rooms with a message in the last hour", () -> rooms.activeSince(System.currentTimeMillis() - 3_600_000));
    UnaryOperator<String> signStream = streamNames::sign;
    Messages messages = new Messages(database);
    SidebarBroadcasts sidebars = new SidebarBroadcasts(pages, rooms, broadcaster);
    MessageFragments fragments = new MessageFragments(pages, config.dev() ? 0 : MESSAGE_FRAGMENT_CACHE_CHARS);
    LiveSidebars liveSidebars = new LiveSidebars(rooms, signStream);
    RoomHandlers roomHandlers = new RoomHandlers(pages, pageFactory, rooms, messages, fragments, signStream, liveSidebars);
    RoomSettingsHandlers roomSettings = new RoomSettingsHandlers(pages, pageFactory, rooms, users, accounts, sidebars, liveSidebars);
    InvolvementHandlers involvement = new InvolvementHandlers(pages, rooms, sidebars);
    this.images = Images.standard();
    Attachments attachments = new Attachments(database, config.storagePath(), images, Posters.detect(), config.maxAttachmentBytes());
    Posting posting = new Posting(messages, fragments, broadcaster, new Mentions(database, signer));
    MessageHandlers messageHandlers = new MessageHandlers(pages, rooms, messages, posting, csrf, attachments);
    AttachmentHandlers attachmentHandlers = new AttachmentHandlers(attachments);
    Boosts boostStore = new Boosts(database);
    BoostBroadcasts boostBroadcasts = new BoostBroadcasts(pages, messages, broadcaster);
    BoostHandlers boosts = new BoostHandlers(pages, messages, boostStore, boostBroadcasts);
    this.outbound = new Outbound(config.outboundAllowed());
    UnfurlHandlers unfurl = new UnfurlHandlers(new PublicFetcher(outbound), attachments);
    Bots bots = new Bots(database, outbound);
    this.webhookDeliveries = new WebhookDeliveries(database, posting, attachments, config.webhookSecret(), outbound);
    Webhooks webhooks = new Webhooks(database, webhookDeliveries::wake);
    posting.onPosted(webhooks::messagePosted);
    BotApiHandlers botApi = new BotApiHandlers(bots, rooms, messages, posting, attachments, boostStore, boostBroadcasts);
    PushSubscriptions pushSubscriptions = new PushSubscriptions(database, config.push().allowHttpEndpoints(), outbound);
    this.pushDelivery = new PushDelivery(vapid, config.push().subject(), pushSubscriptions::delete, outbound);
    Notifier notifier = new Notifier(database, pushSubscriptions, pushDelivery);
    posting.onPosted(notifier::messagePosted);
    access.onSignOut((ctx, session) -> {
      String endpoint = campfire.web.Requests.formParam(ctx, "push_subscription_endpoint");
      if (endpoint != null && !endpoint.isBlank()) pushSubscriptions.deleteByEndpoint(session.user().id(), endpoint);
    });
    access.onSignOut((ctx, session) -> broadcaster.disconnectSessions(session.user().id(), session.sessionId()));
    PushHandlers push = new PushHandlers(pushSubscriptions, notifier);
    AppManifest manifest = new AppManifest(accounts);
    BotAdminHandlers botAdmin = new BotAdminHandlers(pages, pageFactory, liveSidebars, bots, webhookDeliveries);
    AutocompleteHandlers autocomplete = new AutocompleteHandlers(database, signer);
    Screens screens = new Screens(pages, pageFactory, me -> liveSidebars.of(me.id(), 0));
    SearchHandlers search = new SearchHandlers(screens, new MessageSearch(database), new Searches(database));
    Storage storage = new Storage(config.storagePath());
    Avatars avatarStore = new Avatars(database, storage, signer);
    AvatarHandlers avatars = new AvatarHandlers(users, avatarStore);
    SessionTransfers transfers = new SessionTransfers(signer);
    ProfileHandlers profiles = new ProfileHandlers(screens, users, new Profiles(database, passwords, rooms, users), avatarStore, transfers,
        sessions, broadcaster);
    TransferHandlers transferHandlers = new TransferHandlers(pages, pageFactory, transfers, users, sessions, authentication, clientIp, signInLimit);
    QrCodes qrCodes = new QrCodes();
    AccountHandlers account = new AccountHandlers(screens, accounts, new AccountSettings(database, accounts, storage), users, avatarStore);
    Bans bans = new Bans(database);
    this.messageRemoval = new MessageRemoval(database, broadcaster);
    PeopleHandlers people = new PeopleHandlers(users, new Deactivations(database), bans, messageRemoval, broadcaster);

    this.javalin = Javalin.create(cfg -> {
      configureServer(cfg);
      cfg.routes.before(ctx -> {
        requestLog.begin(ctx);
        clientIp.recordForwarding(ctx);
        SecurityHeaders.apply(ctx);
        beforeRouting.check(ctx);
      });
      cfg.requestLogger.http((ctx, ms) -> requestLog.end(ctx));
      cfg.jetty.modifyServletContextHandler(cable::install);
      cfg.routes.beforeMatched(ctx -> {
        if (STATE_CHANGING.contains(ctx.method())) bans.refuseBanned(clientIp.of(ctx));
        if (STATE_CHANGING.contains(ctx.method()) && !ctx.routeRoles().contains(Access.PUBLIC_API)) csrf.verify(ctx);
        authentication.guard(ctx);
        // Keyed by the key's digest: the buckets may live in a shared Redis, and bot keys are secrets.
        if (ctx.routeRoles().contains(Access.PUBLIC_API)) {
          requestLimits.check("bot:" + Assets.digest(ctx.pathParamMap().getOrDefault("bot_key", "").getBytes(StandardCharsets.UTF_8)));
        }
      });
      cfg.routes.exception(Authentication.Redirected.class, (e, ctx) -> { });
      cfg.routes.exception(HttpError.class, errors::httpError);
      cfg.routes.exception(Exception.class, errors::unexpected);
      cfg.routes.error(404, ctx -> {
        if (ctx.result() == null || ctx.result().isEmpty() || "Not Found".equals(ctx.result())) {
          errors.respond(ctx, 404, new HttpError.NotFound().getMessage());
        }
      });

      Routes routes = new Routes(cfg.routes);
      routes.get("/up", health::up, Access.PUBLIC)
          .get("/assets/<path>", assets::serve, Access.ASSET)
          .get("/metrics", metricsHandler::show, Access.PUBLIC)
          .get("/health", health::health, Access.PUBLIC)
          .get("/ready", health::ready, Access.PUBLIC)
          .get("/first_run", access::showFirstRun, Access.PUBLIC)
          .post("/first_run", access::createFirstRun, Access.PUBLIC)
          .get("/session/new", access::showLogin, Access.PUBLIC)
          .post("/session", access::createSession, Access.PUBLIC)
          .delete("/session", access::destroySession, Access.PUBLIC)
          .get("/join/{join_code}", access::showJoin, Access.PUBLIC)
          .post("/join/{join_code}", access::createJoin, Access.PUBLIC)
          .get("/", roomHandlers::root)
          .get("/rooms", roomHandlers::root)
          .get("/rooms/{id}", roomHandlers::show)
          .get("/rooms/{id}/@{message_id}", roomHandlers::permalink)
          .delete("/rooms/{id}", roomSettings::destroy)
          .get("/users/me/sidebar", roomHandlers::sidebar)
          .get("/users/{id}/avatar", avatars::show, Access.PUBLIC)
          .get("/autocompletable/users", autocomplete::users)
          .get("/rooms/opens/new", roomSettings::newOpen)
          .post("/rooms/opens", roomSettings::createOpen)
          .get("/rooms/opens/{id}/edit", roomSettings::editOpen)
          .patch("/rooms/opens/{id}", roomSettings::updateOpen)
          .put("/rooms/opens/{id}", roomSettings::updateOpen)
          .get("/rooms/closeds/new", roomSettings::newClosed)
          .post("/rooms/closeds", roomSettings::createClosed)
          .get("/rooms/closeds/{id}/edit", roomSettings::editClosed)
          .patch("/rooms/closeds/{id}", roomSettings::updateClosed)
          .put("/rooms/closeds/{id}", roomSettings::updateClosed)
          .get("/rooms/directs/new", roomSettings::newDirect)
          .post("/rooms/directs", roomSettings::createDirect)
          .get("/rooms/directs/{id}/edit", roomSettings::editDirect)
          .delete("/rooms/directs/{id}", roomSettings::leaveDirect)
          .get("/rooms/{id}/involvement", involvement::show)
          .patch("/rooms/{id}/involvement", involvement::update)
          .get("/rooms/{id}/messages", messageHandlers::index)
          .post("/rooms/{id}/messages", messageHandlers::create)
          .get("/rooms/{id}/messages/{message_id}", messageHandlers::show)
          .get("/rooms/{id}/messages/{message_id}/edit", messageHandlers::edit)
          .patch("/rooms/{id}/messages/{message_id}", messageHandlers::update)
          .put("/rooms/{id}/messages/{message_id}", messageHandlers::update)
          .delete("/rooms/{id}/messages/{message_id}", messageHandlers::destroy)
          .get("/rooms/{id}/refresh", messageHandlers::refresh)
          .get("/attachments/{id}", attachmentHandlers::show)
          .get("/attachments/{id}/preview", attachmentHandlers::preview)
          .get("/unfurl_images/{key}", attachmentHandlers::linkImage)
          .get("/messages/{message_id}/boosts", boosts::index)
          .get("/messages/{message_id}/boosts/new", boosts::newBoost)
          .post("/messages/{message_id}/boosts", boosts::create)
          .delete("/messages/{message_id}/boosts/{boost_id}", boosts::destroy)
          .post("/unfurl_link", unfurl::create)
          .get("/webmanifest", manifest::show, Access.PUBLIC)
          .get("/users/me/push_subscriptions", push::index)
          .post("/users/me/push_subscriptions", push::create)
          .delete("/users/me/push_subscriptions/{id}", push::destroy)
          .post("/users/me/push_subscriptions/{id}/test_notifications", push::test)
          .get("/account/bots", botAdmin::index)
          .get("/account/bots/new", botAdmin::newBot)
          .post("/account/bots", botAdmin::create)
          .get("/account/bots/{id}/edit", botAdmin::edit)
          .patch("/account/bots/{id}", botAdmin::update)
          .put("/account/bots/{id}", botAdmin::update)
          .delete("/account/bots/{id}", botAdmin::destroy)
          .patch("/account/bots/{id}/key", botAdmin::resetKey)
          .get("/rooms/{room_id}/{bot_key}/messages", botApi::index, Access.PUBLIC_API)
          .post("/rooms/{room_id}/{bot_key}/messages", botApi::create, Access.PUBLIC_API)
          .patch("/rooms/{room_id}/{bot_key}/messages/{message_id}", botApi::update, Access.PUBLIC_API)
          .put("/rooms/{room_id}/{bot_key}/messages/{message_id}", botApi::update, Access.PUBLIC_API)
          .delete("/rooms/{room_id}/{bot_key}/messages/{message_id}", botApi::destroy, Access.PUBLIC_API)
          .post("/rooms/{room_id}/{bot_key}/messages/{message_id}/boosts", botApi::boost, Access.PUBLIC_API)
          .delete("/rooms/{room_id}/{bot_key}/messages/{message_id}/boosts/{boost_id}", botApi::unboost, Access.PUBLIC_API)
          .get("/searches", search::index)
          .post("/searches", search::create)
          .delete("/searches/clear", search::clear)
          .get("/users/me/profile", profiles::edit)
          .patch("/users/me/profile", profiles::update)
          .put("/users/me/profile", profiles::update)
          .delete("/users/me/avatar", profiles::destroyAvatar)
          .delete("/users/me/sessions", profiles::destroyOtherSessions)
          .get("/users/{id}", profiles::show)
          .get("/session/transfers/{id}", transferHandlers::show, Access.PUBLIC)
          .put("/session/transfers/{id}", transferHandlers::update, Access.PUBLIC)
          .patch("/session/transfers/{id}", transferHandlers::update, Access.PUBLIC)
          .get("/qr_code/{id}", qrCodes::show)
          .get("/account/edit", account::edit)
          .patch("/account", account::update)
          .put("/account", account::update)
          .get("/account/logo", account::logo, Access.PUBLIC)
          .delete("/account/logo", account::destroyLogo)
          .post("/account/join_code", account::regenerateJoinCode)
          .get("/account/custom_styles/edit", account::editCustomStyles)
          .patch("/account/custom_styles", account::updateCustomStyles)
          .put("/account/custom_styles", account::updateCustomStyles)
          .patch("/account/users/{id}", people::changeRole)
          .put("/account/users/{id}", people::changeRole)
          .delete("/account/users/{id}", people::deactivate)
          .post("/users/{id}/ban", people::ban)
          .delete("/users/{id}/ban", people::unban);
      routes.install();
      this.declaredRoutes = routes.declared();
    });
  }

  /** Shared by every instance when Redis is configured (keys apart per limit), else this process's own. */
  private RateLimits rateLimits(String name, int requests, Duration window, ProxyManager<String> shared) {
    if (shared == null) return new RateLimits(requests, window);
    return new RateLimits(requests, window, shared, redis.key("rate:" + name), metrics::rateLimitFellBack);
  }

  private void configureServer(JavalinConfig cfg) {
    cfg.startup.showJavalinBanner = false;
    cfg.jetty.addConnector((server, http) -> {
      ServerConnector connector = tls != null ? tls.connector(server, http, config.host(), config.port())
          : new ServerConnector(server, new HttpConnectionFactory(http));
      connector.setHost(config.host());
      connector.setPort(config.port());
      // A burst of reconnecting clients (a deploy, a network blip) must queue, not be refused at the door.
      connector.setAcceptQueueSize(ACCEPT_QUEUE);
      return connector;
    });
    cfg.jetty.host = config.host();
    cfg.jetty.port = config.port();
    cfg.http.maxRequestSize = 1_000_000;
    // Level 1, as nginx's default: deflate at level 6 was a quarter of a room page's CPU, for a
    // body about 10% smaller (measured in docs/benchmarks.md).
    cfg.http.compressionStrategy = new CompressionStrategy(null, new Gzip(GZIP_LEVEL));
    cfg.jetty.multipartConfig.maxFileSize(config.maxAttachmentBytes(), SizeUnit.BYTES);
    cfg.jetty.multipartConfig.maxTotalRequestSize(config.maxAttachmentBytes() + 1_048_576L, SizeUnit.BYTES);
    cfg.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
    cfg.router.ignoreTrailingSlashes = true;
    cfg.jetty.modifyServer(server -> server.setStopTimeout(10_000));
    cfg.staticFiles.add(files -> {
      files.hostedPath = "/";
      files.directory = config.dev() ? "src/main/resources/public" : "/public";
      files.location = config.dev() ? Location.EXTERNAL : Location.CLASSPATH;
      files.headers = Map.of("Cache-Control", "no-cache");
      files.roles = Set.of(Access.ASSET);
    });
  }

  public App start() {
    javalin.start();
    if (backups != null) backups.start();
    return this;
  }

  public int port() { return javalin.port(); }

  public Database database() { return database; }

  /** Every route this instance serves, as declared. */
  public List<campfire.web.Routes.Declared> routes() { return declaredRoutes; }

  public Accounts accounts() { return accounts; }

  public Metrics metrics() { return metrics; }

  /** What the features broadcast through: Redis when configured, else this process's sockets. */
  public Broadcaster broadcaster() { return broadcaster; }

  /** The sockets of this process. */
  public InProcessBroadcaster localBroadcaster() { return localBroadcaster; }

  public StreamNames streamNames() { return streamNames; }

  public RoomPresence presence() { return presence; }

  /** Stops taking requests, lets running ones finish, then closes the database. */
  @Override
  public void close() {
    health.stopping();
    webhookDeliveries.close();
    pushDelivery.close();
    outbound.close();
    cable.close();
    javalin.stop();
    images.close();
    if (backups != null) backups.close();
    messageRemoval.close();
    if (redisBroadcaster != null) redisBroadcaster.close();
    if (redis != null) redis.close();
    database.close();
    metrics.close();
    if (tls != null) tls.close();
    if (serverLock != null) serverLock.close();
  }
}
