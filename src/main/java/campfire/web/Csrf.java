package campfire.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

/**
 * Signed double-submit tokens: a random seed lives in an httponly cookie, and forms carry an
 * HMAC of it. A page on another site can neither read the seed nor forge the HMAC.
 */
public final class Csrf {
  public static final String FIELD = "authenticity_token";
  public static final String HEADER = "X-CSRF-Token";
  static final String COOKIE = "csrf_seed";
  private static final String PURPOSE = "csrf";
  private static final String ATTRIBUTE = "csrf.seed";

  private final Signer signer;

  public Csrf(Signer signer) { this.signer = signer; }

  /** The token for forms on this response, setting the seed cookie when the browser has none. */
  public String token(Context ctx) {
    String seed = ctx.attribute(ATTRIBUTE);
    if (seed == null) seed = validSeed(ctx.cookie(COOKIE));
    if (seed == null) {
      seed = Signer.randomToken(24);
      Cookie cookie = new Cookie(COOKIE, seed);
      cookie.setHttpOnly(true);
      cookie.setSameSite(SameSite.LAX);
      cookie.setPath("/");
      cookie.setSecure(Requests.isSecure(ctx));
      ctx.cookie(cookie);
    }
    ctx.attribute(ATTRIBUTE, seed);
    return signer.digest(PURPOSE, seed);
  }

  public void verify(Context ctx) {
    String seed = validSeed(ctx.cookie(COOKIE));
    String given = ctx.header(HEADER);
    if (given == null || given.isBlank()) given = Requests.formParam(ctx, FIELD);
    if (seed == null || !Signer.matches(signer.digest(PURPOSE, seed), given)) {
      throw new HttpError(422, "This form has expired or did not come from Campfire. Reload the page and try again.");
    }
  }

  private static String validSeed(String seed) {
    return seed != null && seed.matches("[A-Za-z0-9_-]{16,64}") ? seed : null;
  }
}
