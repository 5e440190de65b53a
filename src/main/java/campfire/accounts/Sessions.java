package campfire.accounts;

import campfire.db.Database;
import campfire.web.Signer;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Signed-in browsers: a random token per session, kept in the database. */
public final class Sessions {
  private static final long REFRESH_AFTER_MILLIS = 60 * 60 * 1000L;
  private final Database database;

  public Sessions(Database database) { this.database = database; }

  public record Current(long sessionId, String token, User user, long lastActiveAt) {}

  public String start(long userId, String ip, String userAgent) {
    return database.write(h -> start(h, userId, ip, userAgent));
  }

  /** Every address the person has a session from, in the banning transaction. */
  public static List<String> addressesOf(Handle h, long userId) {
    return h.createQuery("SELECT DISTINCT ip_address FROM sessions WHERE user_id = ?").bind(0, userId).mapTo(String.class).list();
  }

  static String start(Handle h, long userId, String ip, String userAgent) {
    String token = Signer.randomToken(32);
    long now = Database.now(h);
    h.execute("INSERT INTO sessions (user_id, token, ip_address, user_agent, last_active_at, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        userId, token, ip, truncate(userAgent, 500), now, now);
    return token;
  }

  public Optional<Current> find(String token) {
    return database.read(h -> h.createQuery("SELECT s.id AS session_id, s.last_active_at, " + Users.U_COLUMNS
            + " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token = ? AND u.active = 1")
        .bind(0, token)
        .map((rs, ctx) -> new Current(rs.getLong("session_id"), token, Users.MAPPER.map(rs, ctx), rs.getLong("last_active_at")))
        .findOne());
  }

  /** Records activity at most hourly, so reads do not turn into writes on every request. */
  public void touch(Current current, String ip) {
    long now = database.now();
    if (now - current.lastActiveAt() < REFRESH_AFTER_MILLIS) return;
    database.writeVoid(h -> h.execute("UPDATE sessions SET last_active_at = ?, ip_address = ? WHERE id = ?", now, ip, current.sessionId()));
  }

  /** A signed-in browser as its owner sees it in their list. */
  public record Listed(long id, String ipAddress, String userAgent, long lastActiveAt, boolean current) {
    public String lastActiveIso() { return java.time.Instant.ofEpochMilli(lastActiveAt).toString(); }

    /** In UTC; the browser writes it in the reader's zone. */
    public String lastActive() {
      return java.time.Instant.ofEpochMilli(lastActiveAt).toString().replace('T', ' ').substring(0, 16) + " UTC";
    }

    /** "Firefox on Linux"-like, from the user agent; plain "A browser" when it says nothing we know. */
    public String device() {
      String agent = userAgent == null ? "" : userAgent;
      String browser = agent.contains("Edg/") ? "Edge" : agent.contains("Firefox/") ? "Firefox" : agent.contains("Chrome/") ? "Chrome"
          : agent.contains("Safari/") ? "Safari" : "A browser";
      String system = agent.contains("iPhone") || agent.contains("iPad") ? "iOS" : agent.contains("Android") ? "Android"
          : agent.contains("Mac OS") ? "macOS" : agent.contains("Windows") ? "Windows" : agent.contains("Linux") ? "Linux" : null;
      return system == null ? browser : browser + " on " + system;
    }
  }

  public java.util.List<Listed> of(long userId, long currentSessionId) {
    return database.read(h -> h.createQuery("SELECT id, ip_address, user_agent, last_active_at FROM sessions WHERE user_id = ? "
            + "ORDER BY last_active_at DESC, id DESC")
        .bind(0, userId)
        .map((rs, ctx) -> new Listed(rs.getLong("id"), rs.getString("ip_address"), rs.getString("user_agent"), rs.getLong("last_active_at"),
            rs.getLong("id") == currentSessionId))
        .list());
  }

  /** Ends every session of the person but one; returns the ids ended, so their sockets can be closed. */
  public java.util.List<Long> endOthers(long userId, long keepSessionId) {
    return database.write(h -> {
      java.util.List<Long> ids = h.createQuery("SELECT id FROM sessions WHERE user_id = ? AND id <> ?")
          .bind(0, userId).bind(1, keepSessionId).mapTo(Long.class).list();
      h.execute("DELETE FROM sessions WHERE user_id = ? AND id <> ?", userId, keepSessionId);
      return ids;
    });
  }

  /** Ends every session of the person, in the caller's transaction (deactivation, bans). */
  public static void endAll(Handle h, long userId) {
    h.execute("DELETE FROM sessions WHERE user_id = ?", userId);
  }

  public void end(String token) {
    database.writeVoid(h -> h.execute("DELETE FROM sessions WHERE token = ?", token));
  }


  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
