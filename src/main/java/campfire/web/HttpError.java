package campfire.web;

/**
 * Refusals that only make sense in HTTP (sign in first, a method or content type this route does
 * not take). Everything the product itself refuses is a {@link campfire.domain.DomainError};
 * {@link ErrorPages} turns both into one clear response.
 */
public class HttpError extends RuntimeException {
  private final int status;

  public HttpError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() { return status; }

  public static final class Unauthorized extends HttpError {
    public Unauthorized(String message) { super(401, message); }
  }
}
