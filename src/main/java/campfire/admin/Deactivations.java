package campfire.admin;

import campfire.accounts.Sessions;
import campfire.accounts.User;
import campfire.accounts.Users;
import campfire.db.Database;
import campfire.push.PushSubscriptions;
import campfire.rooms.Memberships;
import campfire.search.Searches;

/**
 * Deactivating a person, in one transaction through each table's owner: out of every shared room,
 * signed out everywhere, no push subscriptions or recent searches left, their email free for
 * someone else.
 */
public final class Deactivations {
  private final Database database;

  public Deactivations(Database database) { this.database = database; }

  /** Their open sockets are closed by the caller (every session of theirs is revoked). */
  public void deactivate(User user) {
    database.writeVoid(h -> {
      Memberships.leaveSharedRooms(h, user.id());
      PushSubscriptions.deleteAllOf(h, user.id());
      Searches.clear(h, user.id());
      Sessions.endAll(h, user.id());
      Users.markDeactivated(h, user.id());
    });
  }
}
