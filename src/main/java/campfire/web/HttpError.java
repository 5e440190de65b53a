package campfire.web;

/** The errors a handler may throw; {@link ErrorPages} turns each into one clear response. */
public class HttpError extends RuntimeException {
  private final int status;

  public HttpError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() { return status; }

  public static final class BadRequest extends HttpError {
    public BadRequest(String message) { super(400, message); }
  }

  public static final class Unauthorized extends HttpError {
    public Unauthorized(String message) { super(401, message); }
  }

  public static final class Forbidden extends HttpError {
    public Forbidden() { super(403, "You are not allowed to do that."); }
  }

  public static final class NotFound extends HttpError {
    public NotFound() { super(404, "That page does not exist, or you cannot see it."); }
  }

  public static final class Conflict extends HttpError {
    public Conflict(String message) { super(409, message); }
  }

  public static final class PayloadTooLarge extends HttpError {
    public PayloadTooLarge(String message) { super(413, message); }
  }

  public static final class Invalid extends HttpError {
    public Invalid(String message) { super(422, message); }
  }

  public static final class TooManyRequests extends HttpError {
    private final long retryAfterSeconds;

    public TooManyRequests(long retryAfterSeconds) {
      super(429, "Too many requests. Please wait a moment and try again.");
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() { return retryAfterSeconds; }
  }
}
