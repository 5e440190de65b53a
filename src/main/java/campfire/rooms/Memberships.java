package campfire.rooms;

import campfire.db.Database;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** Who is in which room, and how closely they follow it. */
public final class Memberships {
  public static final List<String> INVOLVEMENTS = List.of("invisible", "nothing", "mentions", "everything");

  private Memberships() {}

  /** The people added and removed when a room's members become exactly {@code wanted}. */
  public record Revision(Set<Long> added, Set<Long> removed) {}

  static Set<Long> memberIds(Handle h, long roomId) {
    return new LinkedHashSet<>(h.createQuery("SELECT user_id FROM memberships WHERE room_id = ? ORDER BY user_id")
        .bind(0, roomId).mapTo(Long.class).list());
  }

  static void grant(Handle h, long roomId, Collection<Long> userIds, String involvement) {
    long now = Database.now();
    for (long userId : userIds) {
      h.execute("INSERT INTO memberships (room_id, user_id, involvement, created_at) VALUES (?, ?, ?, ?) "
          + "ON CONFLICT (room_id, user_id) DO NOTHING", roomId, userId, involvement, now);
    }
  }

  static void revoke(Handle h, long roomId, long userId) {
    h.execute("DELETE FROM memberships WHERE room_id = ? AND user_id = ?", roomId, userId);
  }

  static Revision revise(Handle h, long roomId, Set<Long> wanted) {
    Set<Long> current = memberIds(h, roomId);
    Set<Long> added = new LinkedHashSet<>(wanted);
    added.removeAll(current);
    Set<Long> removed = new LinkedHashSet<>(current);
    removed.removeAll(wanted);
    grant(h, roomId, added, "mentions");
    for (long userId : removed) h.execute("DELETE FROM memberships WHERE room_id = ? AND user_id = ?", roomId, userId);
    return new Revision(added, removed);
  }

  /** Only people who exist and are active (never bots, who join rooms through their own admin page). */
  static Set<Long> activePeople(Handle h, Collection<Long> ids) { return active(h, ids, false); }

  /** Active people and bots: a Ping may include a bot. */
  static Set<Long> activePeopleAndBots(Handle h, Collection<Long> ids) { return active(h, ids, true); }

  private static Set<Long> active(Handle h, Collection<Long> ids, boolean bots) {
    Set<Long> valid = new LinkedHashSet<>();
    for (long id : new ArrayList<>(ids)) {
      boolean ok = h.createQuery("SELECT EXISTS (SELECT 1 FROM users WHERE id = ? AND active = 1" + (bots ? "" : " AND role <> 'bot'") + ")")
          .bind(0, id).mapTo(Boolean.class).one();
      if (ok) valid.add(id);
    }
    return valid;
  }
}
