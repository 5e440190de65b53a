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
    long now = Database.now(h);
    for (long userId : userIds) {
      h.execute("INSERT INTO memberships (room_id, user_id, involvement, created_at) VALUES (?, ?, ?, ?) "
          + "ON CONFLICT (room_id, user_id) DO NOTHING", roomId, userId, involvement, now);
    }
  }

  static void revoke(Handle h, long roomId, long userId) {
    h.execute("DELETE FROM memberships WHERE room_id = ? AND user_id = ?", roomId, userId);
  }

  /** Every active person (never a bot) joins a new open room. */
  static void grantEveryone(Handle h, long roomId) {
    h.execute("INSERT INTO memberships (room_id, user_id, created_at) SELECT ?, id, ? FROM users WHERE active = 1 AND role <> 'bot'",
        roomId, Database.now(h));
  }

  /** The person joins every open room they are not in yet. */
  static void joinOpenRooms(Handle h, long userId) {
    h.execute("INSERT INTO memberships (room_id, user_id, created_at) SELECT id, ?, ? FROM rooms WHERE type = 'open' "
        + "AND id NOT IN (SELECT room_id FROM memberships WHERE user_id = ?)", userId, Database.now(h), userId);
  }

  /** Out of every shared room; their Pings stay (a deactivated person's Pings keep their name and history). */
  public static void leaveSharedRooms(Handle h, long userId) {
    h.execute("DELETE FROM memberships WHERE user_id = ? AND room_id IN (SELECT id FROM rooms WHERE type <> 'direct')", userId);
  }

  /** Out of every room, Pings included (a retired bot). */
  public static void leaveEveryRoom(Handle h, long userId) {
    h.execute("DELETE FROM memberships WHERE user_id = ?", userId);
  }

  static void setInvolvement(Handle h, long userId, long roomId, String involvement) {
    h.execute("UPDATE memberships SET involvement = ? WHERE user_id = ? AND room_id = ?", involvement, userId, roomId);
  }

  /**
   * A new message marks the room unread for everyone in it but its author who is not looking at
   * it now; returns who was marked (their sidebars light up).
   */
  public static List<Long> markUnread(Handle h, long roomId, long authorId, long now) {
    return h.createQuery("UPDATE memberships SET unread_at = ? WHERE room_id = ? AND user_id <> ? AND unread_at IS NULL "
            + "AND " + RoomPresence.NOT_CONNECTED_SQL + " RETURNING user_id")
        .bind(0, now).bind(1, roomId).bind(2, authorId).bind(3, now - RoomPresence.CONNECTED_WINDOW_MILLIS)
        .mapTo(Long.class).list();
  }

  /** How many of the person's rooms are unread (a push notification's badge). */
  public static long unreadRooms(Handle h, long userId) {
    return h.createQuery("SELECT COUNT(*) FROM memberships WHERE user_id = ? AND unread_at IS NOT NULL").bind(0, userId).mapTo(Long.class).one();
  }

  /** One more open view of the room: it counts as read. Returns whether the person is in the room. */
  static boolean connect(Handle h, long userId, long roomId) {
    return h.createUpdate("UPDATE memberships SET connections = connections + 1, connected_at = ?, unread_at = NULL "
        + "WHERE room_id = ? AND user_id = ?").bind(0, Database.now(h)).bind(1, roomId).bind(2, userId).execute() > 0;
  }

  /** An open view says it is still there. */
  static void stillConnected(Handle h, long userId, long roomId) {
    h.execute("UPDATE memberships SET connected_at = ? WHERE room_id = ? AND user_id = ? AND connections > 0", Database.now(h), roomId, userId);
  }

  static void disconnect(Handle h, long userId, long roomId) {
    h.execute("UPDATE memberships SET connections = CASE WHEN connections > 0 THEN connections - 1 ELSE 0 END WHERE room_id = ? AND user_id = ?",
        roomId, userId);
  }

  static Revision revise(Handle h, long roomId, Set<Long> wanted) {
    Set<Long> current = memberIds(h, roomId);
    Set<Long> added = new LinkedHashSet<>(wanted);
    added.removeAll(current);
    Set<Long> removed = new LinkedHashSet<>(current);
    removed.removeAll(wanted);
    grant(h, roomId, added, "mentions");
    for (long userId : removed) revoke(h, roomId, userId);
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
