package campfire.rooms;

import campfire.accounts.Accounts;
import campfire.accounts.User;
import campfire.realtime.Streams;
import java.util.function.UnaryOperator;

/**
 * The sidebar every app page shows: the person's rooms and Pings, with the signed stream that
 * keeps it current while the page is open (rooms made, renamed or left elsewhere).
 */
public final class LiveSidebars {
  private final Rooms rooms;
  private final Accounts accounts;
  private final UnaryOperator<String> signStream;

  public LiveSidebars(Rooms rooms, Accounts accounts, UnaryOperator<String> signStream) {
    this.rooms = rooms;
    this.accounts = accounts;
    this.signStream = signStream;
  }

  public Sidebar of(User me, long currentRoomId) {
    return rooms.sidebarFor(me.id(), currentRoomId).live(signStream.apply(Streams.userRooms(me.id())), accounts.mayCreateRooms(me));
  }
}
