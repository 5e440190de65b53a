package campfire.accounts;

import campfire.db.Database;
import campfire.db.Memo;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The users table. */
public final class Users {
  /** Written out rather than reflective: it runs on every signed-in request. */
  static final RowMapper<User> MAPPER = (rs, ctx) -> new User(rs.getLong("id"), rs.getString("name"), rs.getString("email_address"),
      rs.getString("role"), rs.getString("bio"), rs.getString("avatar_key"), rs.getBoolean("active"), rs.getLong("created_at"),
      rs.getLong("updated_at"));
  static final String COLUMNS = "id, name, email_address, role, bio, avatar_key, active, created_at, updated_at";
  /** The same columns from a query that calls users {@code u}. */
  static final String U_COLUMNS = "u." + COLUMNS.replace(", ", ", u.");

  private final Database database;
  /** Mention chips ask for each person named: kept until the next write. */
  private final Memo<Long, Optional<User>> byId;

  public Users(Database database) {
    this.database = database;
    this.byId = new Memo<>(database, 10_000);
  }

  /** The person as of the last write (what a message's mention chips show). */
  public Optional<User> findKept(long id) { return byId.get(id, this::find); }

  public Optional<User> find(long id) {
    return database.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM users WHERE id = ?")
        .bind(0, id).map(MAPPER).findOne());
  }

  public Optional<User> findActiveByEmail(String email) {
    return database.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM users WHERE email_address = ? AND active = 1 AND banned_at IS NULL")
        .bind(0, normalizeEmail(email)).map(MAPPER).findOne());
  }

  public Optional<String> passwordDigest(long userId) {
    return database.read(h -> h.createQuery("SELECT password_digest FROM users WHERE id = ?")
        .bind(0, userId).mapTo(String.class).findOne());
  }

  /** Banned people cannot sign in again until an administrator lifts the ban. */
  public boolean isBanned(long userId) {
    return database.read(h -> h.createQuery("SELECT banned_at IS NOT NULL FROM users WHERE id = ?")
        .bind(0, userId).mapTo(Boolean.class).findOne().orElse(false));
  }

  public List<User> active() {
    return database.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM users WHERE active = 1 ORDER BY name")
        .map(MAPPER).list());
  }

  /**
   * Active people (bots too) in the room whose names contain {@code query}, 20 at most by name;
   * empty when the asker is not in the room, so a room they cannot see answers nothing.
   */
  public Optional<List<User>> inRoomNamed(long roomId, long askerId, String query) {
    return database.read(h -> {
      boolean member = h.createQuery("SELECT EXISTS (SELECT 1 FROM memberships WHERE room_id = ? AND user_id = ?)")
          .bind(0, roomId).bind(1, askerId).mapTo(Boolean.class).one();
      if (!member) return Optional.empty();
      return Optional.of(h.createQuery("SELECT " + U_COLUMNS + " FROM users u JOIN memberships m ON m.user_id = u.id "
              + "WHERE m.room_id = ? AND u.active = 1 AND LOWER(u.name) LIKE ? ESCAPE '\\' ORDER BY u.name LIMIT 20")
          .bind(0, roomId).bind(1, containing(query)).map(MAPPER).list());
    });
  }

  /** Active people other than the asker, not bots, whose names contain {@code query}: 20 at most, by name. */
  public List<User> othersNamed(long askerId, String query) {
    return database.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM users WHERE active = 1 AND role <> 'bot' AND id <> ? "
            + "AND LOWER(name) LIKE ? ESCAPE '\\' ORDER BY name LIMIT 20")
        .bind(0, askerId).bind(1, containing(query)).map(MAPPER).list());
  }

  /** A LIKE pattern for names containing the text, its wildcards taken literally. */
  private static String containing(String text) {
    return "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  public boolean any() {
    return database.read(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM users)").mapTo(Boolean.class).one());
  }

  /** Sets the person's uploaded avatar, or with null removes it. */
  public static void setAvatar(Handle h, long userId, String key) {
    h.execute("UPDATE users SET avatar_key = ?, updated_at = ? WHERE id = ?", key, Database.now(h), userId);
  }

  public void changeRole(long userId, String role) {
    database.writeVoid(h -> h.execute("UPDATE users SET role = ?, updated_at = ? WHERE id = ?", role, Database.now(h), userId));
  }

  /** Whether an active person other than {@code userId} has this (normalised) email address. */
  public static boolean emailTakenByAnother(Handle h, String email, long userId) {
    return h.createQuery("SELECT EXISTS (SELECT 1 FROM users WHERE email_address = ? AND active = 1 AND id <> ?)")
        .bind(0, email).bind(1, userId).mapTo(Boolean.class).one();
  }

  /** Saves a profile in the caller's transaction; a null digest keeps the password. */
  public static void updateProfile(Handle h, long userId, String name, String email, String bio, String digest) {
    h.execute("UPDATE users SET name = ?, email_address = ?, bio = ?, password_digest = COALESCE(?, password_digest), updated_at = ? "
        + "WHERE id = ?", name, normalizeEmail(email), bio, digest, Database.now(h), userId);
  }

  public static void markBanned(Handle h, long userId, long now) {
    h.execute("UPDATE users SET banned_at = ?, updated_at = ? WHERE id = ?", now, now, userId);
  }

  public static void clearBan(Handle h, long userId) {
    h.execute("UPDATE users SET banned_at = NULL, updated_at = ? WHERE id = ?", Database.now(h), userId);
  }

  public static void markDeactivated(Handle h, long userId) {
    h.execute("UPDATE users SET active = 0, updated_at = ? WHERE id = ?", Database.now(h), userId);
  }

  /** A bot is a user with the bot role and a key instead of a password. */
  public static long insertBot(Handle h, String name, String token) {
    long now = Database.now(h);
    return h.createUpdate("INSERT INTO users (name, role, bot_token, created_at, updated_at) VALUES (?, 'bot', ?, ?, ?)")
        .bind(0, name).bind(1, token).bind(2, now).bind(3, now)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
  }

  public static void rename(Handle h, long userId, String name) {
    h.execute("UPDATE users SET name = ?, updated_at = ? WHERE id = ?", name, Database.now(h), userId);
  }

  public static void setBotToken(Handle h, long botId, String token) {
    h.execute("UPDATE users SET bot_token = ?, updated_at = ? WHERE id = ?", token, Database.now(h), botId);
  }

  /** A retired bot is inactive and its key is gone. */
  public static void retireBot(Handle h, long botId) {
    h.execute("UPDATE users SET active = 0, bot_token = NULL, updated_at = ? WHERE id = ?", Database.now(h), botId);
  }

  /** Inserts a person inside the caller's write transaction. */
  static User insert(Handle h, String name, String email, String digest, String role) {
    long now = Database.now(h);
    long id = h.createUpdate("INSERT INTO users (name, email_address, password_digest, role, created_at, updated_at) "
            + "VALUES (?, ?, ?, ?, ?, ?)")
        .bind(0, name).bind(1, normalizeEmail(email)).bind(2, digest).bind(3, role).bind(4, now).bind(5, now)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    return h.createQuery("SELECT " + COLUMNS + " FROM users WHERE id = ?").bind(0, id).map(MAPPER).one();
  }

  static boolean emailTaken(Handle h, String email) {
    return h.createQuery("SELECT EXISTS (SELECT 1 FROM users WHERE email_address = ? AND active = 1)")
        .bind(0, normalizeEmail(email)).mapTo(Boolean.class).one();
  }

  static String normalizeEmail(String email) {
    return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
  }
}
