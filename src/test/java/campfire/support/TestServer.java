package campfire.support;

import campfire.App;
import campfire.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The real server on a random port with its own SQLite file in a temporary directory. */
public final class TestServer implements AutoCloseable {
  private final Path directory;
  private final Map<String, String> env;
  private App app;

  private TestServer(Path directory, Map<String, String> env, App app) {
    this.directory = directory;
    this.env = env;
    this.app = app;
  }

  public static TestServer start() { return start(Map.of()); }

  public static TestServer start(Map<String, String> extraEnv) {
    try {
      Path directory = Files.createTempDirectory("campfire-test");
      Map<String, String> env = new HashMap<>();
      env.put("DATABASE_URL", "sqlite:" + directory.resolve("campfire.db"));
      env.put("BIND_ADDRESS", "127.0.0.1:0");
      env.put("BCRYPT_COST", "4");
      env.put("LOG_LEVEL", "warn");
      env.putAll(extraEnv);
      App app = new App(Config.from(env, false, null)).start();
      return new TestServer(directory, env, app);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the server and starts a new one on the same port and database, as an operator's restart would. */
  public void restart() {
    int port = app.port();
    app.close();
    Map<String, String> same = new HashMap<>(env);
    same.put("BIND_ADDRESS", "127.0.0.1:" + port);
    app = new App(Config.from(same, false, null)).start();
  }

  public String url(String path) { return "http://127.0.0.1:" + app.port() + path; }

  public int port() { return app.port(); }

  public App app() { return app; }

  public Path directory() { return directory; }

  public long count(String sql, Object... args) {
    return app.database().read(h -> {
      var query = h.createQuery(sql);
      for (int i = 0; i < args.length; i++) query.bind(i, args[i]);
      return query.mapTo(Long.class).one();
    });
  }

  public String string(String sql, Object... args) {
    return app.database().read(h -> {
      var query = h.createQuery(sql);
      for (int i = 0; i < args.length; i++) query.bind(i, args[i]);
      return query.mapTo(String.class).one();
    });
  }

  public WebClient client() { return new WebClient(this); }

  @Override
  public void close() {
    app.close();
  }
}
