package campfire.realtime;

/** Who is on the other end of a cable connection. */
public record CableUser(long id, String name, boolean bot) {}
