package campfire.accounts;

import campfire.web.Flash;
import campfire.web.HttpError;
import campfire.web.Pages;
import campfire.web.Requests;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;

/** First run, sign in, sign out and the join link: the ways in. */
public final class AccessHandlers {
  private final Pages pages;
  private final PageFactory pageFactory;
  private final Accounts accounts;
  private final Users users;
  private final FirstRun firstRun;
  private final Joining joining;
  private final Sessions sessions;
  private final Passwords passwords;
  private final Authentication authentication;
  private final LoginRateLimit loginRateLimit;

  public AccessHandlers(Pages pages, PageFactory pageFactory, Accounts accounts, Users users, FirstRun firstRun, Joining joining,
      Sessions sessions, Passwords passwords, Authentication authentication, LoginRateLimit loginRateLimit) {
    this.pages = pages;
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
      ctx.redirect("/", HttpStatus.SEE_OTHER);
      return;
    }
    form(ctx, "accounts/first_run.jte", "Set up Campfire", null, signUp(ctx), 200);
  }

  public void createFirstRun(Context ctx) {
    if (accounts.exists()) {
      ctx.redirect("/", HttpStatus.SEE_OTHER);
      return;
    }
    FirstRun.SignUp signUp = signUp(ctx);
    try {
      var result = firstRun.setUp(signUp, ctx.ip(), ctx.userAgent());
      if (result.isEmpty()) {
        ctx.redirect("/", HttpStatus.SEE_OTHER);
        return;
      }
      authentication.signIn(ctx, result.get().sessionToken());
      ctx.redirect("/rooms/" + result.get().roomId(), HttpStatus.SEE_OTHER);
    } catch (HttpError.Invalid invalid) {
      form(ctx, "accounts/first_run.jte", "Set up Campfire", invalid.getMessage(), signUp, 422);
    }
  }

  public void showLogin(Context ctx) {
    if (authentication.resolve(ctx).isPresent()) {
      ctx.redirect("/", HttpStatus.SEE_OTHER);
      return;
    }
    loginForm(ctx, null, "", 200);
  }

  public void createSession(Context ctx) {
    loginRateLimit.check(ctx.ip());
    String email = Requests.required(ctx, "email_address");
    String password = Requests.required(ctx, "password");
    var user = users.findActiveByEmail(email).filter(u -> !u.isBot());
    String digest = user.flatMap(u -> users.passwordDigest(u.id())).orElse(null);
    if (user.isEmpty() || !passwords.matches(password, digest)) {
      loginForm(ctx, "Try another email address or password.", email, 401);
      return;
    }
    authentication.signIn(ctx, sessions.start(user.get().id(), ctx.ip(), ctx.userAgent()));
    ctx.redirect("/", HttpStatus.SEE_OTHER);
  }

  public void destroySession(Context ctx) {
    authentication.signOut(ctx);
    ctx.redirect("/session/new", HttpStatus.SEE_OTHER);
  }

  public void showJoin(Context ctx) {
    Account account = accounts.findByJoinCode(ctx.pathParam("join_code")).orElseThrow(HttpError.NotFound::new);
    if (authentication.resolve(ctx).isPresent()) {
      ctx.redirect("/", HttpStatus.SEE_OTHER);
      return;
    }
    joinForm(ctx, account, null, signUp(ctx), 200);
  }

  public void createJoin(Context ctx) {
    Account account = accounts.findByJoinCode(ctx.pathParam("join_code")).orElseThrow(HttpError.NotFound::new);
    FirstRun.SignUp signUp = signUp(ctx);
    try {
      var joined = joining.join(signUp, ctx.ip(), ctx.userAgent());
      if (joined.isEmpty()) {
        Flash.set(ctx, "You already have an account. Sign in with your email address.");
        ctx.redirect("/session/new", HttpStatus.SEE_OTHER);
        return;
      }
      authentication.signIn(ctx, joined.get().sessionToken());
      ctx.redirect("/", HttpStatus.SEE_OTHER);
    } catch (HttpError.Invalid invalid) {
      joinForm(ctx, account, invalid.getMessage(), signUp, 422);
    }
  }

  private static FirstRun.SignUp signUp(Context ctx) {
    return new FirstRun.SignUp(Requests.formParam(ctx, "user[name]"), Requests.formParam(ctx, "user[email_address]"),
        Requests.formParam(ctx, "user[password]"));
  }

  private void form(Context ctx, String template, String title, String error, FirstRun.SignUp signUp, int status) {
    Map<String, Object> params = new HashMap<>();
    params.put("page", pageFactory.page(ctx, title));
    params.put("error", error);
    params.put("name", signUp.name() == null ? "" : signUp.name());
    params.put("email", signUp.emailAddress() == null ? "" : signUp.emailAddress());
    ctx.status(status);
    pages.html(ctx, template, params);
  }

  private void joinForm(Context ctx, Account account, String error, FirstRun.SignUp signUp, int status) {
    Map<String, Object> params = new HashMap<>();
    params.put("page", pageFactory.page(ctx, "Join " + account.name()));
    params.put("error", error);
    params.put("action", account.joinPath());
    params.put("name", signUp.name() == null ? "" : signUp.name());
    params.put("email", signUp.emailAddress() == null ? "" : signUp.emailAddress());
    ctx.status(status);
    pages.html(ctx, "accounts/join.jte", params);
  }

  private void loginForm(Context ctx, String error, String email, int status) {
    Map<String, Object> params = new HashMap<>();
    params.put("page", pageFactory.page(ctx, "Sign in"));
    params.put("error", error);
    params.put("email", email);
    ctx.status(status);
    pages.html(ctx, "sessions/new.jte", params);
  }
}
