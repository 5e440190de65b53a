package campfire.rooms;

import campfire.accounts.AccountsModule;
import campfire.db.Database;
import campfire.ops.Metrics;
import campfire.realtime.Broadcaster;
import campfire.realtime.StreamNames;
import campfire.web.Feature;
import campfire.web.Routes;
import campfire.web.Web;
import java.time.Clock;

/** Rooms (open, closed, Pings), who is in them and how involved, the sidebar, and who is present. */
public final class RoomsModule implements Feature {
  private final Rooms rooms;
  private final RoomPresence presence;
  private final SidebarBroadcasts sidebars;
  private final Screens screens;
  private final RoomSettingsHandlers settings;
  private final InvolvementHandlers involvement;

  public RoomsModule(Database database, Web web, Broadcaster broadcaster, StreamNames streamNames, Metrics metrics, Clock clock,
      AccountsModule accounts) {
    this.rooms = new Rooms(database);
    this.presence = new RoomPresence(database, broadcaster, rooms);
    this.sidebars = new SidebarBroadcasts(web.pages(), rooms, broadcaster);
    this.screens = new Screens(web.pages(), accounts.pageFactory(), new LiveSidebars(rooms, accounts.accounts(), streamNames::sign));
    this.settings = new RoomSettingsHandlers(screens, rooms, accounts.users(), accounts.accounts(), sidebars, web.signer());
    this.involvement = new InvolvementHandlers(web.pages(), rooms, sidebars);
    metrics.gauge("active_users_count", "People connected to a room in the last minute", presence::connectedPeopleCount);
    metrics.gauge("rooms_active_count", "Rooms with a message in the last hour", () -> rooms.activeSince(clock.millis() - 3_600_000));
  }

  public Rooms rooms() { return rooms; }

  public RoomPresence presence() { return presence; }

  public SidebarBroadcasts sidebars() { return sidebars; }

  /** Full app pages, sidebar and all, for every feature whose pages stand beside the rooms. */
  public Screens screens() { return screens; }

  @Override
  public void routes(Routes routes) {
    routes.delete("/rooms/{id}", settings::destroy)
        .get("/rooms/opens/new", settings::newOpen)
        .post("/rooms/opens", settings::createOpen)
        .get("/rooms/opens/{id}/edit", settings::editOpen)
        .patch("/rooms/opens/{id}", settings::updateOpen)
        .put("/rooms/opens/{id}", settings::updateOpen)
        .get("/rooms/closeds/new", settings::newClosed)
        .post("/rooms/closeds", settings::createClosed)
        .get("/rooms/closeds/{id}/edit", settings::editClosed)
        .patch("/rooms/closeds/{id}", settings::updateClosed)
        .put("/rooms/closeds/{id}", settings::updateClosed)
        .get("/rooms/directs/new", settings::newDirect)
        .post("/rooms/directs", settings::createDirect)
        .get("/rooms/directs/{id}/edit", settings::editDirect)
        .delete("/rooms/directs/{id}", settings::leaveDirect)
        .get("/rooms/{id}/involvement", involvement::show)
        .patch("/rooms/{id}/involvement", involvement::update);
  }
}
