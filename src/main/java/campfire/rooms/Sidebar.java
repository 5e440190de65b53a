package campfire.rooms;

import java.util.List;

/** A person's rooms: shared ones by name, Pings by recent activity, and the signed stream that keeps it live. */
public record Sidebar(List<RoomEntry> shared, List<RoomEntry> direct, long currentRoomId, String roomsStream) {
  public Sidebar(List<RoomEntry> shared, List<RoomEntry> direct, long currentRoomId) {
    this(shared, direct, currentRoomId, null);
  }

  public Sidebar withStreams(String signedRoomsStream) {
    return new Sidebar(shared, direct, currentRoomId, signedRoomsStream);
  }

  public boolean isCurrent(RoomEntry entry) { return entry.room().id() == currentRoomId; }
}
