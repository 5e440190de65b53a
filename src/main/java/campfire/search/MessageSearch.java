package campfire.search;

import campfire.db.Database;
import campfire.db.Dialect;
import campfire.messages.Message;
import campfire.messages.Messages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The newest matches by id in rooms a person belongs to. A broad word can match millions of
 * rows, so we never rank: we walk the index newest-first in bounded probes, keep what the person
 * may read, and only when the probes come up short ask the index again scoped to their rooms.
 */
public final class MessageSearch {
  public static final int LIMIT = 100;
  static final int PROBE = 1000;
  static final int MAX_PROBES = 5;
  /** The statements that differ: SQLite asks its FTS5 index, PostgreSQL the GIN index on messages.search_vector. */
  record Statements(String probe, String readable, String reach, String scoped, String explain) {
    static Statements of(Dialect dialect) {
      return dialect == Dialect.POSTGRES ? POSTGRES : SQLITE;
    }
  }

  private static final String SQLITE_PROBE =
      "SELECT rowid AS id FROM message_search_index WHERE message_search_index MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?";
  private static final String POSTGRES_PROBE =
      "SELECT id FROM messages WHERE search_vector @@ plainto_tsquery('campfire_english', ?) AND id < ? ORDER BY id DESC LIMIT ?";

  static final Statements SQLITE = new Statements(SQLITE_PROBE, readable(SQLITE_PROBE), reach(SQLITE_PROBE),
      "SELECT m.id FROM messages m JOIN memberships ms ON ms.room_id = m.room_id AND ms.user_id = ? "
          + "WHERE m.id IN (SELECT rowid FROM message_search_index WHERE message_search_index MATCH ?) ORDER BY m.id DESC LIMIT ?",
      "EXPLAIN QUERY PLAN ");
  static final Statements POSTGRES = new Statements(POSTGRES_PROBE, readable(POSTGRES_PROBE), reach(POSTGRES_PROBE),
      "SELECT m.id FROM messages m JOIN memberships ms ON ms.room_id = m.room_id AND ms.user_id = ? "
          + "WHERE m.search_vector @@ plainto_tsquery('campfire_english', ?) ORDER BY m.id DESC LIMIT ?",
      "EXPLAIN ");

  /**
   * One probe and its membership filter in one statement (the candidates never cross into Java):
   * the readable ids, newest first, each row also telling how many candidates the probe had and
   * the lowest, where the next probe starts. Parameters: match, below, probe size, person, limit.
   */
  private static String readable(String probe) {
    return "WITH c AS MATERIALIZED (" + probe + ") "
        + "SELECT c.id, (SELECT count(*) FROM c) AS probed, (SELECT min(id) FROM c) AS lowest "
        + "FROM c JOIN messages m ON m.id = c.id JOIN memberships ms ON ms.room_id = m.room_id AND ms.user_id = ? "
        + "ORDER BY c.id DESC LIMIT ?";
  }

  /** How many candidates a probe had and the lowest of them. Parameters: match, below, probe size. */
  private static String reach(String probe) {
    return "SELECT 0, count(*), min(p.id) FROM (" + probe + ") p";
  }

  private record Probed(long id, int probed, long lowest) {}

  private final Database database;
  private final Statements sql;

  public MessageSearch(Database database) {
    this.database = database;
    this.sql = Statements.of(database.dialect());
  }

  /** The newest matches (at most {@link #LIMIT}) in rooms the person is in, oldest first, as a room shows them. */
  public List<SearchResult> newest(long userId, SearchQuery query) {
    if (query.isEmpty()) return List.of();
    return database.read(h -> {
      List<Long> ids = matchingIds(h, userId, match(query));
      return load(h, userId, ids);
    });
  }

  /** What the index is asked: an FTS5 expression of quoted words, or the words for plainto_tsquery (which ANDs them). */
  public String match(SearchQuery query) {
    return database.dialect() == Dialect.POSTGRES ? query.plainWords() : query.ftsMatch();
  }

