package campfire.rooms;

/** A place to talk: open to everyone, closed to its members, or a direct Ping. */
public record Room(long id, String name, String type, Long creatorId, Long lastMessageAt, long createdAt, long updatedAt) {
  public static final String OPEN = "open";
  public static final String CLOSED = "closed";
  public static final String DIRECT = "direct";

  public boolean isDirect() { return DIRECT.equals(type); }

  public boolean isOpen() { return OPEN.equals(type); }

  public String path() { return "/rooms/" + id; }
}
