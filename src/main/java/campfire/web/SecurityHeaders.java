package campfire.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Headers on every response. Pages only run our own scripts: the two inline ones (the import map
 * and its loader) are allowed by their SHA-256 hashes, which change only with the assets, so a
 * page's bytes are the same from one response to the next and can be kept (web.PageCache).
 */
public final class SecurityHeaders {
  /** The loader every page has after its import map (layouts/head.jte writes exactly this). */
  public static final String LOADER = "import \"application\"";

  private final Assets assets;
  private volatile Policy policy = new Policy(null, null);

  private record Policy(String importMap, String header) {}

  public SecurityHeaders(Assets assets) { this.assets = assets; }

  public void apply(Context ctx) {
    ctx.header("Content-Security-Policy", contentSecurityPolicy());
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "strict-origin-when-cross-origin");
    ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (Requests.isSecure(ctx)) ctx.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }

  /** Built once per import map (which changes only when assets are read live, with --dev). */
  private String contentSecurityPolicy() {
    String importMap = assets.importMap();
    Policy known = policy;
    if (importMap.equals(known.importMap())) return known.header();
    String header = "default-src 'self'; script-src 'self' '" + hash(importMap) + "' '" + hash(LOADER) + "'; "
        + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self' data:; "
        + "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
    policy = new Policy(importMap, header);
    return header;
  }

  static String hash(String script) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
