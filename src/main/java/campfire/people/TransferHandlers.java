package campfire.people;

import campfire.domain.DomainError;
import campfire.accounts.Authentication;
import campfire.accounts.PageFactory;
import campfire.accounts.Sessions;
import campfire.accounts.Users;
import campfire.web.Pages;
import campfire.web.RateLimits;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/** GET /session/transfers/:id shows a form that submits itself; PUT signs the link's person in. */
public final class TransferHandlers {
  private final campfire.web.ClientIp clientIp;
  private final Pages pages;
  private final PageFactory pageFactory;
  private final SessionTransfers transfers;
  private final Users users;
  private final Sessions sessions;
  private final Authentication authentication;
  private final RateLimits signInLimit;

  public TransferHandlers(Pages pages, PageFactory pageFactory, SessionTransfers transfers, Users users, Sessions sessions,
      Authentication authentication, campfire.web.ClientIp clientIp, RateLimits signInLimit) {
    this.clientIp = clientIp;
    this.signInLimit = signInLimit;
    this.pages = pages;
    this.pageFactory = pageFactory;
    this.transfers = transfers;
    this.users = users;
    this.sessions = sessions;
    this.authentication = authentication;
  }

  public void show(Context ctx) {
    long userId = userId(ctx);
    ctx.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer");
    Pages.html(ctx, pages.templates().peopleTransfer(pageFactory.page(ctx, "Signing in"), "/session/transfers/" + ctx.pathParam("id"),
        userId));
  }

  public void update(Context ctx) {
    signInLimit.check("transfer:" + clientIp.of(ctx));
    long userId = userId(ctx);
    authentication.signOut(ctx);
    authentication.signIn(ctx, sessions.start(userId, clientIp.of(ctx), ctx.userAgent()));
    ctx.redirect("/", HttpStatus.SEE_OTHER);
  }

  private long userId(Context ctx) {
    return transfers.userIdFrom(ctx.pathParam("id"))
        .flatMap(users::find)
        .filter(user -> user.active() && !user.isBot() && !users.isBanned(user.id()))
        .orElseThrow(() -> new DomainError.NotFound("This sign-in link has expired or is not valid. Ask for a new one.")).id();
  }
}
