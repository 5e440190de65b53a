package campfire.rooms;

import campfire.db.Database;
import campfire.realtime.Broadcaster;
import campfire.realtime.RoomGate;
import campfire.realtime.Streams;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is looking at which room, kept on the membership: a count of open presence subscriptions
 * and when one last said it was there. Being present clears the room's unread mark.
 */
public final class RoomPresence implements RoomGate {
  /** The browser refreshes every 50 s; a member unheard of for longer has gone. */
  public static final long CONNECTED_WINDOW_MILLIS = 60_000;

  /**
   * For an UPDATE over {@code memberships} inside the caller's own transaction (marking a room
   * unread when a message is posted): the member is not looking at the room. Bind
   * {@code now - CONNECTED_WINDOW_MILLIS} to its one parameter.
   */
  public static final String NOT_CONNECTED_SQL = "(connections = 0 OR connected_at IS NULL OR connected_at < ?)";

  private final Database database;
  private final Broadcaster broadcaster;
  private final Rooms rooms;

  public RoomPresence(Database database, Broadcaster broadcaster, Rooms rooms) {
    this.database = database;
    this.broadcaster = broadcaster;
    this.rooms = rooms;
  }

  @Override
  public boolean isMember(long userId, long roomId) {
    return rooms.findFor(userId, roomId).isPresent();
  }

  /** Counts one more open view of the room, clears its unread mark, and tells the person's other tabs. */
  @Override
  public void connected(long userId, long roomId) {
    if (database.write(h -> Memberships.connect(h, userId, roomId))) broadcaster.broadcastJson(Streams.userReadRooms(userId), "{\"room_id\":" + roomId + "}");
  }

  @Override
  public void refreshed(long userId, long roomId) {
    database.writeVoid(h -> Memberships.stillConnected(h, userId, roomId));
  }

  @Override
  public void disconnected(long userId, long roomId) {
    database.writeVoid(h -> Memberships.disconnect(h, userId, roomId));
  }

  /** Whether the person has the room open right now (so a new message there is not unread for them). */
  public boolean isConnected(long userId, long roomId) {
    return database.read(h -> h.createQuery("SELECT COUNT(*) FROM memberships WHERE room_id = ? AND user_id = ? "
            + "AND connections > 0 AND connected_at >= ?")
        .bind(0, roomId).bind(1, userId).bind(2, Database.now(h) - CONNECTED_WINDOW_MILLIS).mapTo(Integer.class).one()) > 0;
  }

  /** Everyone who has the room open right now. */
  public Set<Long> connectedUserIds(long roomId) {
    return database.read(h -> h.createQuery("SELECT user_id FROM memberships WHERE room_id = ? AND connections > 0 AND connected_at >= ?")
        .bind(0, roomId).bind(1, Database.now(h) - CONNECTED_WINDOW_MILLIS).mapTo(Long.class).collect(Collectors.toCollection(HashSet::new)));
  }

  /** People connected to at least one room right now (for the active_users_count gauge). */
  public long connectedPeopleCount() {
    long since = database.now() - CONNECTED_WINDOW_MILLIS;
    return database.read(h -> h.createQuery("SELECT COUNT(DISTINCT user_id) FROM memberships WHERE connections > 0 AND connected_at >= ?")
        .bind(0, since).mapTo(Long.class).one());
  }
}
