package campfire.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The real PostgreSQL on 127.0.0.1:5432 (trust authentication): each caller gets a fresh
 * database of its own and drops it when done. When the server is not there, tests fail with
 * how to start it; they never skip.
 */
public final class TestPostgres {
  public static final String PROPERTY = "campfire.test.database";
  static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
  static final String USER = "postgres";
  static final String NOT_REACHABLE = "PostgreSQL is not reachable on 127.0.0.1:5432: start it with "
      + "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";

  private TestPostgres() {}

  /** True when this run of the suite is the PostgreSQL one ({@code -Dcampfire.test.database=postgres}). */
  public static boolean selected() { return "postgres".equals(System.getProperty(PROPERTY)); }

  /** Creates an empty database and returns its name. */
  public static String createDatabase() {
    String name = "campfire_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    admin("CREATE DATABASE " + name);
    return name;
  }

  /**
   * Creates a database with every migration already applied, copied from a template this test JVM
   * migrates once (by the product's own migrations), so a server's start skips them; returns its
   * name. The template is dropped when the JVM exits.
   */
  public static String createMigratedDatabase() {
    String name = "campfire_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    admin("CREATE DATABASE " + name + " TEMPLATE " + Template.NAME);
    return name;
  }

  private static final class Template {
    static final String NAME = migrated();

    private static String migrated() {
      String name = createDatabase();
      try (campfire.db.Database database = new campfire.db.Database(campfire.db.DatabaseUrl.postgres(jdbcUrl(name), USER, null))) {
        new campfire.db.Migrations(database).up();
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> dropDatabase(name)));
      return name;
    }
  }

  public static void dropDatabase(String name) {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  /** DATABASE_URL for a database, as an operator would write it. */
  public static String url(String name) { return "postgres://" + USER + "@127.0.0.1:5432/" + name; }

  public static String jdbcUrl(String name) { return "jdbc:postgresql://127.0.0.1:5432/" + name; }

  public static boolean exists(String name) {
    try (Connection c = connect(); var rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
      rs.next();
      return rs.getInt(1) == 1;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs one statement as the superuser, outside any transaction (CREATE/DROP/ALTER DATABASE need that). */
  public static void admin(String sql) {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static Connection connect() {
    try {
      return DriverManager.getConnection(ADMIN_URL, USER, null);
    } catch (SQLException e) {
      throw new AssertionError(NOT_REACHABLE + " (" + e.getMessage() + ")", e);
    }
  }
}
