package campfire.rooms;

import campfire.accounts.User;
import campfire.accounts.Welcome;
import org.jdbi.v3.core.Handle;

/** Rooms' part of an arrival: the first administrator opens "All Talk"; a new member joins every open room. */
public final class RoomsWelcome implements Welcome {
  public static final String FIRST_ROOM = "All Talk";

  @Override
  public long firstRoom(Handle h, User administrator) { return Rooms.insertOpen(h, FIRST_ROOM, administrator.id()); }

  @Override
  public void joined(Handle h, User member) { Rooms.grantOpenRoomsTo(h, member.id()); }
}
