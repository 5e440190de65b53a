package campfire.rooms;

/** A room as one person sees it in their sidebar. */
public record RoomEntry(Room room, String displayName, String involvement, boolean unread) {
  public String domId() { return "list_room_" + room.id(); }
}
