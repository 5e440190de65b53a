package campfire.accounts;

import campfire.db.Memo;
import campfire.domain.DomainError;
import campfire.web.Access;
import campfire.web.ClientIp;
import campfire.web.HttpError;
import campfire.web.Requests;
import campfire.web.Signer;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.util.Optional;
import java.util.Set;

/** Finds who is signed in from the session cookie, and keeps everyone else out of private pages. */
public final class Authentication {
  public static final String COOKIE = "session_token";
  private static final String PURPOSE = "session";
  private static final String ATTRIBUTE = "current.session";
  private static final int TWENTY_YEARS = 20 * 365 * 24 * 3600;
  private static final Set<String> OPEN_BEFORE_SETUP = Set.of("/first_run", "/up", "/health", "/ready", "/metrics");

  private final Sessions sessions;
  private final Accounts accounts;
  private final Signer signer;
  private final boolean disableSsl;
  private final ClientIp clientIp;
  /** Every request asks whose its cookie is: the answer (signature checked, session read) holds until the next write. */
  private final Memo<String, Optional<Sessions.Current>> byCookie;

  public Authentication(Sessions sessions, Accounts accounts, Signer signer, boolean disableSsl, ClientIp clientIp,
      Memo<String, Optional<Sessions.Current>> byCookie) {
    this.byCookie = byCookie;
    this.clientIp = clientIp;
    this.sessions = sessions;
    this.accounts = accounts;
    this.signer = signer;
    this.disableSsl = disableSsl;
  }

  /** Runs before every matched route. */
  public void guard(Context ctx) {
    if (ctx.routeRoles().contains(Access.ASSET)) return;
    // Health checks first: they must answer (503) when the database is gone, never fail on this query.
    if (!OPEN_BEFORE_SETUP.contains(ctx.path()) && !accounts.exists()) {
      ctx.redirect("/first_run", HttpStatus.SEE_OTHER);
      ctx.skipRemainingHandlers();
      throw new Redirected();
    }
    Optional<Sessions.Current> current = resolve(ctx);
    if (ctx.routeRoles().contains(Access.PUBLIC) || ctx.routeRoles().contains(Access.PUBLIC_API)) return;
    if (current.isEmpty()) {
      if (ctx.method() == HandlerType.GET && !Requests.wantsTurboStream(ctx)) {
        ctx.redirect("/session/new", HttpStatus.SEE_OTHER);
        throw new Redirected();
      }
      throw new HttpError.Unauthorized("Please sign in first.");
    }
    if (current.get().user().isBot()) throw new DomainError.Forbidden();
    if (ctx.routeRoles().contains(Access.ADMIN) && !current.get().user().isAdministrator()) throw new DomainError.Forbidden();
    sessions.touch(current.get(), clientIp.of(ctx));
  }

  /** Thrown to stop the handler chain after a redirect was set; not an error. */
  public static final class Redirected extends RuntimeException {
    Redirected() { super(null, null, false, false); }
  }

  public Optional<Sessions.Current> resolve(Context ctx) {
    Sessions.Current cached = ctx.attribute(ATTRIBUTE);
    if (cached != null) return Optional.of(cached);
    Optional<Sessions.Current> found = fromCookie(ctx.cookie(COOKIE));
    found.ifPresent(c -> ctx.attribute(ATTRIBUTE, c));
    return found;
  }

  /** The session a raw cookie value belongs to (for the cable, which sees the upgrade request only). */
  public Optional<Sessions.Current> fromCookie(String cookieValue) {
    if (cookieValue == null) return Optional.empty();
    return byCookie.get(cookieValue, value -> {
      String token = signer.verify(PURPOSE, value);
      return token == null ? Optional.empty() : sessions.find(token);
    });
  }

  public static User currentUser(Context ctx) { return currentSession(ctx).user(); }

  /** The session of the signed-in request. */
  public static Sessions.Current currentSession(Context ctx) {
    Sessions.Current current = ctx.attribute(ATTRIBUTE);
    if (current == null) throw new HttpError.Unauthorized("Please sign in first.");
    return current;
  }

  public static Optional<User> signedIn(Context ctx) {
    Sessions.Current current = ctx.attribute(ATTRIBUTE);
    return Optional.ofNullable(current).map(Sessions.Current::user);
  }

  public void signIn(Context ctx, String token) {
    Cookie cookie = new Cookie(COOKIE, signer.sign(PURPOSE, token));
    cookie.setHttpOnly(true);
    cookie.setSameSite(SameSite.LAX);
    cookie.setPath("/");
    cookie.setMaxAge(TWENTY_YEARS);
    cookie.setSecure(Requests.isSecure(ctx) && !disableSsl);
    ctx.cookie(cookie);
  }

  public void signOut(Context ctx) {
    resolve(ctx).ifPresent(c -> sessions.end(c.token()));
    ctx.removeCookie(COOKIE, "/");
  }
}
