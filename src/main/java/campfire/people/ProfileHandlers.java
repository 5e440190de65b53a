package campfire.people;

import campfire.domain.DomainError;
import campfire.accounts.Authentication;
import campfire.accounts.Sessions;
import campfire.accounts.User;
import campfire.accounts.Users;
import campfire.realtime.Broadcaster;
import campfire.rooms.Screens;
import campfire.web.Flash;
import campfire.web.Requests;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Optional;

/** GET/PATCH /users/me/profile, DELETE /users/me/avatar, and GET /users/:id. */
public final class ProfileHandlers {
  private final Screens screens;
  private final Users users;
  private final Profiles profiles;
  private final Avatars avatars;
  private final SessionTransfers transfers;
  private final Sessions sessions;
  private final Broadcaster broadcaster;

  public ProfileHandlers(Screens screens, Users users, Profiles profiles, Avatars avatars, SessionTransfers transfers, Sessions sessions,
      Broadcaster broadcaster) {
    this.sessions = sessions;
    this.broadcaster = broadcaster;
    this.screens = screens;
    this.users = users;
    this.profiles = profiles;
    this.avatars = avatars;
    this.transfers = transfers;
  }

  public void edit(Context ctx) {
    User me = fresh(ctx);
    render(ctx, me, new Profiles.Changes(me.name(), me.emailAddress(), "", me.bio(), ""), null, 200);
  }

  public void update(Context ctx) {
    User me = fresh(ctx);
    Profiles.Changes changes = new Profiles.Changes(Requests.formParam(ctx, "user[name]"), Requests.formParam(ctx, "user[email_address]"),
        Requests.formParam(ctx, "user[password]"), Requests.formParam(ctx, "user[bio]"), Requests.formParam(ctx, "user[current_password]"));
    try {
      Optional<byte[]> avatar = Uploads.picture(ctx, "user[avatar]").map(avatars::prepare);
      profiles.update(me, changes);
      avatar.ifPresent(png -> avatars.store(me, png));
    } catch (DomainError.Invalid invalid) {
      render(ctx, me, new Profiles.Changes(changes.name(), changes.emailAddress(), "", changes.bio(), ""), invalid.getMessage(), 422);
      return;
    }
    if (changes.changesPassword()) signOutOthers(ctx, me);
    Flash.set(ctx, changes.changesPassword() ? "Your profile is saved, and your new password signed you out everywhere else."
        : "Your profile is saved.");
    ctx.redirect("/users/me/profile", HttpStatus.SEE_OTHER);
  }

  /** DELETE /users/me/sessions: signs out every other browser of the person, closing their live connections. */
  public void destroyOtherSessions(Context ctx) {
    int ended = signOutOthers(ctx, fresh(ctx));
    Flash.set(ctx, ended == 0 ? "You are signed in only here." : "Signed out of " + ended + (ended == 1 ? " other session." : " other sessions."));
    ctx.redirect("/users/me/profile", HttpStatus.SEE_OTHER);
  }

  private int signOutOthers(Context ctx, User me) {
    List<Long> ended = sessions.endOthers(me.id(), Authentication.currentSession(ctx).sessionId());
    ended.forEach(sessionId -> broadcaster.disconnectSessions(me.id(), sessionId));
    return ended.size();
  }

  public void destroyAvatar(Context ctx) {
    avatars.remove(fresh(ctx));
    Flash.set(ctx, "Your picture is removed.");
    ctx.redirect("/users/me/profile", HttpStatus.SEE_OTHER);
  }

  /** A person as others see them; administrators also get their sign-in link and the ban. */
  public void show(Context ctx) {
    User me = Authentication.currentUser(ctx);
    User user = users.find(Requests.idParam(ctx, "id")).filter(User::active).orElseThrow(DomainError.NotFound::new);
    boolean banned = users.isBanned(user.id());
    boolean transfer = me.isAdministrator() && !user.isBot();
    String transferUrl = transfer ? Requests.origin(ctx) + transfers.path(user.id()) : null;
    String qrPath = transfer ? QrCodeHandlers.path(transferUrl) : null;
    screens.render(ctx, 200, user.name(), (t, page, self, sidebar) ->
        t.peopleShow(page, self, sidebar, user, avatars.url(user), banned, transferUrl, qrPath));
  }

  private void render(Context ctx, User me, Profiles.Changes form, String error, int status) {
    String transferUrl = Requests.origin(ctx) + transfers.path(me.id());
    var roomsOfMe = profiles.roomsOf(me);
    var sessionsOfMe = sessions.of(me.id(), Authentication.currentSession(ctx).sessionId());
    screens.render(ctx, status, "Your profile", (t, page, self, sidebar) -> t.peopleProfile(page, self, sidebar, me, form, error,
        avatars.url(me), me.avatarKey() != null, transferUrl, QrCodeHandlers.path(transferUrl), roomsOfMe, sessionsOfMe));
  }

  private User fresh(Context ctx) {
    return users.find(Authentication.currentUser(ctx).id()).orElseThrow(DomainError.NotFound::new);
  }
}
