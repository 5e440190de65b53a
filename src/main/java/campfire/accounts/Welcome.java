package campfire.accounts;

import org.jdbi.v3.core.Handle;

/**
 * What the rest of the product gives a person on arrival, written in the same transaction that
 * adds them (so nobody exists without their rooms). Accounts knows nothing of rooms; the rooms
 * feature implements this ({@code rooms.RoomsWelcome}) and the composition root hands it over.
 */
public interface Welcome {
  /** The new install's first room, made for its first administrator; returns its id. */
  long firstRoom(Handle h, User administrator);

  /** A person who joined through the invite link gets what every member has. */
  void joined(Handle h, User member);
}
