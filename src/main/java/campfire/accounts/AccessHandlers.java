package campfire.accounts;

import campfire.domain.DomainError;
import campfire.ops.Audit;
import campfire.web.ClientIp;
import campfire.web.Flash;
import campfire.web.RateLimits;
import campfire.web.Pages;
import campfire.web.Requests;
import gg.jte.generated.precompiled.Templates;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/** First run, sign in, sign out and the join link: the ways in. */
public final class AccessHandlers {
  private final Templates templates;
  private final PageFactory pageFactory;
  private final Accounts accounts;
  private final Users users;
  private final FirstRun firstRun;
  private final Joining joining;
  private final Sessions sessions;
  private final Passwords passwords;
  private final Authentication authentication;
  private final RateLimits loginRateLimit;
  private final ClientIp clientIp;
  private final java.util.List<java.util.function.BiConsumer<Context, Sessions.Current>> signOutListeners = new java.util.ArrayList<>();

  public AccessHandlers(Pages pages, PageFactory pageFactory, Accounts accounts, Users users, FirstRun firstRun, Joining joining,
      Sessions sessions, Passwords passwords, Authentication authentication, RateLimits loginRateLimit, ClientIp clientIp) {
    this.clientIp = clientIp;
    this.templates = pages.templates();
    this.pageFactory = pageFactory;
    this.accounts = accounts;
    this.users = users;
    this.firstRun = firstRun;
    this.joining = joining;
    this.sessions = sessions;
    this.passwords = passwords;
    this.authentication = authentication;
    this.loginRateLimit = loginRateLimit;
  }

  public void showFirstRun(Context ctx) {
    if (accounts.exists()) {
      ctx.redirect("/", HttpStatus.FOUND);
      return;
    }
    firstRunForm(ctx, null, signUp(ctx), 200);
  }

  public void createFirstRun(Context ctx) {
    if (accounts.exists()) {
      ctx.redirect("/", HttpStatus.FOUND);
      return;
    }
    FirstRun.SignUp signUp = signUp(ctx);
    try {
      var result = firstRun.setUp(signUp, clientIp.of(ctx), ctx.userAgent());
      if (result.isEmpty()) {
        ctx.redirect("/", HttpStatus.FOUND);
        return;
      }
      authentication.signIn(ctx, result.get().sessionToken());
      Audit.event("account_created", "user_id", result.get().administrator().id(), "ip", clientIp.of(ctx));
      ctx.redirect("/rooms/" + result.get().roomId(), HttpStatus.FOUND);
    } catch (DomainError.Invalid invalid) {
      firstRunForm(ctx, invalid.getMessage(), signUp, 422);
    }
  }

  public void showLogin(Context ctx) {
    if (authentication.resolve(ctx).isPresent()) {
      ctx.redirect("/", HttpStatus.FOUND);
      return;
    }
    loginForm(ctx, null, "", 200);
  }

  public void createSession(Context ctx) {
    loginRateLimit.check("login:" + clientIp.of(ctx));
    String email = Requests.required(ctx, "email_address");
    String password = Requests.required(ctx, "password");
    var user = users.findActiveByEmail(email).filter(u -> !u.isBot());
    String digest = user.flatMap(u -> users.passwordDigest(u.id())).orElse(null);
    if (user.isEmpty() || !passwords.matches(password, digest)) {
      Audit.event("failed_login", "ip", clientIp.of(ctx), "user_id", user.map(User::id).orElse(null));
      loginForm(ctx, "Try another email address or password.", email, 401);
      return;
    }
    authentication.signIn(ctx, sessions.start(user.get().id(), clientIp.of(ctx), ctx.userAgent()));
    Audit.event("login", "user_id", user.get().id(), "ip", clientIp.of(ctx));
    ctx.redirect("/", HttpStatus.FOUND);
  }

  /** Something to undo when a session signs out (its browser's push subscription, its sockets); called before it ends. */
  public void onSignOut(java.util.function.BiConsumer<Context, Sessions.Current> listener) { signOutListeners.add(listener); }

  public void destroySession(Context ctx) {
    authentication.resolve(ctx).ifPresent(current -> {
      Audit.event("logout", "user_id", current.user().id());
      signOutListeners.forEach(listener -> listener.accept(ctx, current));
    });
    authentication.signOut(ctx);
    ctx.redirect("/session/new", HttpStatus.SEE_OTHER);
  }

  public void showJoin(Context ctx) {
    Account account = accounts.findByJoinCode(ctx.pathParam("join_code")).orElseThrow(DomainError.NotFound::new);
    if (authentication.resolve(ctx).isPresent()) {
      ctx.redirect("/", HttpStatus.FOUND);
      return;
    }
    joinForm(ctx, account, null, signUp(ctx), 200);
  }

  public void createJoin(Context ctx) {
    loginRateLimit.check("join:" + clientIp.of(ctx));
    Account account = accounts.findByJoinCode(ctx.pathParam("join_code")).orElseThrow(DomainError.NotFound::new);
    FirstRun.SignUp signUp = signUp(ctx);
    try {
      var joined = joining.join(signUp, clientIp.of(ctx), ctx.userAgent());
      if (joined.isEmpty()) {
        Flash.set(ctx, "You already have an account. Sign in with your email address.");
        ctx.redirect("/session/new", HttpStatus.FOUND);
        return;
      }
      authentication.signIn(ctx, joined.get().sessionToken());
      Audit.event("signup", "user_id", joined.get().user().id(), "ip", clientIp.of(ctx));
      // A new member lands in their oldest room (All Talk, open to everyone) with a word on where things are.
      Flash.set(ctx, "Welcome to " + account.name() + "! Everyone here is in this room: say hello. "
          + "Your rooms and Pings are in the sidebar.");
      ctx.redirect("/", HttpStatus.FOUND);
    } catch (DomainError.Invalid invalid) {
      joinForm(ctx, account, invalid.getMessage(), signUp, 422);
    }
  }

  private static FirstRun.SignUp signUp(Context ctx) {
    return new FirstRun.SignUp(Requests.formParam(ctx, "user[name]"), Requests.formParam(ctx, "user[email_address]"),
        Requests.formParam(ctx, "user[password]"));
  }

  private void firstRunForm(Context ctx, String error, FirstRun.SignUp signUp, int status) {
    ctx.status(status);
    Pages.html(ctx, templates.accountsFirst_run(pageFactory.page(ctx, "Set up Campfire"), error, orEmpty(signUp.name()),
        orEmpty(signUp.emailAddress())));
  }

  private void joinForm(Context ctx, Account account, String error, FirstRun.SignUp signUp, int status) {
    ctx.status(status);
    Pages.html(ctx, templates.accountsJoin(pageFactory.page(ctx, "Join " + account.name()), error, account.joinPath(),
        orEmpty(signUp.name()), orEmpty(signUp.emailAddress())));
  }

  private void loginForm(Context ctx, String error, String email, int status) {
    ctx.status(status);
    Pages.html(ctx, templates.sessionsNew(pageFactory.page(ctx, "Sign in"), error, email));
  }

  private static String orEmpty(String value) { return value == null ? "" : value; }
}
