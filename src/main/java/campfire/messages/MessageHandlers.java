package campfire.messages;

import campfire.domain.DomainError;
import campfire.accounts.Authentication;
import campfire.accounts.User;
import campfire.attachments.Attachments;
import campfire.rooms.Room;
import campfire.rooms.Rooms;
import campfire.web.Csrf;
import campfire.web.Pages;
import gg.jte.generated.precompiled.Templates;
import campfire.web.Requests;
import campfire.web.TurboStreams;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.util.List;
import java.util.UUID;

/** Posting, paging, editing and deleting messages; every change is broadcast to the room once. */
public final class MessageHandlers {
  static final int MAX_BODY_CHARS = 100_000;
  private final Templates templates;
  private final Rooms rooms;
  private final Messages messages;
  private final Posting posting;
  private final Csrf csrf;
  private final Attachments attachments;

  public MessageHandlers(Pages pages, Rooms rooms, Messages messages, Posting posting, Csrf csrf,
      Attachments attachments) {
    this.templates = pages.templates();
    this.attachments = attachments;
    this.csrf = csrf;
    this.rooms = rooms;
    this.messages = messages;
    this.posting = posting;
  }

  public void create(Context ctx) {
    User me = Authentication.currentUser(ctx);
    Room room = room(ctx, me);
    UploadedFile file = upload(ctx);
    Posting.Body body = body(ctx, "message[body]", room.id(), file == null);
    String clientMessageId = clientMessageId(Requests.formParam(ctx, "message[client_message_id]"));
    Attachments.Stored stored = file == null ? null : attachments.store(file.content(), file.contentType(), file.filename());
    Posting.Result posted = posting.post(room.id(), me.id(), clientMessageId, body,
        (h, messageId) -> { if (stored != null) attachments.attach(h, messageId, stored); });
    respond(ctx, posted.turboStream(), room.path(), 200);
  }

  /** GET /rooms/:id/messages?before=ID|after=ID: a page of 40, 204 when there is nothing more. */
  public void index(Context ctx) {
    User me = Authentication.currentUser(ctx);
    Room room = room(ctx, me);
    List<Message> page;
    if (ctx.queryParam("before") != null) page = messages.before(room.id(), id(ctx.queryParam("before")));
    else if (ctx.queryParam("after") != null) page = messages.after(room.id(), id(ctx.queryParam("after")));
    else page = messages.latest(room.id());
    if (page.isEmpty()) {
      ctx.status(HttpStatus.NO_CONTENT);
      return;
    }
    ctx.contentType("text/html; charset=utf-8").result(String.join("", posting.fragments().html(page)));
  }

  /** GET /rooms/:id/refresh?since=MILLIS: what a reconnecting client missed, as Turbo Streams. */
  public void refresh(Context ctx) {
    User me = Authentication.currentUser(ctx);
    Room room = room(ctx, me);
    String since = ctx.queryParam("since");
    if (since == null || !since.matches("\\d{1,15}")) throw new DomainError.Malformed("since must be a time in milliseconds");
    StringBuilder streams = new StringBuilder();
    long from = Long.parseLong(since);
    for (Message message : messages.changedSince(room.id(), from)) {
      String html = render(message);
      streams.append(message.createdAt() > from ? TurboStreams.append("messages_room_" + room.id(), html)
          : TurboStreams.replace(message.domId(), html));
    }
    ctx.contentType(TurboStreams.CONTENT_TYPE).result(streams.toString());
  }

  public void show(Context ctx) {
    Message message = message(ctx, Authentication.currentUser(ctx));
    Pages.html(ctx, templates.messagesFrame(message, posting.fragments().mentionPictures(message)));
  }

  public void edit(Context ctx) {
    User me = Authentication.currentUser(ctx);
    Message message = editable(ctx, me);
    Pages.html(ctx, templates.messagesEdit(message, csrf.token(ctx)));
  }

  public void update(Context ctx) {
    User me = Authentication.currentUser(ctx);
    Message message = editable(ctx, me);
    Posting.Result edited = posting.edit(message, body(ctx, "message[body]", message.roomId(), message.attachment() == null));
    respond(ctx, edited.turboStream(), edited.message().path(), 200);
  }

  public void destroy(Context ctx) {
    User me = Authentication.currentUser(ctx);
    Message message = editable(ctx, me);
    respond(ctx, posting.delete(message), "/rooms/" + message.roomId(), 200);
  }

  public String render(Message message) { return posting.render(message); }

  private void respond(Context ctx, String stream, String fallbackPath, int status) {
    if (Requests.wantsTurboStream(ctx)) {
      ctx.status(status).contentType(TurboStreams.CONTENT_TYPE).result(stream);
    } else {
      ctx.redirect(fallbackPath, HttpStatus.SEE_OTHER);
    }
  }

  private Room room(Context ctx, User me) {
    return rooms.findFor(me.id(), Requests.idParam(ctx, "id")).orElseThrow(DomainError.NotFound::new);
  }

  private Message message(Context ctx, User me) {
    Room room = room(ctx, me);
    return messages.find(room.id(), Requests.idParam(ctx, "message_id")).orElseThrow(DomainError.NotFound::new);
  }

  private Message editable(Context ctx, User me) {
    Message message = message(ctx, me);
    if (!me.canAdminister(message.creatorId())) throw new DomainError.Forbidden();
    return message;
  }

  /** The sanitised body with its mentions checked for the room; it may be empty only beside a file. */
  private Posting.Body body(Context ctx, String field, long roomId, boolean required) {
    String raw = Requests.formParam(ctx, field);
    if (raw != null && raw.length() > MAX_BODY_CHARS) {
      throw new DomainError.TooLarge("A message can be at most " + MAX_BODY_CHARS + " characters long.");
    }
    Posting.Body body = posting.html(raw, roomId);
    if (body.isBlank() && required) throw new DomainError.Invalid("A message can't be empty.");
    return body;
  }

  /** The attached file, if any; a body past the size limit is refused before it is read. */
  private UploadedFile upload(Context ctx) {
    return Requests.uploadedFile(ctx, "message[attachment]", attachments.maxBytes(),
        "Files can be at most " + attachments.maxBytes() / 1_048_576 + " MB.");
  }

  static String clientMessageId(String given) {
    if (given == null || given.isBlank()) return UUID.randomUUID().toString();
    if (!given.matches("[A-Za-z0-9_-]{1,64}")) throw new DomainError.Invalid("client_message_id must be 1 to 64 letters, digits, - or _.");
    return given;
  }

  private static long id(String raw) {
    if (raw == null || !raw.matches("\\d{1,18}")) throw new DomainError.Malformed("Message ids are numbers.");
    return Long.parseLong(raw);
  }
}
