package campfire.support;

import campfire.App;
import campfire.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real server on a random port with its own data directory, and its own SQLite file or (with
 * {@code -Dcampfire.test.database=postgres}) its own fresh PostgreSQL database, dropped on close.
 */
public final class TestServer implements AutoCloseable {
  private final Path directory;
  private final Map<String, String> env;
  private final String postgresDatabase;
  private App app;
  private final java.util.List<WebClient> clients = new java.util.concurrent.CopyOnWriteArrayList<>();

  private TestServer(Path directory, Map<String, String> env, String postgresDatabase, App app) {
    this.directory = directory;
    this.env = env;
    this.postgresDatabase = postgresDatabase;
    this.app = app;
  }

  public static TestServer start() { return start(Map.of()); }

  public static TestServer start(Map<String, String> extraEnv) { return start(extraEnv, TestPostgres.selected()); }

  /** A single-box server on its own SQLite file, whichever database the suite runs on. */
  public static TestServer startSqlite() { return start(Map.of(), false); }

  private static TestServer start(Map<String, String> extraEnv, boolean onPostgres) {
    try {
      Path directory = Files.createTempDirectory("campfire-test");
      Map<String, String> env = new HashMap<>();
      String postgres = onPostgres && !extraEnv.containsKey("DATABASE_URL") ? TestPostgres.createMigratedDatabase() : null;
      env.put("DATABASE_URL", postgres != null ? TestPostgres.url(postgres) : "sqlite:" + directory.resolve("campfire.db"));
      env.put("DATA_DIR", directory.toString());
      env.put("BIND_ADDRESS", "127.0.0.1:0");
      env.put("BCRYPT_COST", "4");
      env.put("LOG_LEVEL", "warn");
      env.putAll(extraEnv);
      try {
        App app = new App(Config.from(env, false, null)).start();
        return new TestServer(directory, env, postgres, app);
      } catch (RuntimeException | Error e) {
        if (postgres != null) TestPostgres.dropDatabase(postgres);
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when this server keeps its data in PostgreSQL. */
  public boolean postgres() { return postgresDatabase != null; }

  /** The name of this server's PostgreSQL database (null on SQLite). */
  public String postgresDatabase() { return postgresDatabase; }

  /** The server's DATABASE_URL, for a second instance or a command on the same data. */
  public String databaseUrl() { return env.get("DATABASE_URL"); }

  /** Whether the database is still there: the SQLite file, or the PostgreSQL database. */
  public boolean databaseExists() {
    return postgres() ? TestPostgres.exists(postgresDatabase) : Files.exists(directory.resolve("campfire.db"));
  }

  /** How many messages the full-text index finds for one word (FTS5 on SQLite, the tsvector on PostgreSQL). */
  public long searchIndexMatches(String word) {
    return postgres()
        ? count("SELECT COUNT(*) FROM messages WHERE search_vector @@ plainto_tsquery('campfire_english', ?)", word)
        : count("SELECT COUNT(*) FROM message_search_index WHERE message_search_index MATCH ?", word);
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

  /** Every row's first column as text, in the order the query gives. */
  public java.util.List<String> strings(String sql, Object... args) {
    return app.database().read(h -> {
      var query = h.createQuery(sql);
      for (int i = 0; i < args.length; i++) query.bind(i, args[i]);
      return query.mapTo(String.class).list();
    });
  }

  public WebClient client() {
    WebClient client = new WebClient(this);
    clients.add(client);
    return client;
  }

  /**
   * Stops the server. Its clients hang up first: a stopping server gives idle keep-alive
   * connections a second to close (Jetty's shutdown idle timeout), which every test would wait.
   */
  @Override
  public void close() {
    clients.forEach(WebClient::disconnect);
    try {
      app.close();
    } finally {
      if (postgresDatabase != null) TestPostgres.dropDatabase(postgresDatabase);
    }
  }
}
