package campfire.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A one-time notice carried across a redirect in a short-lived cookie. */
public final class Flash {
  private static final String COOKIE = "flash";

  private Flash() {}

  public static void set(Context ctx, String message) {
    Cookie cookie = new Cookie(COOKIE, URLEncoder.encode(message, StandardCharsets.UTF_8));
    cookie.setPath("/");
    cookie.setHttpOnly(true);
    cookie.setSameSite(SameSite.LAX);
    cookie.setMaxAge(60);
    ctx.cookie(cookie);
  }

  public static String take(Context ctx) {
    String raw = ctx.cookie(COOKIE);
    if (raw == null) return null;
    ctx.removeCookie(COOKIE, "/");
    try {
      String message = URLDecoder.decode(raw, StandardCharsets.UTF_8);
      return message.length() > 300 ? message.substring(0, 300) : message;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
