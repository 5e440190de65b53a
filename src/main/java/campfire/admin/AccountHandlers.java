package campfire.admin;

import campfire.domain.DomainError;
import campfire.accounts.Account;
import campfire.accounts.Accounts;
import campfire.accounts.User;
import campfire.accounts.Users;
import campfire.people.Avatars;
import campfire.people.QrCodeHandlers;
import campfire.people.Uploads;
import campfire.rooms.Screens;
import campfire.web.Flash;
import campfire.web.Requests;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** /account/edit and friends: the account's name, logo, invite link, custom CSS and people. */
public final class AccountHandlers {
  private final Screens screens;
  private final Accounts accounts;
  private final AccountSettings settings;
  private final Users users;
  private final Avatars avatars;

  public AccountHandlers(Screens screens, Accounts accounts, AccountSettings settings, Users users, Avatars avatars) {
    this.screens = screens;
    this.accounts = accounts;
    this.settings = settings;
    this.users = users;
    this.avatars = avatars;
  }

  /** Everyone sees the account and its invite link; only administrators get the controls. */
  public void edit(Context ctx) {
    render(ctx, settings.current().name(), null, 200);
  }

  public void update(Context ctx) {
    String name = Requests.formParam(ctx, "account[name]");
    try {
      Boolean restrict = restrictRoomCreation(ctx);
      Optional<byte[]> logo = Uploads.picture(ctx, "account[logo]");
      settings.update(name, logo.orElse(null), restrict);
    } catch (DomainError.Invalid invalid) {
      render(ctx, name == null ? "" : name, invalid.getMessage(), 422);
      return;
    }
    Flash.set(ctx, "Account settings saved.");
    ctx.redirect("/account/edit", HttpStatus.SEE_OTHER);
  }

  /** The form sends "0" and, when the box is ticked, "1" after it (the last one counts); absent leaves the setting alone. */
  private static Boolean restrictRoomCreation(Context ctx) {
    String last = Requests.lastFormParam(ctx, "account[restrict_room_creation_to_administrators]");
    if (last == null) return null;
    if (!last.equals("0") && !last.equals("1")) throw new DomainError.Invalid("Room creation is either for everyone or for administrators.");
    return last.equals("1");
  }

  /** GET /account/logo[?size=small]: the uploaded logo, else the stock one. Public: it is the favicon too. */
  public void logo(Context ctx) {
    String size = ctx.queryParam("size");
    if (size != null && !size.equals("small") && !size.equals("large")) throw new DomainError.Malformed("size is small or large.");
    Optional<byte[]> logo = accounts.current().isPresent() ? settings.logo("small".equals(size)) : Optional.empty();
    if (logo.isEmpty()) {
      ctx.header("Cache-Control", "no-cache").redirect("/images/campfire.svg", HttpStatus.FOUND);
      return;
    }
    Account account = settings.current();
    String etag = "\"logo-" + account.logoKey() + "-" + (size == null ? "large" : size) + "\"";
    boolean current = Long.toString(account.updatedAt()).equals(ctx.queryParam("v"));
    ctx.header("ETag", etag).header("X-Content-Type-Options", "nosniff")
        .header("Cache-Control", current ? "public, max-age=31536000, immutable" : "public, no-cache");
    if (etag.equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    ctx.contentType("image/png").result(logo.get());
  }

  public void destroyLogo(Context ctx) {
    settings.removeLogo();
    Flash.set(ctx, "The logo is back to the stock one.");
    ctx.redirect("/account/edit", HttpStatus.SEE_OTHER);
  }

  public void regenerateJoinCode(Context ctx) {
    accounts.regenerateJoinCode();
    Flash.set(ctx, "There is a new invite link. The old one no longer works.");
    ctx.redirect("/account/edit", HttpStatus.SEE_OTHER);
  }

  public void editCustomStyles(Context ctx) {
    String css = settings.current().customStyles();
    screens.render(ctx, 200, "Custom CSS", (t, page, me, sidebar) -> t.adminCustom_styles(page, me, sidebar, css == null ? "" : css));
  }

  public void updateCustomStyles(Context ctx) {
    settings.updateCustomStyles(Requests.formParam(ctx, "account[custom_styles]"));
    Flash.set(ctx, "Custom CSS saved.");
    ctx.redirect("/account/custom_styles/edit", HttpStatus.SEE_OTHER);
  }

  private void render(Context ctx, String name, String error, int status) {
    Account account = settings.current();
    String inviteUrl = Requests.origin(ctx) + account.joinPath();
    List<User> people = users.active().stream().filter(u -> !u.isBot()).toList();
    Map<Long, String> avatarUrls = new HashMap<>();
    people.forEach(person -> avatarUrls.put(person.id(), avatars.url(person)));
    screens.render(ctx, status, "Account settings", (t, page, me, sidebar) ->
        t.adminAccount(page, me, sidebar, account, name, error, inviteUrl, QrCodeHandlers.path(inviteUrl), people, avatarUrls));
  }
}
