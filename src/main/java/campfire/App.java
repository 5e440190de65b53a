package campfire;

import campfire.accounts.AccountsModule;
import campfire.admin.AdminModule;
import campfire.attachments.AttachmentsModule;
import campfire.boosts.BoostsModule;
import campfire.bots.BotsModule;
import campfire.messages.MessagesModule;
import campfire.ops.OpsModule;
import campfire.people.PeopleModule;
import campfire.push.PushKeys;
import campfire.push.PushModule;
import campfire.realtime.Cable;
import campfire.rooms.RoomsModule;
import campfire.search.SearchModule;
import campfire.unfurl.UnfurlModule;
import campfire.web.Feature;
import com.interaso.webpush.VapidKeys;
import java.time.Duration;
import java.util.List;

/** The composition root: the platform every feature stands on, then the features, then the server that serves them. */
public final class App implements AutoCloseable {
  private final Platform platform;
  private final List<Feature> features;
  private final HttpServer server;
  private final AccountsModule accounts;
  private final RoomsModule rooms;

  public App(Config config) {
    Platform p = this.platform = new Platform(config);
    VapidKeys vapid = PushKeys.load(config.push().vapidKeys(), config.dataDir());
    var accounts = this.accounts = new AccountsModule(p.database, p.web, p.broadcaster, config.bcryptCost(), config.disableSsl(),
        PushKeys.applicationServerKey(vapid), p.rateLimits("login", 10, Duration.ofMinutes(3)), new campfire.rooms.RoomsWelcome());
    var rooms = this.rooms = new RoomsModule(p.database, p.web, p.broadcaster, p.streamNames, p.metrics, p.clock, accounts);
    var attachments = new AttachmentsModule(p.database, p.images, config.storagePath(), config.maxAttachmentBytes());
    var messages = new MessagesModule(p.database, p.web, p.broadcaster, p.streamNames, config.dev(), accounts, rooms, attachments);
    var boosts = new BoostsModule(p.database, p.web, p.broadcaster, messages);
    var bots = new BotsModule(p.database, p.web, p.outbound, config.webhookSecret(), accounts, rooms, messages, attachments, boosts);
    var push = new PushModule(p.database, p.outbound, p.metrics, vapid, config.push().subject(), config.push().allowHttpEndpoints(), accounts,
        messages);
    var people = new PeopleModule(p.database, p.web, p.broadcaster, p.clock, p.storage, p.images, accounts, rooms);
    var admin = new AdminModule(p.database, p.broadcaster, accounts, rooms, people);
    this.features = List.of(new OpsModule(p.health, p.metrics, config.limits().metricsToken()), accounts, rooms, attachments, messages,
        boosts, new UnfurlModule(p.outbound, attachments), bots, push, people, new SearchModule(p.database, p.web.signer(), rooms), admin,
        new campfire.portability.PortabilityModule(p.database, config.storagePath(), Campfire.Version.current(), p.clock));
    Cable cable = new Cable(accounts::cableUser, p.streamNames, rooms.presence(), p.localBroadcaster, p.broadcaster);
    this.server = new HttpServer(p, accounts, admin.bans(), cable, features);
  }

  public App start() {
    server.start();
    if (platform.backups != null) platform.backups.start();
    return this;
  }

  public int port() { return server.port(); }

  public List<campfire.web.Routes.Declared> routes() { return server.routes(); }

  public campfire.db.Database database() { return platform.database; }

  public campfire.accounts.Accounts accounts() { return accounts.accounts(); }

  public campfire.realtime.Broadcaster broadcaster() { return platform.broadcaster; }

  public campfire.realtime.InProcessBroadcaster localBroadcaster() { return platform.localBroadcaster; }

  public campfire.realtime.StreamNames streamNames() { return platform.streamNames; }

  public campfire.rooms.RoomPresence presence() { return rooms.presence(); }

  /** Says it is stopping, stops taking requests and lets running ones finish, stops the features, then the platform. */
  @Override
  public void close() {
    platform.health.stopping();
    server.stop();
    features.reversed().forEach(Feature::close);
    platform.close();
  }
}
