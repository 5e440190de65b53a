package campfire.ops;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Plain connections to a SQLite file for the maintenance commands (no pool, no migrations). */
final class SqliteFile {
  static final List<String> COUNTED = List.of("messages", "users", "rooms");

  private SqliteFile() {}

  static Jdbi open(Path file) {
    Properties properties = new Properties();
    properties.setProperty("busy_timeout", "10000");
    return Jdbi.create("jdbc:sqlite:" + file.toAbsolutePath(), properties);
  }

  static Map<String, Long> counts(Handle h) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : COUNTED) {
      counts.put(table, hasTable(h, table) ? h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one() : 0L);
    }
    return counts;
  }

  static String schemaVersion(Handle h) {
    if (!hasTable(h, "flyway_schema_history")) return "none";
    return h.createQuery("SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")
        .mapTo(String.class).findOne().orElse("none");
  }

  static boolean hasTable(Handle h, String name) {
    return h.createQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?").bind(0, name).mapTo(Integer.class).one() > 0;
  }
}
