package campfire.domain;

/**
 * Why the product refuses: thrown by feature code (and by handlers) in the product's own terms.
 * Its message is written for the person and shown as is. The web layer maps each kind to one HTTP
 * status in one place ({@code web.ErrorPages}); nothing here knows about HTTP.
 */
public abstract sealed class DomainError extends RuntimeException {
  DomainError(String message) {
    super(message, null, false, false);
  }

  /** There is no such thing, or the person may not know it exists (the two look alike on purpose). */
  public static final class NotFound extends DomainError {
    public NotFound() { this("That page does not exist, or you cannot see it."); }
    public NotFound(String message) { super(message); }
  }

  /** The person is known but may not do this. */
  public static final class Forbidden extends DomainError {
    public Forbidden() { super("You are not allowed to do that."); }
  }

  /** Well-formed but against the rules (a name too long, a room of one). */
  public static final class Invalid extends DomainError {
    public Invalid(String message) { super(message); }
  }

  /** Not readable as what it claims to be (not a number, an unknown action). */
  public static final class Malformed extends DomainError {
    public Malformed(String message) { super(message); }
  }

  /** Clashes with what already exists (a message id used in another room). */
  public static final class Conflict extends DomainError {
    public Conflict(String message) { super(message); }
  }

  /** Larger than the server accepts. */
  public static final class TooLarge extends DomainError {
    public TooLarge(String message) { super(message); }
  }

  /** Not now: try again after {@link #retryAfterSeconds()} (a limit reached, every worker busy). */
  public static final class Busy extends DomainError {
    private final long retryAfterSeconds;

    public Busy(long retryAfterSeconds) {
      super("Too many requests. Please wait a moment and try again.");
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() { return retryAfterSeconds; }
  }

  /** The server cannot do it at all right now (it is stopping). */
  public static final class Unavailable extends DomainError {
    public Unavailable(String message) { super(message); }
  }
}
