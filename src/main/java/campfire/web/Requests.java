package campfire.web;

import campfire.domain.DomainError;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/** Small readings of a request that several handlers need. */
public final class Requests {
  private Requests() {}

  static final String SECURE = "request.secure";
  static final String HOST = "request.host";
  private static final long DRAINED_AT_MOST = 64 * 1024;

  /**
   * Reads and drops what is left of a small body nobody read (a request refused or redirected
   * before its handler read the form): left on the connection, it makes the server close a
   * connection the client may be about to reuse. Large bodies are left alone (they were refused).
   */
  public static void drainUnreadBody(Context ctx) {
    long length = ctx.contentLength();
    if (length <= 0 || length > DRAINED_AT_MOST) return;
    try {
      ctx.req().getInputStream().transferTo(OutputStream.nullOutputStream());
    } catch (IOException | IllegalStateException alreadyReadOrGone) {
      // Read already (as parts or a reader), or the client went away: nothing is left to drain.
    }
  }

  /**
   * Refuses, before anything reads it, a body over {@code maxBytes} that is not a multipart upload
   * (uploads have their own, larger limit where their file is read), so no route acts on a body it
   * never looked at and none half-reads one.
   */
  public static void refuseOversizedBody(Context ctx, long maxBytes) {
    if (ctx.contentLength() > maxBytes && !ctx.isMultipartFormData()) {
      throw new DomainError.TooLarge("The request is too large.");
    }
  }

  /**
   * A write's body must be one its route can read: a form (url-encoded, or multipart with its
   * boundary and readable), JSON where the route takes JSON ({@link Access#JSON_BODY}), anything
   * on the bot API (its text is the message); anything else is refused before the route acts on a
   * body it never understood. Multipart bodies over {@code formBytes} are file uploads, read (and
   * limited, with their own message) by the handler that takes the file.
   */
  public static void refuseUnreadableBody(Context ctx, long formBytes) {
    // No body at all (curl -X DELETE sends neither a length nor a type): nothing to judge.
    boolean body = ctx.contentLength() > 0 || ctx.header("Transfer-Encoding") != null;
    if (!body || ctx.isFormUrlencoded()) return;
    if (ctx.isMultipartFormData()) {
      if (!ctx.contentType().toLowerCase(Locale.ROOT).contains("boundary=")) {
        throw new DomainError.Malformed("The form could not be read; please try again.");
      }
      if (ctx.contentLength() <= formBytes) formParam(ctx, "_method");
      return;
    }
    if (ctx.routeRoles().contains(Access.PUBLIC_API)) return;
    String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
    if (ctx.routeRoles().contains(Access.JSON_BODY) && type.startsWith("application/json")) return;
    throw new HttpError(415, "Send this as a form (application/x-www-form-urlencoded or multipart/form-data).");
  }

  /** Whether the person's browser reached us over HTTPS (through a trusted proxy, as it says). */
  public static boolean isSecure(Context ctx) {
    Boolean secure = ctx.attribute(SECURE);
    return secure != null ? secure : "https".equalsIgnoreCase(ctx.scheme());
  }

  /**
   * A form field, or null; a malformed url-encoded body reads as no field, and a multipart body
   * that cannot be read is the client's 400 (never a 500, never a half-read form).
   */
  public static String formParam(Context ctx, String name) {
    try {
      return ctx.formParam(name);
    } catch (Exception e) { // Jetty's multipart parser throws checked ServletExceptions too
      if (ctx.isMultipartFormData()) throw unreadable(e, "The form is too large.");
      return null;
    }
  }

  /** The last value of a repeated form field (a hidden default, then a ticked checkbox), or null; read as {@link #formParam}. */
  public static String lastFormParam(Context ctx, String name) {
    try {
      java.util.List<String> values = ctx.formParams(name);
      return values.isEmpty() ? null : values.get(values.size() - 1);
    } catch (Exception e) { // Jetty's multipart parser throws checked ServletExceptions too
      if (ctx.isMultipartFormData()) throw unreadable(e, "The form is too large.");
      return null;
    }
  }

  /**
   * A multipart form's file, or null when there is none (a form sent without JavaScript carries an
   * empty, nameless part when no file was chosen). A body past {@code maxBytes} is refused before
   * it is read, and a part past Jetty's limit while it is (413, saying {@code tooLarge}); a body
   * that cannot be read is the client's 400, never a 500.
   */
  public static UploadedFile uploadedFile(Context ctx, String field, long maxBytes, String tooLarge) {
    if (!ctx.isMultipartFormData()) return null;
    if (ctx.contentLength() > maxBytes + 1_048_576L) throw new DomainError.TooLarge(tooLarge);
    UploadedFile file;
    try {
      file = ctx.uploadedFile(field);
    } catch (Exception e) { // Jetty's multipart parser throws checked ServletExceptions too
      throw unreadable(e, tooLarge);
    }
    return file == null || (file.size() == 0 && (file.filename() == null || file.filename().isBlank())) ? null : file;
  }

  /** Why Jetty could not read a multipart body: a part past its limit (413), else a malformed body (400). */
  private static RuntimeException unreadable(Exception e, String tooLarge) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      if (message.contains("max file size") || message.contains("max request size")) return new DomainError.TooLarge(tooLarge);
    }
    return new DomainError.Malformed("The form could not be read; please try again.");
  }

  public static String required(Context ctx, String name) {
    String value = formParam(ctx, name);
    return value == null ? "" : value;
  }

  public static long idParam(Context ctx, String name) {
    String raw = ctx.pathParam(name);
    if (!raw.matches("\\d{1,18}")) throw new DomainError.NotFound();
    return Long.parseLong(raw);
  }

  public static boolean wantsTurboStream(Context ctx) {
    String accept = ctx.header("Accept");
    return accept != null && accept.contains("text/vnd.turbo-stream.html");
  }

  /** The origin the person's browser sees (a trusted proxy's scheme and host), for absolute links. */
  public static String origin(Context ctx) {
    String forwarded = ctx.attribute(HOST);
    String host = forwarded != null ? forwarded : ctx.header("Host");
    return (isSecure(ctx) ? "https" : "http") + "://" + (host == null ? "localhost" : host);
  }
}
