package campfire.realtime;

/** Who is on the other end of a cable connection, and through which session they signed in. */
public record CableUser(long id, String name, boolean bot, long sessionId) {}
