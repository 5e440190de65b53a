package campfire.portability;

import campfire.db.Database;
import campfire.web.Access;
import campfire.web.Feature;
import campfire.web.Routes;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Moving in and out: the downloads of the account (administrators) and of one's own data (each
 * person). The command-line imports and the export (import-once, import, export) live in this
 * package too and run without a server.
 */
public final class PortabilityModule implements Feature {
  private final PortabilityHandlers handlers;

  public PortabilityModule(Database database, Path storage, String version, Clock clock) {
    this.handlers = new PortabilityHandlers(new Export(database, storage, version, clock), new PersonalData(database, storage),
        storage.resolve("tmp"), clock);
  }

  @Override
  public void routes(Routes routes) {
    routes.get("/account/export", handlers::account, Access.ADMIN)
        .get("/users/me/data", handlers::personal);
  }
}