  private List<Long> matchingIds(Handle h, long userId, String match) {
    List<Long> found = new ArrayList<>();
    long below = Long.MAX_VALUE;
    for (int probe = 0; probe < MAX_PROBES; probe++) {
      List<Probed> rows = h.createQuery(sql.readable()).bind(0, match).bind(1, below).bind(2, PROBE).bind(3, userId)
          .bind(4, LIMIT - found.size())
          .map((rs, ctx) -> new Probed(rs.getLong(1), rs.getInt(2), rs.getLong(3))).list();
      int probed;
      if (rows.isEmpty()) {
        // Nothing readable in this probe: ask only how far it reached.
        Probed reach = h.createQuery(sql.reach()).bind(0, match).bind(1, below).bind(2, PROBE)
            .map((rs, ctx) -> new Probed(0, rs.getInt(2), rs.getLong(3))).one();
        probed = reach.probed();
        below = reach.lowest();
      } else {
        rows.forEach(row -> found.add(row.id()));
        probed = rows.getFirst().probed();
        below = rows.getFirst().lowest();
      }
      if (found.size() >= LIMIT || probed < PROBE) return found;
    }
    // The person's rooms hold few of the matches: ask the index for theirs alone.
    return h.createQuery(sql.scoped()).bind(0, userId).bind(1, match).bind(2, LIMIT).mapTo(Long.class).list();
  }

  /** Loads the messages through the person's memberships once more, so a room they left since is never shown. */
  private List<SearchResult> load(Handle h, long userId, List<Long> ids) {
    if (ids.isEmpty()) return List.of();
    Map<Long, String> directNames = new HashMap<>();
    h.createQuery("SELECT mine.room_id, u.name FROM memberships mine JOIN rooms r ON r.id = mine.room_id AND r.type = 'direct' "
            + "JOIN memberships other ON other.room_id = r.id AND other.user_id <> mine.user_id JOIN users u ON u.id = other.user_id "
            + "WHERE mine.user_id = ? ORDER BY u.name")
        .bind(0, userId)
        .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
        .forEach(e -> directNames.merge(e.getKey(), e.getValue(), (a, b) -> a + ", " + b));
    return h.createQuery("SELECT m.id, m.room_id, m.creator_id, m.client_message_id, m.body_html, m.body_plain, m.created_at, "
            + "m.updated_at, " + Messages.CREATOR_COLUMNS + "r.name AS room_name, r.type AS room_type, "
            + campfire.messages.Messages.extraColumns(database.dialect())
            + "FROM messages m JOIN users u ON u.id = m.creator_id JOIN rooms r ON r.id = m.room_id "
            + "JOIN memberships ms ON ms.room_id = m.room_id AND ms.user_id = :user WHERE m.id IN (<ids>) ORDER BY m.id")
        .bind("user", userId).bindList("ids", ids)
        .map((rs, ctx) -> {
          Message message = Messages.MAPPER.map(rs, ctx);
          boolean direct = "direct".equals(rs.getString("room_type"));
          String name = direct ? directNames.getOrDefault(message.roomId(), "Just you") : rs.getString("room_name");
          return new SearchResult(message, name, direct);
        })
        .list();
  }

  /** The plan the database picks for the probe, for tests and the benchmark. */
  public List<String> probePlan(String match) {
    return database.read(h -> h.createQuery(sql.explain() + sql.probe()).bind(0, match).bind(1, Long.MAX_VALUE).bind(2, PROBE)
        .map((rs, ctx) -> planLine(rs)).list());
  }

  /** The plan for the membership-scoped fallback. */
  public List<String> scopedPlan(long userId, String match) {
    return database.read(h -> h.createQuery(sql.explain() + sql.scoped()).bind(0, userId).bind(1, match).bind(2, LIMIT)
        .map((rs, ctx) -> planLine(rs)).list());
  }

  private String planLine(java.sql.ResultSet rs) throws java.sql.SQLException {
    return database.dialect() == Dialect.POSTGRES ? rs.getString(1) : rs.getString("detail");
  }
}
