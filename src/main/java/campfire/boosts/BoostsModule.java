package campfire.boosts;

import campfire.db.Database;
import campfire.messages.MessagesModule;
import campfire.realtime.Broadcaster;
import campfire.web.Feature;
import campfire.web.Routes;
import campfire.web.Web;

/** Boosts: the short replies under a message, added and removed live. */
public final class BoostsModule implements Feature {
  private final Boosts boosts;
  private final BoostBroadcasts broadcasts;
  private final BoostHandlers handlers;

  public BoostsModule(Database database, Web web, Broadcaster broadcaster, MessagesModule messages) {
    this.boosts = new Boosts(database);
    this.broadcasts = new BoostBroadcasts(web.pages(), web.signer(), messages.messages(), broadcaster);
    this.handlers = new BoostHandlers(web.pages(), messages.messages(), boosts, broadcasts);
  }

  public Boosts boosts() { return boosts; }

  public BoostBroadcasts broadcasts() { return broadcasts; }

  @Override
  public void routes(Routes routes) {
    routes.get("/messages/{message_id}/boosts", handlers::index)
        .get("/messages/{message_id}/boosts/new", handlers::newBoost)
        .post("/messages/{message_id}/boosts", handlers::create)
        .delete("/messages/{message_id}/boosts/{boost_id}", handlers::destroy);
  }
}
