package campfire.search;

import campfire.db.Database;
import campfire.rooms.RoomsModule;
import campfire.web.Feature;
import campfire.web.Routes;
import campfire.web.Signer;

/** Search across the rooms a person is in, and their recent searches. */
public final class SearchModule implements Feature {
  private final SearchHandlers handlers;

  public SearchModule(Database database, Signer signer, RoomsModule rooms) {
    this.handlers = new SearchHandlers(rooms.screens(), new MessageSearch(database), new Searches(database), signer);
  }

  @Override
  public void routes(Routes routes) {
    routes.getPage("/searches", handlers::index)
        .post("/searches", handlers::create)
        .delete("/searches/clear", handlers::clear);
  }
}
