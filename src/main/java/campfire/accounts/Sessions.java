package campfire.accounts;

import campfire.db.Database;
import campfire.web.Signer;
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

  static String start(Handle h, long userId, String ip, String userAgent) {
    String token = Signer.randomToken(32);
    long now = Database.now();
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
    long now = Database.now();
    if (now - current.lastActiveAt() < REFRESH_AFTER_MILLIS) return;
    database.writeVoid(h -> h.execute("UPDATE sessions SET last_active_at = ?, ip_address = ? WHERE id = ?", now, ip, current.sessionId()));
  }

  public void end(String token) {
    database.writeVoid(h -> h.execute("DELETE FROM sessions WHERE token = ?", token));
  }


  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
