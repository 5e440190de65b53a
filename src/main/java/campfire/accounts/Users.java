package campfire.accounts;

import campfire.db.Database;
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

  public Users(Database database) { this.database = database; }

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

  public boolean any() {
    return database.read(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM users)").mapTo(Boolean.class).one());
  }

  /** Inserts a person inside the caller's write transaction. */
  static User insert(Handle h, String name, String email, String digest, String role) {
    long now = Database.now();
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
