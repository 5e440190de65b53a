package campfire.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Headers on every response. Pages only run our own scripts: the inline ones (the import map and
 * its loaders) are allowed by their SHA-256 hashes, which change only with the assets, so a
 * page's bytes are the same from one response to the next and can be kept (web.PageCache).
 */
public final class SecurityHeaders {
  /** The loader every page has after its import map (layouts/head.jte writes exactly this). */
  public static final String LOADER = "import \"application\"";
  /** The loader a page with a rich text editor has before {@link #LOADER}: the editor is ready before the application starts. */
  public static final String EDITOR_LOADER = "import \"editor.js\"";

  private final Assets assets;
  private volatile Policy policy = new Policy(null, Map.of());

  private record Policy(String importMap, Map<String, String> headers) {}

  public SecurityHeaders(Assets assets) { this.assets = assets; }

  public void apply(Context ctx) {
    fixed().forEach(ctx::header);
    if (Requests.isSecure(ctx)) ctx.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }

  /** The headers every response carries whoever asks (HSTS, which depends on the request, aside). */
  public Map<String, String> fixed() {
    String importMap = assets.importMap();
    Policy known = policy;
    if (importMap.equals(known.importMap())) return known.headers();
    // Built once per import map (which changes only when assets are read live, with --dev).
    String csp = "default-src 'self'; script-src 'self' '" + hash(importMap) + "' '" + hash(LOADER) + "' '" + hash(EDITOR_LOADER) + "'; "
        + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self' data:; "
        + "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Security-Policy", csp);
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("X-Frame-Options", "DENY");
    headers.put("Referrer-Policy", "strict-origin-when-cross-origin");
    headers.put("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    policy = new Policy(importMap, java.util.Collections.unmodifiableMap(headers));
    return policy.headers();
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
