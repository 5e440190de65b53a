package campfire.realtime;

/** What the cable asks the rooms feature: may this person follow this room, and are they here. */
public interface RoomGate {
  /** Whether the person may follow the room: the same scope that loads a room for a page ({@code Rooms.findFor}). */
  boolean isMember(long userId, long roomId);

  /** PresenceChannel subscribed or "present": the person is looking at the room (clears unread). */
  void connected(long userId, long roomId);

  /** PresenceChannel "refresh", every 50 s while the room stays open. */
  void refreshed(long userId, long roomId);

  /** PresenceChannel "absent", unsubscribed, or the socket closed. */
  void disconnected(long userId, long roomId);
}
