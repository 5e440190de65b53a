package campfire.bots;

import campfire.attachments.Attachments;
import campfire.boosts.BoostBroadcasts;
import campfire.boosts.Boosts;
import campfire.domain.DomainError;
import campfire.messages.Message;
import campfire.messages.Messages;
import campfire.messages.Posting;
import campfire.rooms.Room;
import campfire.rooms.Rooms;
import campfire.web.Requests;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.util.List;
import java.util.UUID;

/** The bot API: the key in the path is the only credential (no session, no CSRF token). */
public final class BotApiHandlers {
  static final int MAX_BODY_CHARS = 100_000;
  private final Bots bots;
  private final Rooms rooms;
  private final Messages messages;
  private final Posting posting;
  private final Attachments attachments;
  private final Boosts boosts;
  private final BoostBroadcasts boostBroadcasts;

  public BotApiHandlers(Bots bots, Rooms rooms, Messages messages, Posting posting, Attachments attachments, Boosts boosts,
      BoostBroadcasts boostBroadcasts) {
    this.bots = bots;
    this.rooms = rooms;
    this.messages = messages;
    this.posting = posting;
    this.attachments = attachments;
    this.boosts = boosts;
    this.boostBroadcasts = boostBroadcasts;
  }

  /** POST /rooms/:room_id/:bot_key/messages with a text or HTML body, or a multipart {@code attachment}. */
  public void create(Context ctx) {
    Bot bot = bot(ctx);
    if (bot == null) return;
    Room room = room(ctx, bot);
    Posting.Result result;
    if (ctx.isMultipartFormData()) {
      UploadedFile file = Requests.uploadedFile(ctx, "attachment", attachments.maxBytes(),
          "Files can be at most " + attachments.maxBytes() / 1_048_576 + " MB.");
      if (file == null) throw new DomainError.Invalid("Send the file as the multipart field attachment.");
      Attachments.Stored stored = attachments.store(file.content(), file.contentType(), file.filename());
      result = posting.post(room.id(), bot.id(), UUID.randomUUID().toString(), posting.empty(),
          (h, messageId) -> attachments.attach(h, messageId, stored));
    } else {
      result = posting.post(room.id(), bot.id(), UUID.randomUUID().toString(), body(ctx, room.id()));
    }
    String url = Requests.origin(ctx) + result.message().path();
    ctx.status(HttpStatus.CREATED).header("Location", url).json(json(ctx, result.message()));
  }

  /** GET: a page of 40 as JSON, newest last, with the total and a link to the older page. */
  public void index(Context ctx) {
    Bot bot = bot(ctx);
    if (bot == null) return;
    Room room = room(ctx, bot);
    List<Message> page;
    if (ctx.queryParam("before") != null) page = messages.before(room.id(), id(ctx.queryParam("before")));
    else if (ctx.queryParam("after") != null) page = messages.after(room.id(), id(ctx.queryParam("after")));
    else page = messages.latest(room.id());
    ctx.header("X-Total-Count", Long.toString(messages.count(room.id())));
    if (page.size() == Messages.PAGE) {
      String next = Requests.origin(ctx) + bot.messagesPath(room.id()) + "?before=" + page.getFirst().id();
      ctx.header("Link", "<" + next + ">; rel=\"next\"");
    }
    ctx.json(page.stream().map(message -> json(ctx, message)).toList());
  }

  public void update(Context ctx) {
    Bot bot = bot(ctx);
    if (bot == null) return;
    Message message = own(ctx, bot);
    ctx.json(json(ctx, posting.edit(message, body(ctx, message.roomId())).message()));
  }

  public void destroy(Context ctx) {
    Bot bot = bot(ctx);
    if (bot == null) return;
    posting.delete(own(ctx, bot));
    ctx.status(HttpStatus.NO_CONTENT);
  }

  /** POST .../messages/:message_id/boosts with boost[content] (or the raw body). */
  public void boost(Context ctx) {
    Bot bot = bot(ctx);
    if (bot == null) return;
    Message message = inRoom(ctx, bot);
    String raw = ctx.isFormUrlencoded() ? Requests.formParam(ctx, "boost[content]") : ctx.body();
    long id = boosts.add(message.id(), bot.id(), Boosts.content(raw));
    boostBroadcasts.changed(message);
    ctx.status(HttpStatus.CREATED).json(new BoostJson(id, Boosts.content(raw)));
  }

  /** DELETE .../messages/:message_id/boosts/:boost_id: only the bot's own boosts. */
  public void unboost(Context ctx) {
    Bot bot = bot(ctx);
    if (bot == null) return;
    Message message = inRoom(ctx, bot);
    long boostId = Requests.idParam(ctx, "boost_id");
    long booster = boosts.boosterOf(message.id(), boostId).orElseThrow(DomainError.NotFound::new);
    if (booster != bot.id()) throw new DomainError.Forbidden();
    boosts.remove(boostId);
    boostBroadcasts.changed(message);
    ctx.status(HttpStatus.NO_CONTENT);
  }

  private Message inRoom(Context ctx, Bot bot) {
    Room room = room(ctx, bot);
    return messages.find(room.id(), Requests.idParam(ctx, "message_id")).orElseThrow(DomainError.NotFound::new);
  }

  /** The bot, or null after redirecting a bad key to the sign-in page as Campfire does. */
  private Bot bot(Context ctx) {
    Bot bot = bots.authenticate(ctx.pathParam("bot_key")).orElse(null);
    if (bot == null) ctx.redirect("/session/new", HttpStatus.FOUND);
    return bot;
  }

  private Room room(Context ctx, Bot bot) {
    return rooms.findFor(bot.id(), Requests.idParam(ctx, "room_id")).orElseThrow(DomainError.NotFound::new);
  }

  private Message own(Context ctx, Bot bot) {
    Message message = inRoom(ctx, bot);
    if (message.creatorId() != bot.id()) throw new DomainError.Forbidden();
    return message;
  }

  /** Text is escaped into paragraphs; a text/html body is sanitised and its mentions verified like any message. */
  private Posting.Body body(Context ctx, long roomId) {
    String raw = ctx.body();
    if (raw.length() > MAX_BODY_CHARS) throw new DomainError.TooLarge("A message can be at most " + MAX_BODY_CHARS + " characters long.");
    String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase();
    Posting.Body body = type.contains("html") ? posting.html(raw, roomId) : posting.text(raw);
    if (body.isBlank()) throw new DomainError.Invalid("A message can't be empty.");
    return body;
  }

  /** A message as the bot API shows it. */
  record MessageJson(long id, @JsonProperty("created_at") String createdAt, BodyJson body, CreatorJson creator, RoomJson room, String url) {}

  record BodyJson(@JsonProperty("plain_text") String plainText, String html) {}

  record CreatorJson(long id, String name, String role, @JsonProperty("avatar_url") String avatarUrl) {}

  record RoomJson(long id) {}

  record BoostJson(long id, String content) {}

  static MessageJson json(Context ctx, Message message) {
    String origin = Requests.origin(ctx);
    return new MessageJson(message.id(), message.createdAtIso(), new BodyJson(message.bodyPlain(), message.safeHtml()),
        new CreatorJson(message.creatorId(), message.creatorName(), message.creatorRole(), origin + "/users/" + message.creatorId() + "/avatar"),
        new RoomJson(message.roomId()), origin + message.path());
  }

  private static long id(String raw) {
    if (raw == null || !raw.matches("\\d{1,18}")) throw new DomainError.Malformed("Message ids are numbers.");
    return Long.parseLong(raw);
  }
}
