package campfire.web;

/**
 * A feature as the server sees it: the parts it built from what it was given, the routes it
 * serves, and what it stops when the server stops. Each feature package has one, named after it
 * ({@code RoomsModule}, {@code BotsModule} ...); {@code campfire.App} lists them.
 */
public interface Feature extends AutoCloseable {
  /** Declares this feature's routes, each with its access role (none: signed-in people). */
  void routes(Routes routes);

  /** Stops this feature's background work; called after the server has stopped taking requests. */
  @Override
  default void close() {}
}
