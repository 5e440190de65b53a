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
 * let other features react: in the message's transaction (webhook deliveries) or after it (push).
 */
public final class Posting {
  private final Messages messages;
  private final MessageFragments fragments;
  private final Broadcaster broadcaster;
  private final Mentions mentions;
  private final List<Consumer<Message>> listeners = new ArrayList<>();
  private final List<Messages.Consequences> consequences = new ArrayList<>();

  public Posting(Messages messages, MessageFragments fragments, Broadcaster broadcaster, Mentions mentions) {
    this.messages = messages;
    this.fragments = fragments;
    this.broadcaster = broadcaster;
    this.mentions = mentions;
  }

  /**
   * A message body as every door makes it (composer, bot API, webhook reply): sanitised, and each
   * mention verified against the room's people, so no door can forge one. Only Posting makes
   * them, and posting or editing takes nothing else.
   */
  public static final class Body {
    static final Body EMPTY = new Body("");
    private final String html;

    private Body(String html) { this.html = html; }

    public String html() { return html; }

    /** Nothing to show (a file may still make it a message): every blank body is made {@link #EMPTY}. */
    public boolean isBlank() { return html.isEmpty(); }

    /** No text, no mention, no link card. */
    private static Body of(String html) {
      boolean blank = RichText.isBlank(html) && Presentation.mentionedUserIds(html).isEmpty() && !html.contains(Presentation.OPENGRAPH_TYPE);
      return blank ? EMPTY : new Body(html);
    }
  }

  /** Untrusted HTML (the composer's, a bot's) as a body for this room. */
  public Body html(String untrusted, long roomId) { return Body.of(mentions.resolve(RichText.sanitize(untrusted), roomId)); }

  /** Plain text, escaped into paragraphs (it cannot hold a mention). */
  public Body text(String plain) { return Body.of(RichText.fromPlainText(plain)); }

  /** No words, for a message that is only its file. */
  public Body empty() { return Body.EMPTY; }

  /** Called after each new message is committed and broadcast (never for a retried post). */
  public void onPosted(Consumer<Message> listener) { listeners.add(listener); }

  /**
   * Written in each new message's own transaction (never for a retried post): what must not be
   * lost if the process dies right after the message is saved (webhook deliveries, an outbox).
   */
  public void recordWith(Messages.Consequences recorder) { consequences.add(recorder); }

  public record Result(Message message, boolean created, String turboStream) {}

  public Result post(long roomId, long creatorId, String clientMessageId, Body body) {
    return post(roomId, creatorId, clientMessageId, body, (h, messageId) -> { });
  }

  /** With something stored in the same transaction (an attachment). */
  public Result post(long roomId, long creatorId, String clientMessageId, Body body, Messages.Extra extra) {
    Messages.Posted posted = messages.post(roomId, creatorId, clientMessageId, body.html(), extra,
        (h, message) -> consequences.forEach(recorder -> recorder.record(h, message)));
    String stream = TurboStreams.append("messages_room_" + roomId, render(posted.message()));
    if (posted.created()) {
      broadcaster.broadcastHtml(Streams.roomMessages(roomId), stream);
      String unread = "{\"roomId\":" + roomId + "}";
      posted.markedUnread().forEach(userId -> broadcaster.broadcastJson(Streams.userUnreadRooms(userId), unread));
      listeners.forEach(listener -> listener.accept(posted.message()));
    }
    return new Result(posted.message(), posted.created(), stream);
  }

  public Result edit(Message message, Body body) {
    Message edited = messages.edit(message, body.html());
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
