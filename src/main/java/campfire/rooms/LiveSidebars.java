package campfire.rooms;

import campfire.realtime.Streams;
import java.util.function.UnaryOperator;

/**
 * The sidebar every app page shows: the person's rooms and Pings, with the signed stream that
 * keeps it current while the page is open (rooms made, renamed or left elsewhere).
 */
public final class LiveSidebars {
  private final Rooms rooms;
  private final UnaryOperator<String> signStream;

  public LiveSidebars(Rooms rooms, UnaryOperator<String> signStream) {
    this.rooms = rooms;
    this.signStream = signStream;
  }

  public Sidebar of(long userId, long currentRoomId) {
    return rooms.sidebarFor(userId, currentRoomId).withStreams(signStream.apply(Streams.userRooms(userId)));
  }
}
