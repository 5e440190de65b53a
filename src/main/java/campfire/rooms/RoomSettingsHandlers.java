package campfire.rooms;

import campfire.domain.DomainError;
import campfire.accounts.Accounts;
import campfire.accounts.AvatarAddress;
import campfire.accounts.Authentication;
import campfire.accounts.User;
import campfire.accounts.Users;
import gg.jte.generated.precompiled.Templates;
import campfire.web.Requests;
import campfire.web.Signer;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Making, changing and removing rooms: open, closed and direct (Pings). */
public final class RoomSettingsHandlers {
  static final int MAX_NAME = 100;
  private final Screens screens;
  private final Rooms rooms;
  private final Users users;
  private final Accounts accounts;
  private final SidebarBroadcasts sidebars;
  private final Signer signer;

  public RoomSettingsHandlers(Screens screens, Rooms rooms, Users users, Accounts accounts, SidebarBroadcasts sidebars, Signer signer) {
    this.signer = signer;
    this.screens = screens;
    this.rooms = rooms;
    this.users = users;
    this.accounts = accounts;
    this.sidebars = sidebars;
  }

  public void newOpen(Context ctx) { form(ctx, Room.OPEN, null, 200, null); }

  public void newClosed(Context ctx) { form(ctx, Room.CLOSED, null, 200, null); }

  public void createOpen(Context ctx) {
    User me = mayCreate(ctx);
    Room room = rooms.createOpen(name(ctx), me.id());
    sidebars.added(room, rooms.memberIds(room.id()));
    ctx.redirect(room.path(), HttpStatus.SEE_OTHER);
  }

  public void createClosed(Context ctx) {
    User me = mayCreate(ctx);
    Room room = rooms.createClosed(name(ctx), me.id(), userIds(ctx));
    sidebars.added(room, rooms.memberIds(room.id()));
    ctx.redirect(room.path(), HttpStatus.SEE_OTHER);
  }

  public void editOpen(Context ctx) { edit(ctx, Room.OPEN); }

  public void editClosed(Context ctx) { edit(ctx, Room.CLOSED); }

  public void updateOpen(Context ctx) { update(ctx, Room.OPEN); }

  public void updateClosed(Context ctx) { update(ctx, Room.CLOSED); }

  /** GET /rooms/directs/new: the New Ping picker. */
  public void newDirect(Context ctx) {
    screens.render(ctx, 200, "New Ping", Templates::roomsNew_direct);
  }

  public void createDirect(Context ctx) {
    User me = Authentication.currentUser(ctx);
    Set<Long> people = userIds(ctx);
    people.remove(me.id());
    if (people.isEmpty()) throw new DomainError.Invalid("Pick at least one person to Ping.");
    Rooms.Direct direct = rooms.findOrCreateDirect(me.id(), people);
    if (direct.created()) sidebars.added(direct.room(), rooms.memberIds(direct.room().id()));
    ctx.redirect(direct.room().path(), HttpStatus.SEE_OTHER);
  }

  public void editDirect(Context ctx) { edit(ctx, Room.DIRECT); }

  /** DELETE /rooms/directs/{id}: leaves a Ping (its people may leave it; only administrators delete it for everyone). */
  public void leaveDirect(Context ctx) {
    User me = Authentication.currentUser(ctx);
    Room room = member(ctx, me);
    if (!room.isDirect()) throw new DomainError.NotFound();
    rooms.leave(room, me.id());
    sidebars.removed(room.id(), Set.of(me.id()), "You left this Ping.");
    ctx.redirect("/", HttpStatus.SEE_OTHER);
  }

  public void destroy(Context ctx) {
    User me = Authentication.currentUser(ctx);
    Room room = member(ctx, me);
    if (!room.deletableBy(me)) throw new DomainError.Forbidden();
    Set<Long> members = rooms.delete(room);
    sidebars.removed(room.id(), members, room.isDirect() ? "This Ping was deleted." : "“" + room.name() + "” was deleted.");
    ctx.redirect("/", HttpStatus.SEE_OTHER);
  }

  private void edit(Context ctx, String type) {
    User me = Authentication.currentUser(ctx);
    Room room = member(ctx, me);
    if (room.isDirect() != Room.DIRECT.equals(type)) throw new DomainError.NotFound();
    form(ctx, type, room, 200, null);
  }

  private void update(Context ctx, String type) {
    User me = Authentication.currentUser(ctx);
    Room room = member(ctx, me);
    if (room.isDirect()) throw new DomainError.NotFound();
    if (!room.settingsChangeableBy(me)) throw new DomainError.Forbidden();
    Rooms.Change change = rooms.update(room, name(ctx), type, userIds(ctx), me.id());
    Set<Long> stayed = rooms.memberIds(room.id());
    stayed.removeAll(change.revision().added());
    sidebars.changed(change.room(), stayed);
    sidebars.added(change.room(), change.revision().added());
    sidebars.removed(room.id(), change.revision().removed(), "You are no longer in “" + change.room().name() + "”.");
    ctx.redirect(room.path(), HttpStatus.SEE_OTHER);
  }

  private void form(Context ctx, String type, Room room, int status, String error) {
    User me = type.equals(Room.DIRECT) || room != null ? Authentication.currentUser(ctx) : mayCreate(ctx);
    String roomName = room == null ? "" : rooms.displayName(room, me.id());
    List<User> people = users.active().stream().filter(u -> !u.isBot() && u.id() != me.id()).toList();
    Map<Long, String> pictures = new HashMap<>();
    for (User person : people) {
      String picture = AvatarAddress.uploaded(signer, person);
      if (picture != null) pictures.put(person.id(), picture);
    }
    Set<Long> memberIds = room == null ? Set.of() : rooms.memberIds(room.id());
    boolean canDelete = room != null && room.deletableBy(me);
    boolean canEdit = room == null || room.isDirect() || room.settingsChangeableBy(me);
    boolean canLeave = room != null && room.isDirect();
    screens.render(ctx, status, room == null ? "New room" : "Settings for " + roomName, room == null ? 0 : room.id(),
        (t, page, self, sidebar) -> t.roomsEdit(page, self, sidebar, type, room, roomName, people, pictures, memberIds, canDelete, canEdit, canLeave, error));
  }

  private User mayCreate(Context ctx) {
    User me = Authentication.currentUser(ctx);
    if (!accounts.mayCreateRooms(me)) throw new DomainError.Forbidden();
    return me;
  }

  private Room member(Context ctx, User me) {
    return rooms.findFor(me.id(), Requests.idParam(ctx, "id")).orElseThrow(DomainError.NotFound::new);
  }

  private static String name(Context ctx) {
    String name = Requests.formParam(ctx, "room[name]");
    name = name == null || name.isBlank() ? "New room" : name.strip();
    if (name.length() > MAX_NAME) throw new DomainError.Invalid("A room name can be at most " + MAX_NAME + " characters.");
    return name;
  }

  static Set<Long> userIds(Context ctx) {
    Set<Long> ids = new LinkedHashSet<>();
    List<String> raw;
    try {
      raw = ctx.formParams("user_ids[]");
    } catch (RuntimeException e) {
      raw = List.of();
    }
    for (String id : raw) {
      if (!id.matches("\\d{1,18}")) throw new DomainError.Invalid("user_ids[] must be user ids.");
      ids.add(Long.parseLong(id));
    }
    if (ids.size() > 1000) throw new DomainError.Invalid("Too many people at once.");
    return ids;
  }
}
