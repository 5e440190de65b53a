package campfire.accounts;

import campfire.db.Database;
import campfire.db.Memo;
import campfire.realtime.Broadcaster;
import campfire.realtime.CableUser;
import campfire.web.Access;
import campfire.web.Feature;
import campfire.web.RateLimits;
import campfire.web.Routes;
import campfire.web.Web;
import java.util.Optional;

/** The account, people's records, passwords, sessions and signing in: first run, sign-in, join links, sign-out. */
public final class AccountsModule implements Feature {
  private final Accounts accounts;
  private final Users users;
  private final Sessions sessions;
  private final Passwords passwords;
  private final Authentication authentication;
  private final PageFactory pageFactory;
  private final RateLimits signInLimit;
  private final AccessHandlers access;
  private final AutocompleteHandlers autocomplete;

  /**
   * @param vapidPublicKey the push key pages hand to the browser
   * @param signInLimit sign-in attempts per address (shared with session transfers)
   * @param welcome what other features give a new person, in the transaction that adds them
   */
  public AccountsModule(Database database, Web web, Broadcaster broadcaster, int bcryptCost, boolean disableSsl,
      String vapidPublicKey, RateLimits signInLimit, Welcome welcome) {
    this.accounts = new Accounts(database, broadcaster);
    this.users = new Users(database);
    this.sessions = new Sessions(database);
    this.passwords = new Passwords(bcryptCost);
    this.authentication = new Authentication(sessions, accounts, web.signer(), disableSsl, web.clientIp(), new Memo<>(database, 10_000));
    this.pageFactory = new PageFactory(web.csrf(), web.assets(), accounts, vapidPublicKey);
    this.signInLimit = signInLimit;
    this.access = new AccessHandlers(web.pages(), pageFactory, accounts, users, new FirstRun(database, accounts, passwords, welcome),
        new Joining(database, passwords, welcome), sessions, passwords, authentication, signInLimit, web.clientIp());
    this.autocomplete = new AutocompleteHandlers(users, web.signer());
    // A signed-out session's sockets close with it, on every instance.
    access.onSignOut((ctx, session) -> broadcaster.disconnectSessions(session.user().id(), session.sessionId()));
  }

  public Accounts accounts() { return accounts; }

  public Users users() { return users; }

  public Sessions sessions() { return sessions; }

  public Passwords passwords() { return passwords; }

  public Authentication authentication() { return authentication; }

  public PageFactory pageFactory() { return pageFactory; }

  public RateLimits signInLimit() { return signInLimit; }

  /** Where other features hear of a sign-out (push forgets the browser's subscription). */
  public AccessHandlers access() { return access; }

  /** Who a cable socket's session cookie belongs to, if anyone. */
  public Optional<CableUser> cableUser(String cookie) {
    return authentication.fromCookie(cookie)
        .map(current -> new CableUser(current.user().id(), current.user().name(), current.user().isBot(), current.sessionId()));
  }

  @Override
  public void routes(Routes routes) {
    routes.get("/first_run", access::showFirstRun, Access.PUBLIC)
        .post("/first_run", access::createFirstRun, Access.PUBLIC)
        .get("/session/new", access::showLogin, Access.PUBLIC)
        .post("/session", access::createSession, Access.PUBLIC)
        .delete("/session", access::destroySession, Access.PUBLIC)
        .get("/join/{join_code}", access::showJoin, Access.PUBLIC)
        .post("/join/{join_code}", access::createJoin, Access.PUBLIC)
        .get("/autocompletable/users", autocomplete::users);
  }
}
