package campfire.messages;

import campfire.realtime.Broadcaster;
import campfire.realtime.Streams;
import campfire.web.TurboStreams;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Saying something in a room, whoever says it (a person, a bot, a webhook reply): store it once,
 * render it once, send the same Turbo Stream to everyone in the room, tell the newly unread, and
 * let listeners (webhooks) react.
 */
public final class Posting {
  private final Messages messages;
  private final MessageFragments fragments;
  private final Broadcaster broadcaster;
  private final List<Consumer<Message>> listeners = new ArrayList<>();

  public Posting(Messages messages, MessageFragments fragments, Broadcaster broadcaster) {
    this.messages = messages;
    this.fragments = fragments;
    this.broadcaster = broadcaster;
  }

  /** Called after each new message is committed and broadcast (never for a retried post). */
  public void onPosted(Consumer<Message> listener) { listeners.add(listener); }

  public record Result(Message message, boolean created, String turboStream) {}

  public Result post(long roomId, long creatorId, String clientMessageId, String sanitizedHtml) {
    return post(roomId, creatorId, clientMessageId, sanitizedHtml, (h, messageId) -> { });
  }

  /** With something stored in the same transaction (an attachment). */
  public Result post(long roomId, long creatorId, String clientMessageId, String sanitizedHtml, Messages.Extra extra) {
    Messages.Posted posted = messages.post(roomId, creatorId, clientMessageId, sanitizedHtml, extra);
    String stream = TurboStreams.append("messages_room_" + roomId, render(posted.message()));
    if (posted.created()) {
      broadcaster.broadcastHtml(Streams.roomMessages(roomId), stream);
      String unread = "{\"roomId\":" + roomId + "}";
      posted.markedUnread().forEach(userId -> broadcaster.broadcastJson(Streams.userUnreadRooms(userId), unread));
      listeners.forEach(listener -> listener.accept(posted.message()));
    }
    return new Result(posted.message(), posted.created(), stream);
  }

  public Result edit(Message message, String sanitizedHtml) {
    Message edited = messages.edit(message, sanitizedHtml);
    String stream = TurboStreams.replace(edited.domId(), render(edited));
    broadcaster.broadcastHtml(Streams.roomMessages(edited.roomId()), stream);
    return new Result(edited, false, stream);
  }

  /** Returns the Turbo Stream that removed it, for the reply to whoever deleted it. */
  public String delete(Message message) {
    messages.delete(message);
    String stream = TurboStreams.remove(message.domId());
    broadcaster.broadcastHtml(Streams.roomMessages(message.roomId()), stream);
    return stream;
  }

  public MessageFragments fragments() { return fragments; }

  public String render(Message message) {
    return fragments.html(message);
  }
}
