package campfire.push;

import campfire.db.Database;
import campfire.messages.Message;
import campfire.rooms.Memberships;
import campfire.rooms.RoomPresence;
import campfire.rooms.Rooms;
import campfire.web.Json;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Who hears about a new message by push: members who can see the room, are not looking at it,
 * did not write it, and follow everything, or follow mentions and were mentioned.
 */
public final class Notifier {
  private static final int MAX_BODY = 200;
  private final Database database;
  private final PushSubscriptions subscriptions;
  private final PushDelivery delivery;

  public Notifier(Database database, PushSubscriptions subscriptions, PushDelivery delivery) {
    this.database = database;
    this.subscriptions = subscriptions;
    this.delivery = delivery;
  }

  record Recipient(long userId, String name, String involvement) {}

  record RoomInfo(String name, boolean direct) {}

  public void messagePosted(Message message) {
    long since = database.now() - RoomPresence.CONNECTED_WINDOW_MILLIS;
    List<Recipient> recipients = database.read(h -> h.createQuery("SELECT m.user_id, u.name, m.involvement FROM memberships m "
            + "JOIN users u ON u.id = m.user_id WHERE m.room_id = ? AND m.user_id <> ? AND u.active = 1 AND u.banned_at IS NULL AND u.role <> 'bot' "
            + "AND m.involvement IN ('everything', 'mentions') AND " + RoomPresence.NOT_CONNECTED_SQL)
        .bind(0, message.roomId()).bind(1, message.creatorId()).bind(2, since)
        .map((rs, ctx) -> new Recipient(rs.getLong("user_id"), rs.getString("name"), rs.getString("involvement"))).list());
    if (recipients.isEmpty()) return;
    RoomInfo room = database.read(h -> Rooms.find(h, message.roomId()))
        .map(found -> new RoomInfo(found.name() == null ? "" : found.name(), found.isDirect())).orElseThrow();
    java.util.Set<Long> mentioned = message.mentionedUserIds();
    for (Recipient recipient : recipients) {
      if (!"everything".equals(recipient.involvement()) && !mentioned.contains(recipient.userId())) continue;
      var targets = subscriptions.of(recipient.userId());
      if (targets.isEmpty()) continue;
      String payload = payload(message, room, unreadRooms(recipient.userId()));
      targets.forEach(target -> delivery.enqueue(target, payload));
    }
  }

  private long unreadRooms(long userId) {
    return database.read(h -> Memberships.unreadRooms(h, userId));
  }

  /** {title, options: {body, icon, data: {path, badge}}}: a Ping is titled by its author, a room by its name. */
  static String payload(Message message, RoomInfo room, long badge) {
    String text = message.bodyPlain().length() > MAX_BODY ? message.bodyPlain().substring(0, MAX_BODY) + "…" : message.bodyPlain();
    return Json.write(new Payload(room.direct() ? message.creatorName() : room.name(),
        new Options(room.direct() ? text : message.creatorName() + ": " + text, "/users/" + message.creatorId() + "/avatar",
            new Data(message.path(), badge))));
  }

  /** What the service worker shows: a title and the Notification API's options (no icon on a test). */
  record Payload(String title, Options options) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Options(String body, String icon, Data data) {}

  record Data(String path, long badge) {}

  /** A test notification for one subscription, from its profile page. */
  public void test(PushSubscriptions.PushSubscription target) {
    delivery.enqueue(target, Json.write(new Payload("Campfire", new Options("Notifications are working.", null, new Data("/", 0)))));
  }
}
