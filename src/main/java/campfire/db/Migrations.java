package campfire.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/** Schema versions: Flyway applies them; rollback runs our own undo script for the latest one. */
public final class Migrations {
  static final String LOCATION = location(Dialect.SQLITE);
  static final String ROLLBACK_LOCATION = rollbackLocation(Dialect.SQLITE);
  private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

  private final Database database;
  private final Flyway flyway;

  /** Same version numbers and meaning in every dialect; the SQL differs where it must. */
  static String location(Dialect dialect) { return "db/migration/" + dialect.folder(); }

  static String rollbackLocation(Dialect dialect) { return "db/rollback/" + dialect.folder(); }

  public Migrations(Database database) {
    this.database = database;
    this.flyway = Flyway.configure()
        .dataSource(database.writerDataSource())
        .locations("classpath:" + location(database.dialect()))
        .loggers("slf4j")
        .load();
  }

  public int up() { return flyway.migrate().migrationsExecuted; }

  public int pending() { return flyway.info().pending().length; }

  public List<String> status() {
    List<String> lines = new ArrayList<>();
    for (MigrationInfo info : flyway.info().all()) {
      lines.add(String.format("%-6s %-30s %s", info.getVersion(), info.getDescription(), info.getState().getDisplayName()));
    }
    return lines;
  }

  /** Undoes the latest applied migration; returns its version, or null when nothing is applied. */
  public String rollback() {
    MigrationInfo latest = flyway.info().current();
    if (latest == null || latest.getVersion() == null) return null;
    String version = latest.getVersion().getVersion();
    String script = undoScript(rollbackLocation(database.dialect()), version, latest.getScript());
    database.writeVoid(handle -> {
      for (String statement : statements(script)) handle.execute(statement);
      handle.execute("DELETE FROM flyway_schema_history WHERE version = ?", version);
    });
    return version;
  }

  private static String undoScript(String folder, String version, String versionedScript) {
    String name = folder + "/U" + versionedScript.substring(1);
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("No undo script " + name + " for version " + version);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Undo scripts hold plain statements (drops), so a split on semicolons at line ends is exact. */
  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      if (line.strip().startsWith("--")) continue;
      current.append(line).append('\n');
      if (line.strip().endsWith(";")) {
        statements.add(current.toString().strip());
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) statements.add(current.toString().strip());
    return statements;
  }

  /**
   * Writes the next numbered migration and its undo script into a source tree, once per dialect
   * (SQLite first), so no version exists in one dialect only.
   */
  public static List<Path> create(Path resourcesRoot, String name) throws IOException {
    if (!name.matches("[a-z][a-z0-9_]{0,60}")) {
      throw new IllegalArgumentException("A migration name is lower case letters, digits and underscores, for example add_topics");
    }
    int next = 1;
    for (Dialect dialect : Dialect.values()) {
      Path forward = resourcesRoot.resolve(location(dialect));
      Files.createDirectories(forward);
      try (var files = Files.list(forward)) {
        for (Path file : files.toList()) {
          Matcher m = VERSIONED.matcher(file.getFileName().toString());
          if (m.matches()) next = Math.max(next, Integer.parseInt(m.group(1)) + 1);
        }
      }
    }
    List<Path> created = new ArrayList<>();
    for (Dialect dialect : Dialect.values()) {
      Path undo = resourcesRoot.resolve(rollbackLocation(dialect));
      Files.createDirectories(undo);
      Path up = resourcesRoot.resolve(location(dialect)).resolve("V" + next + "__" + name + ".sql");
      Path down = undo.resolve("U" + next + "__" + name + ".sql");
      Files.writeString(up, "-- " + name + " (" + dialect.folder() + "): write the change here\n");
      Files.writeString(down, "-- undo " + name + " (" + dialect.folder() + "): write the statements that reverse V" + next + " here\n");
      created.add(up);
      created.add(down);
    }
    return created;
  }
}
