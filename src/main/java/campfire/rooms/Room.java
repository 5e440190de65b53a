package campfire.rooms;

/** A place to talk: open to everyone, closed to its members, or a direct Ping. */
public record Room(long id, String name, String type, Long creatorId, Long lastMessageAt, long createdAt, long updatedAt) {
  public static final String OPEN = "open";
  public static final String CLOSED = "closed";
  public static final String DIRECT = "direct";

  public boolean isDirect() { return DIRECT.equals(type); }

  public boolean isOpen() { return OPEN.equals(type); }

  /** A shared room for selected people only (neither open to everyone nor a Ping). */
  public boolean isClosed() { return !isOpen() && !isDirect(); }

  public String path() { return "/rooms/" + id; }

  /** Campfire's rule: a shared room's name and people are changed by administrators and its creator. */
  public boolean settingsChangeableBy(campfire.accounts.User person) {
    return !isDirect() && person.canAdminister(creatorId == null ? -1 : creatorId);
  }

  /** A shared room is deleted by administrators and its creator; a Ping only by administrators (its people may leave it). */
  public boolean deletableBy(campfire.accounts.User person) {
    return isDirect() ? person.isAdministrator() : settingsChangeableBy(person);
  }
}
