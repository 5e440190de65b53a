package campfire.admin;

import campfire.domain.DomainError;
import campfire.accounts.Authentication;
import campfire.accounts.User;
import campfire.accounts.Users;
import campfire.ops.Audit;
import campfire.realtime.Broadcaster;
import campfire.web.Flash;
import campfire.web.Requests;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/** PATCH /account/users/:id (role), DELETE /account/users/:id (deactivate), POST/DELETE /users/:id/ban. */
public final class PeopleHandlers {
  private final Users users;
  private final Deactivations deactivations;
  private final Bans bans;
  private final MessageRemoval removal;
  private final Broadcaster broadcaster;

  public PeopleHandlers(Users users, Deactivations deactivations, Bans bans, MessageRemoval removal, Broadcaster broadcaster) {
    this.users = users;
    this.deactivations = deactivations;
    this.bans = bans;
    this.removal = removal;
    this.broadcaster = broadcaster;
  }

  public void changeRole(Context ctx) {
    User me = Authentication.currentUser(ctx);
    User person = someoneElse(ctx, me, "You can't change your own role; ask another administrator.");
    String role = Requests.formParam(ctx, "user[role]");
    if (!User.ADMINISTRATOR.equals(role) && !User.MEMBER.equals(role)) {
      throw new DomainError.Invalid("Role must be administrator or member.");
    }
    users.changeRole(person.id(), role);
    Audit.event("role_change", "user_id", person.id(), "role", role, "by", me.id());
    Flash.set(ctx, person.name() + (User.ADMINISTRATOR.equals(role) ? " is now an administrator." : " is now a member."));
    ctx.redirect("/account/edit", HttpStatus.SEE_OTHER);
  }

  public void deactivate(Context ctx) {
    User me = Authentication.currentUser(ctx);
    User person = someoneElse(ctx, me, "You can't deactivate yourself.");
    deactivations.deactivate(person);
    Audit.event("deactivation", "user_id", person.id(), "by", me.id());
    broadcaster.disconnectSessions(person.id(), Broadcaster.EVERY_SESSION);
    Flash.set(ctx, person.name() + " is deactivated.");
    ctx.redirect("/account/edit", HttpStatus.SEE_OTHER);
  }

  public void ban(Context ctx) {
    User me = Authentication.currentUser(ctx);
    User person = someoneElse(ctx, me, "You can't ban yourself.");
    bans.ban(person);
    Audit.event("ban", "user_id", person.id(), "by", me.id());
    broadcaster.disconnectSessions(person.id(), Broadcaster.EVERY_SESSION);
    removal.removeAllByLater(person.id());
    Flash.set(ctx, person.name() + " is banned. Their messages are being removed.");
    ctx.redirect("/users/" + person.id(), HttpStatus.SEE_OTHER);
  }

  public void unban(Context ctx) {
    User me = Authentication.currentUser(ctx);
    User person = someoneElse(ctx, me, "You can't ban or unban yourself.");
    bans.unban(person);
    Audit.event("unban", "user_id", person.id(), "by", me.id());
    Flash.set(ctx, person.name() + " may sign in again.");
    ctx.redirect("/users/" + person.id(), HttpStatus.SEE_OTHER);
  }

  private User someoneElse(Context ctx, User me, String refusal) {
    User person = users.find(Requests.idParam(ctx, "id")).filter(User::active).orElseThrow(DomainError.NotFound::new);
    if (person.id() == me.id()) throw new DomainError.Invalid(refusal);
    if (person.isBot()) throw new DomainError.Invalid("Bots are managed on the bots page.");
    return person;
  }
}
