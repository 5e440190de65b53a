package campfire.realtime;

import java.util.OptionalLong;

/** The one place stream names are made: per room or per person, never global. */
public final class Streams {
  private Streams() {}

  public static String roomMessages(long roomId) { return "room:" + roomId + ":messages"; }

  public static String roomTyping(long roomId) { return "room:" + roomId + ":typing"; }

  public static String userRooms(long userId) { return "user:" + userId + ":rooms"; }

  public static String userUnreadRooms(long userId) { return "user:" + userId + ":unread_rooms"; }

  public static String userReadRooms(long userId) { return "user:" + userId + ":read_rooms"; }

  /** The room a room stream belongs to, if it is one. */
  public static OptionalLong roomOf(String stream) { return idAfter("room:", stream); }

  /** The person a personal stream belongs to, if it is one. */
  public static OptionalLong userOf(String stream) { return idAfter("user:", stream); }

  private static OptionalLong idAfter(String prefix, String stream) {
    if (stream == null || !stream.startsWith(prefix)) return OptionalLong.empty();
    int end = stream.indexOf(':', prefix.length());
    String id = end < 0 ? stream.substring(prefix.length()) : stream.substring(prefix.length(), end);
    return id.matches("\\d{1,18}") ? OptionalLong.of(Long.parseLong(id)) : OptionalLong.empty();
  }
}
