package campfire.admin;

import campfire.domain.DomainError;
import campfire.accounts.Sessions;
import campfire.accounts.User;
import campfire.accounts.Users;
import campfire.db.Database;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Banned people and the public addresses they used: those addresses may read but not write. */
public final class Bans {
  private final Database database;

  public Bans(Database database) { this.database = database; }

  /** Bans the addresses, ends every session and marks the person banned; returns the addresses banned. */
  public Set<String> ban(User user) {
    return database.write(h -> {
      Set<String> addresses = new LinkedHashSet<>();
      for (String ip : Sessions.addressesOf(h, user.id())) {
        if (campfire.net.Addresses.isPublic(ip)) addresses.add(ip);
      }
      long now = Database.now(h);
      for (String ip : addresses) {
        h.execute("INSERT INTO bans (user_id, ip_address, created_at) SELECT ?, ?, ? "
            + "WHERE NOT EXISTS (SELECT 1 FROM bans WHERE user_id = ? AND ip_address = ?)", user.id(), ip, now, user.id(), ip);
      }
      Sessions.endAll(h, user.id());
      Users.markBanned(h, user.id(), now);
      return addresses;
    });
  }

  public void unban(User user) {
    database.writeVoid(h -> {
      h.execute("DELETE FROM bans WHERE user_id = ?", user.id());
      Users.clearBan(h, user.id());
    });
  }

  public List<String> addressesOf(long userId) {
    return database.read(h -> h.createQuery("SELECT ip_address FROM bans WHERE user_id = ? ORDER BY id").bind(0, userId)
        .mapTo(String.class).list());
  }

  /** Runs before every state-changing request. */
  public void refuseBanned(String ip) {
    if (ip == null) return;
    boolean banned = database.read(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM bans WHERE ip_address = ?)").bind(0, ip)
        .mapTo(Boolean.class).one());
    if (banned) throw new DomainError.Busy(3600);
  }
}
