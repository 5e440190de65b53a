package campfire.messages;

import campfire.domain.DomainError;
import campfire.accounts.Authentication;
import campfire.accounts.User;
import campfire.web.Requests;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import campfire.rooms.Room;
import campfire.rooms.Rooms;
import campfire.rooms.Screens;
import gg.jte.generated.precompiled.Templates;
import campfire.realtime.Streams;
import java.util.List;
import java.util.function.UnaryOperator;

/** Landing in a room: the root redirect and the room page, its transcript rendered by the messages feature. */
public final class RoomPageHandlers {
  static final String LAST_ROOM = "last_room";
  private final Screens screens;
  private final MessageFragments fragments;
  private final Rooms rooms;
  private final Messages messages;
  private final UnaryOperator<String> signStream;

  public RoomPageHandlers(Screens screens, Rooms rooms, Messages messages, MessageFragments fragments, UnaryOperator<String> signStream) {
    this.screens = screens;
    this.fragments = fragments;
    this.rooms = rooms;
    this.messages = messages;
    this.signStream = signStream;
  }

  /** GET / and GET /rooms: the last room visited, else the oldest one. */
  public void root(Context ctx) {
    User me = Authentication.currentUser(ctx);
    String last = ctx.cookie(LAST_ROOM);
    var room = (last != null && last.matches("\\d{1,18}"))
        ? rooms.findFor(me.id(), Long.parseLong(last)).or(() -> rooms.firstFor(me.id()))
        : rooms.firstFor(me.id());
    if (room.isPresent()) {
      ctx.redirect(room.get().path(), HttpStatus.SEE_OTHER);
      return;
    }
    screens.render(ctx, 200, "No rooms yet", Templates::roomsEmpty);
  }

  public void show(Context ctx) {
    User me = Authentication.currentUser(ctx);
    Room room = rooms.findFor(me.id(), Requests.idParam(ctx, "id")).orElseThrow(DomainError.NotFound::new);
    render(ctx, me, room, messages.latest(room.id()), 0);
  }

  /** GET /rooms/:id/@:message_id: the message with a page either side. */
  public void permalink(Context ctx) {
    User me = Authentication.currentUser(ctx);
    Room room = rooms.findFor(me.id(), Requests.idParam(ctx, "id")).orElseThrow(DomainError.NotFound::new);
    long messageId = Requests.idParam(ctx, "message_id");
    if (messages.find(room.id(), messageId).isEmpty()) throw new DomainError.NotFound();
    render(ctx, me, room, messages.around(room.id(), messageId), messageId);
  }

  /** GET /users/me/sidebar: a page of its own holding every room and Ping the person sees. */
  public void sidebar(Context ctx) {
    screens.render(ctx, 200, "Rooms", Templates::roomsSidebar_page);
  }

  private void render(Context ctx, User me, Room room, List<Message> page, long focusedMessageId) {
    // Set when it changes only: an answer that sets no cookie can be kept (web.PageCache).
    if (!Long.toString(room.id()).equals(ctx.cookie(LAST_ROOM))) {
      Cookie cookie = new Cookie(LAST_ROOM, Long.toString(room.id()));
      cookie.setPath("/");
      cookie.setSameSite(SameSite.LAX);
      cookie.setMaxAge(365 * 24 * 3600);
      ctx.cookie(cookie);
    }
    String name = rooms.displayName(room, me.id());
    List<String> transcript = fragments.html(page);
    String stream = signStream.apply(Streams.roomMessages(room.id()));
    String involvement = rooms.involvement(me.id(), room.id());
    screens.render(ctx, 200, room.isDirect() ? "Ping with " + name : name, room.id(), (t, frame, self, sidebar) ->
        t.roomsShow(frame, self, room, name, sidebar, transcript, focusedMessageId, stream, involvement));
  }
}
