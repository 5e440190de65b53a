package campfire.rooms;

import campfire.domain.DomainError;
import campfire.accounts.Authentication;
import campfire.accounts.User;
import campfire.web.Pages;
import gg.jte.generated.precompiled.Templates;
import campfire.web.Requests;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;

/** The bell: how closely a person follows a room. */
public final class InvolvementHandlers {
  private static final List<String> SHARED_CYCLE = List.of("mentions", "everything", "nothing", "invisible");
  private static final List<String> DIRECT_CYCLE = List.of("everything", "nothing");
  private final Templates templates;
  private final Rooms rooms;
  private final SidebarBroadcasts sidebars;

  public InvolvementHandlers(Pages pages, Rooms rooms, SidebarBroadcasts sidebars) {
    this.templates = pages.templates();
    this.rooms = rooms;
    this.sidebars = sidebars;
  }

  public void show(Context ctx) {
    User me = Authentication.currentUser(ctx);
    Room room = room(ctx, me);
    render(ctx, room, rooms.involvement(me.id(), room.id()));
  }

  /** PATCH with involvement=VALUE sets it; without, the bell moves to the next step of its cycle. */
  public void update(Context ctx) {
    User me = Authentication.currentUser(ctx);
    Room room = room(ctx, me);
    List<String> cycle = room.isDirect() ? DIRECT_CYCLE : SHARED_CYCLE;
    String current = rooms.involvement(me.id(), room.id());
    String wanted = Requests.formParam(ctx, "involvement");
    String next = wanted == null || wanted.isBlank() ? next(cycle, current) : wanted;
    if (!cycle.contains(next)) throw new DomainError.Invalid("Involvement must be one of " + String.join(", ", cycle) + ".");
    rooms.setInvolvement(me.id(), room.id(), next);
    if ("invisible".equals(next)) sidebars.hidden(room.id(), me.id());
    else if ("invisible".equals(current)) sidebars.added(room, List.of(me.id()));
    if (Requests.wantsTurboStream(ctx) || "true".equals(ctx.queryParam("frame"))) {
      render(ctx, room, next);
    } else {
      ctx.redirect(room.path(), HttpStatus.SEE_OTHER);
    }
  }

  private void render(Context ctx, Room room, String involvement) {
    Pages.html(ctx, templates.roomsInvolvement(room, involvement));
  }

  private Room room(Context ctx, User me) {
    return rooms.findFor(me.id(), Requests.idParam(ctx, "id")).orElseThrow(DomainError.NotFound::new);
  }

  /** What the bell says about itself, for screen readers and the tooltip. */
  public static String label(String involvement) {
    return switch (involvement) {
      case "everything" -> "Notifications: every message";
      case "nothing" -> "Notifications: off";
      case "invisible" -> "Notifications: off, and hidden from the sidebar";
      default -> "Notifications: mentions only";
    };
  }

  static String next(List<String> cycle, String current) {
    int at = cycle.indexOf(current);
    return cycle.get((at + 1) % cycle.size());
  }
}
