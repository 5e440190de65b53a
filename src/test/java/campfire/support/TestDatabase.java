package campfire.support;

import campfire.db.Database;
import campfire.db.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fresh, migrated SQLite database in a directory of its own, for domain tests that need no
 * server: the stores run against it as they do in production. People are added directly (their
 * own store is tested elsewhere), named so a test reads like the product.
 */
public final class TestDatabase implements AutoCloseable {
  private final Path directory;
  private final Database database;

  public TestDatabase() { this(java.time.Clock.systemUTC()); }

  /** A database whose "now" is this clock's (a fixed or hand-moved clock makes time a test's input). */
  public TestDatabase(java.time.Clock clock) {
    try {
      directory = Files.createTempDirectory("campfire-domain");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    database = new Database(campfire.db.DatabaseUrl.sqlite(directory.resolve("campfire.db")), clock);
    new Migrations(database).up();
  }

  public Database database() { return database; }

  /** An active member (or administrator, or bot) with this name; returns their id. */
  public long person(String name, String role) {
    return database.write(h -> h.createUpdate("INSERT INTO users (name, email_address, role, created_at, updated_at) "
            + "VALUES (?, ?, ?, 0, 0)")
        .bind(0, name).bind(1, role.equals("bot") ? null : name.toLowerCase().replace(' ', '.') + "@example.com").bind(2, role)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
  }

  public long member(String name) { return person(name, "member"); }

  public long count(String sql, Object... args) {
    return database.read(h -> {
      var query = h.createQuery(sql);
      for (int i = 0; i < args.length; i++) query.bind(i, args[i]);
      return query.mapTo(Long.class).one();
    });
  }

  @Override
  public void close() {
    database.close();
    try (var files = Files.walk(directory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
