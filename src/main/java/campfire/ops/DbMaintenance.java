package campfire.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** {@code campfire db check|vacuum|analyze|reindex-search|stats}: safe while the server runs. */
public final class DbMaintenance implements Maintenance {
  private final Path file;
  private final Jdbi jdbi;
  private final Clock clock;

  public DbMaintenance(Path file, Clock clock) {
    this.file = file.toAbsolutePath();
    this.jdbi = SqliteFile.open(file);
    this.clock = clock;
  }

  /** Fails unless the file exists: the maintenance commands never create a database. */
  public static DbMaintenance existing(Path file, Clock clock) {
    if (!Files.isRegularFile(file)) throw new OperationFailed("No database at " + file.toAbsolutePath());
    return new DbMaintenance(file, clock);
  }

  /** The result of {@link #check}: "ok" from integrity_check, foreign keys, and search index coverage. */
  public record Check(List<String> integrity, List<String> foreignKeys, long messages, long indexed) {
    public boolean ok() { return integrity.equals(List.of("ok")) && foreignKeys.isEmpty(); }

    public boolean searchComplete() { return messages == indexed; }

    public String problems() {
      List<String> problems = new ArrayList<>();
      if (!integrity.equals(List.of("ok"))) problems.addAll(integrity);
      problems.addAll(foreignKeys);
      return String.join("; ", problems);
    }
  }

  @Override
  public Check check() {
    return jdbi.withHandle(h -> {
      List<String> integrity = h.createQuery("PRAGMA integrity_check").mapTo(String.class).list();
      List<String> foreignKeys = h.createQuery("PRAGMA foreign_key_check").mapToMap().list().stream()
          .map(row -> "foreign key: " + row.get("table") + " row " + row.get("rowid") + " points to a missing " + row.get("parent"))
          .toList();
      boolean hasIndex = SqliteFile.hasTable(h, "message_search_index");
      long messages = SqliteFile.hasTable(h, "messages") ? count(h, "messages") : 0;
      long indexed = hasIndex ? count(h, "message_search_index") : 0;
      return new Check(integrity, foreignKeys, messages, indexed);
    });
  }

  @Override
  public void vacuum() { jdbi.useHandle(h -> h.execute("VACUUM")); }

  @Override
  public void analyze() { jdbi.useHandle(h -> h.execute("ANALYZE")); }

  /** Empties the full-text index and fills it again from every message's plain text, in one transaction. */
  @Override
  public long reindexSearch() {
    return jdbi.inTransaction(h -> {
      h.execute("INSERT INTO message_search_index (message_search_index) VALUES ('delete-all')");
      long rows = h.execute("INSERT INTO message_search_index (rowid, body) SELECT id, body_plain FROM messages");
      h.execute("INSERT INTO message_search_index (message_search_index) VALUES ('optimize')");
      return rows;
    });
  }

  /** Sizes of the files, rows per table, and messages per day (UTC) for the last seven days, oldest first. */
  public record Stats(Map<String, Long> fileBytes, Map<String, Long> rows, Map<LocalDate, Long> messagesPerDay) {}

  @Override
  public Stats stats() {
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (String suffix : List.of("", "-wal", "-shm")) {
      Path f = file.resolveSibling(file.getFileName() + suffix);
      sizes.put(f.getFileName().toString(), size(f));
    }
    return jdbi.withHandle(h -> {
      Map<String, Long> rows = new LinkedHashMap<>();
      for (String table : h.createQuery("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual') "
          + "AND name NOT LIKE 'sqlite_%' ORDER BY name").mapTo(String.class).list()) {
        rows.put(table, count(h, table));
      }
      LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
      LocalDate first = today.minusDays(6);
      Map<LocalDate, Long> perDay = new LinkedHashMap<>();
      for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) perDay.put(d, 0L);
      if (SqliteFile.hasTable(h, "messages")) {
        long since = first.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        h.createQuery("SELECT date(created_at / 1000, 'unixepoch') AS day, count(*) AS n FROM messages WHERE created_at >= ? GROUP BY day")
            .bind(0, since)
            .map((rs, ctx) -> Map.entry(LocalDate.parse(rs.getString("day")), rs.getLong("n")))
            .forEach(e -> perDay.computeIfPresent(e.getKey(), (d, n) -> e.getValue()));
      }
      return new Stats(sizes, rows, perDay);
    });
  }

  private static long count(Handle h, String table) {
    return h.createQuery("SELECT count(*) FROM \"" + table.replace("\"", "\"\"") + "\"").mapTo(Long.class).one();
  }

  private static long size(Path f) {
    try {
      return Files.exists(f) ? Files.size(f) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
