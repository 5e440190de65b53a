package campfire.admin;

import campfire.accounts.User;
import campfire.db.Database;

/** Deactivating a person: out of every shared room, signed out everywhere, their email free for someone else. */
public final class Deactivations {
  private final Database database;

  public Deactivations(Database database) { this.database = database; }

  /** Their open sockets are closed by the caller (every session of theirs is revoked). */
  public void deactivate(User user) {
    database.writeVoid(h -> {
      h.execute("DELETE FROM memberships WHERE user_id = ? AND room_id IN (SELECT id FROM rooms WHERE type <> 'direct')", user.id());
      h.execute("DELETE FROM push_subscriptions WHERE user_id = ?", user.id());
      h.execute("DELETE FROM searches WHERE user_id = ?", user.id());
      h.execute("DELETE FROM sessions WHERE user_id = ?", user.id());
      h.execute("UPDATE users SET active = 0, updated_at = ? WHERE id = ?", Database.now(), user.id());
    });
  }

  public void changeRole(User user, String role) {
    database.writeVoid(h -> h.execute("UPDATE users SET role = ?, updated_at = ? WHERE id = ?", role, Database.now(), user.id()));
  }
}
