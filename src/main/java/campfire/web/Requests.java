package campfire.web;

import io.javalin.http.Context;

/** Small readings of a request that several handlers need. */
public final class Requests {
  private Requests() {}

  public static boolean isSecure(Context ctx) {
    return "https".equalsIgnoreCase(ctx.scheme());
  }

  /** A form field, or null; a malformed body reads as no field rather than an error. */
  public static String formParam(Context ctx, String name) {
    try {
      return ctx.formParam(name);
    } catch (Exception e) { // Jetty's multipart parser throws checked ServletExceptions too
      return null;
    }
  }

  public static String required(Context ctx, String name) {
    String value = formParam(ctx, name);
    return value == null ? "" : value;
  }

  public static long idParam(Context ctx, String name) {
    String raw = ctx.pathParam(name);
    if (!raw.matches("\\d{1,18}")) throw new HttpError.NotFound();
    return Long.parseLong(raw);
  }

  public static boolean wantsTurboStream(Context ctx) {
    String accept = ctx.header("Accept");
    return accept != null && accept.contains("text/vnd.turbo-stream.html");
  }

  public static String origin(Context ctx) {
    String host = ctx.header("Host");
    return ctx.scheme() + "://" + (host == null ? "localhost" : host);
  }
}
