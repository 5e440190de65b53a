package campfire.web;

import campfire.domain.DomainError;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that turns an error into a response: a page for people, JSON for programs. */
public final class ErrorPages {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);
  private static final String ANSWERED = "campfire.error-page";
  private final Pages pages;
  private final BiFunction<Context, String, Page> pageFor;

  public ErrorPages(Pages pages, BiFunction<Context, String, Page> pageFor) {
    this.pages = pages;
    this.pageFor = pageFor;
  }

  public void httpError(HttpError error, Context ctx) {
    respond(ctx, error.status(), error.getMessage());
  }

  /** The one mapping from the product's refusals to HTTP statuses. */
  public void domainError(DomainError error, Context ctx) {
    int status = switch (error) {
      case DomainError.NotFound notFound -> 404;
      case DomainError.Forbidden forbidden -> 403;
      case DomainError.Invalid invalid -> 422;
      case DomainError.Malformed malformed -> 400;
      case DomainError.Conflict conflict -> 409;
      case DomainError.TooLarge tooLarge -> 413;
      case DomainError.Busy busy -> {
        ctx.header("Retry-After", Long.toString(busy.retryAfterSeconds()));
        yield 429;
      }
      case DomainError.Unavailable unavailable -> 503;
    };
    respond(ctx, status, error.getMessage());
  }

  public void unexpected(Exception error, Context ctx) {
    LOG.error("Unhandled error on {} {}", ctx.method(), ctx.path(), error);
    respond(ctx, 500, "Something went wrong on our side. Please try again.");
  }

  /** Whether this request's error answer is already one of ours. */
  public static boolean answered(Context ctx) { return Boolean.TRUE.equals(ctx.attribute(ANSWERED)); }

  /** A refusal as JSON, for clients that ask only for JSON. */
  record ErrorJson(String error) {}

  public void respond(Context ctx, int status, String message) {
    ctx.attribute(ANSWERED, true);
    ctx.status(status);
    String accept = ctx.header("Accept");
    if (accept != null && accept.contains("application/json") && !accept.contains("text/html")) {
      ctx.json(new ErrorJson(message));
      return;
    }
    try {
      Pages.html(ctx, pages.templates().errorsError(pageFor.apply(ctx, title(status)), status, message));
    } catch (RuntimeException e) {
      LOG.error("Error page failed to render", e);
      ctx.contentType("text/plain; charset=utf-8").result(message);
    }
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad request";
      case 401 -> "Sign in required";
      case 403 -> "Not allowed";
      case 404 -> "Not found";
      case 413 -> "Too large";
      case 422 -> "Could not be saved";
      case 429 -> "Slow down";
      default -> "Error";
    };
  }
}
