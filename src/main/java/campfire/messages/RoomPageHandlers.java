package campfire.messages;

import campfire.domain.DomainError;
import campfire.accounts.Authentication;
import campfire.accounts.PageFactory;
import campfire.accounts.User;
import campfire.web.Pages;
import campfire.web.Requests;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import campfire.rooms.LiveSidebars;
import campfire.rooms.Room;
import campfire.rooms.Rooms;
import campfire.realtime.Streams;
import java.util.HashMap;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.Map;

/** Landing in a room: the root redirect and the room page, its transcript rendered by the messages feature. */
public final class RoomPageHandlers {
  static final String LAST_ROOM = "last_room";
  private final Pages pages;
  private final MessageFragments fragments;
  private final PageFactory pageFactory;
  private final Rooms rooms;
  private final Messages messages;
  private final UnaryOperator<String> signStream;
  private final LiveSidebars sidebars;

  public RoomPageHandlers(Pages pages, PageFactory pageFactory, Rooms rooms, Messages messages, MessageFragments fragments,
      UnaryOperator<String> signStream, LiveSidebars sidebars) {
    this.sidebars = sidebars;
    this.fragments = fragments;
    this.pages = pages;
    this.pageFactory = pageFactory;
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
    Map<String, Object> params = new HashMap<>();
    params.put("page", pageFactory.page(ctx, "No rooms yet"));
    params.put("me", me);
    params.put("sidebar", sidebars.of(me, 0));
    pages.html(ctx, "rooms/empty.jte", params);
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
    User me = Authentication.currentUser(ctx);
    Map<String, Object> params = new HashMap<>();
    params.put("page", pageFactory.page(ctx, "Rooms"));
    params.put("me", me);
    params.put("sidebar", sidebars.of(me, 0));
    pages.html(ctx, "rooms/sidebar_page.jte", params);
  }

  private void render(Context ctx, User me, Room room, List<Message> page, long focusedMessageId) {
    Cookie cookie = new Cookie(LAST_ROOM, Long.toString(room.id()));
    cookie.setPath("/");
    cookie.setSameSite(SameSite.LAX);
    cookie.setMaxAge(365 * 24 * 3600);
    ctx.cookie(cookie);
    String name = rooms.displayName(room, me.id());
    Map<String, Object> params = new HashMap<>();
    params.put("page", pageFactory.page(ctx, room.isDirect() ? "Ping with " + name : name));
    params.put("me", me);
    params.put("room", room);
    params.put("roomName", name);
    params.put("sidebar", sidebars.of(me, room.id()));
    params.put("renderedMessages", fragments.html(page));
    params.put("focusedMessageId", focusedMessageId);
    params.put("messagesStream", signStream.apply(Streams.roomMessages(room.id())));
    params.put("involvement", rooms.involvement(me.id(), room.id()));
    pages.html(ctx, "rooms/show.jte", params);
  }
}
