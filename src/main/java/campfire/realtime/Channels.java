package campfire.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalLong;

/**
 * The channels a client may subscribe to. Subscribing is authorizing: each channel checks who is
 * asking and returns null to reject.
 */
final class Channels {
  static final String ROOM_MESSAGES = "RoomMessagesChannel";
  static final String TURBO_STREAMS = "Turbo::StreamsChannel";
  static final String PRESENCE = "PresenceChannel";
  static final String TYPING = "TypingNotificationsChannel";
  static final String UNREAD_ROOMS = "UnreadRoomsChannel";
  static final String READ_ROOMS = "ReadRoomsChannel";
  static final String HEARTBEAT = "HeartbeatChannel";
  /** Who sent a typing "start" in the last second, per person and room. */
  private final com.github.benmanes.caffeine.cache.Cache<String, Boolean> recentTypists = com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
      .expireAfterWrite(java.time.Duration.ofSeconds(1)).maximumSize(100_000).build();

  private final StreamNames streamNames;
  private final RoomGate rooms;
  private final Broadcaster broadcaster;
  private final Frames frames;

  Channels(StreamNames streamNames, RoomGate rooms, Broadcaster broadcaster, Frames frames) {
    this.streamNames = streamNames;
    this.rooms = rooms;
    this.broadcaster = broadcaster;
    this.frames = frames;
  }

  /** The new subscription, or null when the channel is unknown or the person may not have it. */
  Subscription subscribe(CableConnection connection, String identifier, ObjectNode params) {
    CableUser me = connection.user();
    JsonNode channel = params.get("channel");
    if (channel == null || !channel.isTextual()) return null;
    return switch (channel.asText()) {
      case ROOM_MESSAGES -> roomMessages(connection, identifier, me, streamNames.verify(text(params, "signed_stream_name")));
      case TURBO_STREAMS -> turboStream(connection, identifier, me, streamNames.verify(text(params, "signed_stream_name")));
      case PRESENCE -> presence(connection, identifier, me, roomId(params));
      case TYPING -> typing(connection, identifier, me, roomId(params));
      case UNREAD_ROOMS -> new Subscription(connection, identifier, Streams.userUnreadRooms(me.id()), Subscription.NO_ROOM,
          Subscription.Behaviour.NONE);
      case READ_ROOMS -> new Subscription(connection, identifier, Streams.userReadRooms(me.id()), Subscription.NO_ROOM,
          Subscription.Behaviour.NONE);
      case HEARTBEAT -> new Subscription(connection, identifier, null, Subscription.NO_ROOM, Subscription.Behaviour.NONE);
      default -> null;
    };
  }

  private Subscription roomMessages(CableConnection connection, String identifier, CableUser me, String stream) {
    OptionalLong room = Streams.roomOf(stream);
    if (room.isEmpty() || !stream.equals(Streams.roomMessages(room.getAsLong())) || !rooms.isMember(me.id(), room.getAsLong())) {
      return null;
    }
    return new Subscription(connection, identifier, stream, room.getAsLong(), Subscription.Behaviour.NONE);
  }

  /** A valid signature is the permission; personal and room streams are checked again all the same. */
  private Subscription turboStream(CableConnection connection, String identifier, CableUser me, String stream) {
    if (stream == null) return null;
    OptionalLong user = Streams.userOf(stream);
    if (user.isPresent() && user.getAsLong() != me.id()) return null;
    if (stream.startsWith("user:") && user.isEmpty()) return null;
    OptionalLong room = Streams.roomOf(stream);
    if (stream.startsWith("room:") && room.isEmpty()) return null;
    if (room.isPresent() && !rooms.isMember(me.id(), room.getAsLong())) return null;
    return new Subscription(connection, identifier, stream, room.orElse(Subscription.NO_ROOM), Subscription.Behaviour.NONE);
  }

  private Subscription presence(CableConnection connection, String identifier, CableUser me, long roomId) {
    if (roomId <= 0 || !rooms.isMember(me.id(), roomId)) return null;
    Presence presence = new Presence(me.id(), roomId);
    presence.present();
    return new Subscription(connection, identifier, null, roomId, presence);
  }

  private Subscription typing(CableConnection connection, String identifier, CableUser me, long roomId) {
    if (roomId <= 0 || !rooms.isMember(me.id(), roomId)) return null;
    String stream = Streams.roomTyping(roomId);
    return new Subscription(connection, identifier, stream, roomId, new Subscription.Behaviour() {
      @Override
      public void perform(String action, ObjectNode data) {
        if (!action.equals("start") && !action.equals("stop")) return;
        // One "start" a second per person and room, however many tabs or frames they send; "stop" always goes.
        String typist = me.id() + ":" + roomId;
        if (action.equals("start") && recentTypists.asMap().putIfAbsent(typist, Boolean.TRUE) != null) return;
        if (action.equals("stop")) recentTypists.invalidate(typist);
        ObjectNode notice = frames.object().put("action", action);
        notice.putObject("user").put("id", me.id()).put("name", me.name());
        broadcaster.broadcastJson(stream, frames.write(notice));
      }
    });
  }

  /** Counts this subscription once in the room's connections, however often present/absent repeat. */
  private final class Presence implements Subscription.Behaviour {
    private final long userId;
    private final long roomId;
    private boolean connected;

    Presence(long userId, long roomId) {
      this.userId = userId;
      this.roomId = roomId;
    }

    synchronized void present() {
      if (connected) {
        rooms.refreshed(userId, roomId);
      } else {
        rooms.connected(userId, roomId);
        connected = true;
      }
    }

    synchronized void absent() {
      if (!connected) return;
      connected = false;
      rooms.disconnected(userId, roomId);
    }

    @Override
    public void perform(String action, ObjectNode data) {
      switch (action) {
        case "present" -> present();
        case "absent" -> absent();
        case "refresh" -> { if (isConnected()) rooms.refreshed(userId, roomId); }
        default -> { }
      }
    }

    private synchronized boolean isConnected() { return connected; }

    @Override
    public void unsubscribed() { absent(); }
  }

  private static String text(ObjectNode params, String key) {
    JsonNode value = params.get(key);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  private static long roomId(ObjectNode params) {
    JsonNode value = params.get("room_id");
    if (value == null) return -1;
    if (value.isIntegralNumber() && value.canConvertToLong()) return value.asLong();
    if (value.isTextual() && value.asText().matches("\\d{1,18}")) return Long.parseLong(value.asText());
    return -1;
  }
}
