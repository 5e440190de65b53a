package campfire.bots;

import campfire.messages.Message;
import campfire.rooms.Rooms;
import campfire.web.Json;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Decides which bots hear a message (mentioned, as the message's verified mentions say, or any
 * message in a direct room with the bot, never its own) and queues a delivery for each in the
 * message's own transaction: a message saved is a delivery queued, even if the process dies the
 * moment after, and the queue survives a restart.
 */
final class Webhooks {

  private Webhooks() {}

  record Listener(long botId, String botName, long webhookId) {}

  /** In the message's transaction. */
  static void queue(Handle h, Message message) {
    List<Listener> listeners = h.createQuery("SELECT u.id, u.name, w.id AS webhook_id FROM memberships m "
            + "JOIN users u ON u.id = m.user_id JOIN webhooks w ON w.user_id = u.id "
            + "WHERE m.room_id = ? AND u.role = 'bot' AND u.active = 1 AND u.id <> ?")
        .bind(0, message.roomId()).bind(1, message.creatorId())
        .map((rs, ctx) -> new Listener(rs.getLong("id"), rs.getString("name"), rs.getLong("webhook_id"))).list();
    if (listeners.isEmpty()) return;
    Room room = room(h, message.roomId());
    for (Listener bot : listeners) {
      if (!room.direct() && !message.mentionedUserIds().contains(bot.botId())) continue;
      String payload = payload(message, room, bot.botName());
      DeliveryQueue.enqueue(h, bot.webhookId(), message.id(), payload);
    }
  }

  record Room(long id, String name, boolean direct) {}

  private static Room room(Handle h, long roomId) {
    campfire.rooms.Room room = Rooms.find(h, roomId).orElseThrow();
    return new Room(room.id(), room.name() == null ? "" : room.name(), room.isDirect());
  }

  /** The message as the bot sees it: its plain text without the mention of the bot, trimmed. */
  static String payload(Message message, Room room, String botName) {
    String plain = message.bodyPlain().replaceAll("(?i)@" + java.util.regex.Pattern.quote(botName), "").strip();
    return Json.write(new Payload(new UserJson(message.creatorId(), message.creatorName()),
        new RoomJson(room.id(), room.name(), "/rooms/" + room.id()),
        new MessageJson(message.id(), new BodyJson(message.safeHtml(), plain), message.path())));
  }

  /** What a bot's webhook receives: who wrote, where, and the message. */
  record Payload(UserJson user, RoomJson room, MessageJson message) {}

  record UserJson(long id, String name) {}

  record RoomJson(long id, String name, String path) {}

  record MessageJson(long id, BodyJson body, String path) {}

  record BodyJson(String html, String plain) {}
}
