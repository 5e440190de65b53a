package campfire.rooms;

import java.util.List;

/** A person's rooms: shared ones by name, Pings by recent activity, and the signed stream that keeps it live. */
public record Sidebar(List<RoomEntry> shared, List<RoomEntry> direct, long currentRoomId, String roomsStream, boolean mayCreateRooms) {
  public Sidebar(List<RoomEntry> shared, List<RoomEntry> direct, long currentRoomId) {
    this(shared, direct, currentRoomId, null, false);
  }

  /** The sidebar as a page shows it: kept current by the signed stream, with "New room" when the person may make one. */
  public Sidebar live(String signedRoomsStream, boolean mayCreateRooms) {
    return new Sidebar(shared, direct, currentRoomId, signedRoomsStream, mayCreateRooms);
  }

  public boolean isCurrent(RoomEntry entry) { return entry.room().id() == currentRoomId; }
}
