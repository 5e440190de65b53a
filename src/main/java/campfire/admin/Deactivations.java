package campfire.admin;

import campfire.accounts.User;
import campfire.db.Database;
import java.util.List;

/** Deactivating a person: out of every shared room, signed out everywhere, their email free for someone else. */
public final class Deactivations {
  private final Database database;

  public Deactivations(Database database) { this.database = database; }

  /** Returns the shared rooms the person left, so their sidebars and live streams can let go. */
  public List<Long> deactivate(User user) {
    return database.write(h -> {
      List<Long> rooms = h.createQuery("SELECT m.room_id FROM memberships m JOIN rooms r ON r.id = m.room_id "
          + "WHERE m.user_id = ? AND r.type <> 'direct'").bind(0, user.id()).mapTo(Long.class).list();
      h.execute("DELETE FROM memberships WHERE user_id = ? AND room_id IN (SELECT id FROM rooms WHERE type <> 'direct')", user.id());
      h.execute("DELETE FROM push_subscriptions WHERE user_id = ?", user.id());
      h.execute("DELETE FROM searches WHERE user_id = ?", user.id());
      h.execute("DELETE FROM sessions WHERE user_id = ?", user.id());
      h.execute("UPDATE users SET active = 0, updated_at = ? WHERE id = ?", Database.now(), user.id());
      return rooms;
    });
  }

  public void changeRole(User user, String role) {
    database.writeVoid(h -> h.execute("UPDATE users SET role = ?, updated_at = ? WHERE id = ?", role, Database.now(), user.id()));
  }
}
