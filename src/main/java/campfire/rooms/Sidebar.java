package campfire.rooms;

import java.util.List;

/** A person's rooms: shared ones by name, Pings by recent activity. */
public record Sidebar(List<RoomEntry> shared, List<RoomEntry> direct, long currentRoomId) {
  public boolean isCurrent(RoomEntry entry) { return entry.room().id() == currentRoomId; }
}
