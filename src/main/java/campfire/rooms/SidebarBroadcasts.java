package campfire.rooms;

import campfire.realtime.Broadcaster;
import campfire.realtime.Streams;
import campfire.web.Pages;
import gg.jte.generated.precompiled.Templates;
import campfire.web.TurboStreams;
import java.util.Collection;
import java.util.Map;

/** Keeps every affected person's sidebar current when rooms come, change or go. */
public final class SidebarBroadcasts {
  private final Templates templates;
  private final Rooms rooms;
  private final Broadcaster broadcaster;

  public SidebarBroadcasts(Pages pages, Rooms rooms, Broadcaster broadcaster) {
    this.templates = pages.templates();
    this.rooms = rooms;
    this.broadcaster = broadcaster;
  }

  public void added(Room room, Collection<Long> userIds) {
    String shared = room.isDirect() ? null : link(rooms.entryFor(0, room));
    for (long userId : userIds) {
      String html = shared != null ? shared : link(rooms.entryFor(userId, room));
      broadcaster.broadcastHtml(Streams.userRooms(userId),
          TurboStreams.append(room.isDirect() ? "direct_rooms" : "shared_rooms", html));
    }
  }

  public void changed(Room room, Collection<Long> userIds) {
    String shared = room.isDirect() ? null : link(rooms.entryFor(0, room));
    for (long userId : userIds) {
      String html = shared != null ? shared : link(rooms.entryFor(userId, room));
      broadcaster.broadcastHtml(Streams.userRooms(userId), TurboStreams.replace("list_room_" + room.id(), html));
    }
  }

  /**
   * The people are out of the room (deleted, or taken out): it leaves their sidebars, their live
   * streams of it are cut, and a tab that has it open goes to their rooms saying {@code notice}.
   */
  public void removed(long roomId, Collection<Long> userIds, String notice) {
    String stream = TurboStreams.remove("list_room_" + roomId)
        + TurboStreams.signal("room_gone", java.util.Map.of("room-id", Long.toString(roomId), "notice", notice));
    for (long userId : userIds) {
      broadcaster.broadcastHtml(Streams.userRooms(userId), stream);
      broadcaster.disconnectFromRoom(userId, roomId);
    }
  }

  /** The person chose not to see the room: it leaves their sidebar but they stay a member. */
  public void hidden(long roomId, long userId) {
    broadcaster.broadcastHtml(Streams.userRooms(userId), TurboStreams.remove("list_room_" + roomId));
  }

  private String link(RoomEntry entry) {
    return templates.roomsLink(entry, false).render();
  }
}
