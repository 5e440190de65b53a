package campfire.ops;

import campfire.db.DatabaseUrl;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code campfire db ...} on PostgreSQL. The server checks its own pages and constraints, so
 * "check" looks at what is ours: every message has a search vector and every row its parent.
 */
public final class PostgresMaintenance implements Maintenance {
  private final Jdbi jdbi;
  private final Clock clock;

  public PostgresMaintenance(DatabaseUrl url, Clock clock) {
    java.util.Properties credentials = new java.util.Properties();
    if (url.user() != null) credentials.setProperty("user", url.user());
    if (url.password() != null) credentials.setProperty("password", url.password());
    this.jdbi = Jdbi.create(url.jdbcUrl(), credentials);
    this.clock = clock;
  }

  @Override
  public DbMaintenance.Check check() {
    return jdbi.withHandle(h -> {
      long messages = count(h, "SELECT count(*) FROM messages");
      long indexed = count(h, "SELECT count(*) FROM messages WHERE search_vector IS NOT NULL");
      long invalid = count(h, "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
          + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND NOT i.indisvalid");
      List<String> integrity = invalid == 0 ? List.of("ok") : List.of(invalid + " invalid index(es): run REINDEX");
      return new DbMaintenance.Check(integrity, List.of(), messages, indexed);
    });
  }

  @Override
  public void vacuum() { jdbi.useHandle(h -> h.execute("VACUUM")); }

  @Override
  public void analyze() { jdbi.useHandle(h -> h.execute("ANALYZE")); }

  /** The vectors are generated from the bodies; rebuilding means rebuilding their index, without blocking writes. */
  @Override
  public long reindexSearch() {
    return jdbi.withHandle(h -> {
      h.execute("REINDEX INDEX CONCURRENTLY messages_search_vector");
      return count(h, "SELECT count(*) FROM messages");
    });
  }

  @Override
  public DbMaintenance.Stats stats() {
    return jdbi.withHandle(h -> {
      Map<String, Long> sizes = new LinkedHashMap<>();
      Map<String, Long> rows = new LinkedHashMap<>();
      for (String table : h.createQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
          .mapTo(String.class).list()) {
        sizes.put(table, h.createQuery("SELECT pg_total_relation_size(quote_ident(?))").bind(0, table).mapTo(Long.class).one());
        rows.put(table, count(h, "SELECT count(*) FROM " + '"' + table.replace("\"", "\"\"") + '"'));
      }
      LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
      LocalDate first = today.minusDays(6);
      Map<LocalDate, Long> perDay = new LinkedHashMap<>();
      for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) perDay.put(d, 0L);
      long since = first.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      h.createQuery("SELECT to_char(to_timestamp(created_at / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*) AS n "
              + "FROM messages WHERE created_at >= ? GROUP BY 1")
          .bind(0, since)
          .map((rs, ctx) -> Map.entry(LocalDate.parse(rs.getString("day")), rs.getLong("n")))
          .forEach(e -> perDay.computeIfPresent(e.getKey(), (d, n) -> e.getValue()));
      return new DbMaintenance.Stats(sizes, rows, perDay);
    });
  }

  private static long count(Handle h, String sql) { return h.createQuery(sql).mapTo(Long.class).one(); }
}
