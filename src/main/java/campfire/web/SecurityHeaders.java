package campfire.web;

import io.javalin.http.Context;

/**
 * Headers on every response. Pages only run our own scripts: the two inline ones (the import map
 * and its loader) carry a nonce that changes with every response.
 */
public final class SecurityHeaders {
  private static final String NONCE = "csp.nonce";

  private SecurityHeaders() {}

  public static void apply(Context ctx) {
    String nonce = Signer.randomToken(16);
    ctx.attribute(NONCE, nonce);
    ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self' 'nonce-" + nonce + "'; "
        + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self' data:; "
        + "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "strict-origin-when-cross-origin");
    ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (Requests.isSecure(ctx)) ctx.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }

  public static String nonce(Context ctx) {
    String nonce = ctx.attribute(NONCE);
    return nonce == null ? "" : nonce;
  }
}
