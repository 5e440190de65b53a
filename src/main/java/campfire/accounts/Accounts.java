package campfire.accounts;

import campfire.db.Database;
import campfire.realtime.Broadcaster;
import campfire.web.Randoms;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * The singleton account, kept in memory after the first read since every page shows it. A change
 * on any instance makes every instance forget it (through the broadcaster), so a new join code or
 * name is read back everywhere.
 */
public final class Accounts {
  private static final RowMapper<Account> MAPPER = ConstructorMapper.of(Account.class);
  private static final String COLUMNS = "id, name, join_code, custom_styles, restrict_room_creation_to_administrators, logo_key, created_at, updated_at";

  private static final String TOPIC = "account";

  private final Database database;
  private final Broadcaster broadcaster;
  private final AtomicReference<Account> cached = new AtomicReference<>();
  /** Counts forgettings, so a read that began before one cannot put back what it read. */
  private final AtomicLong generation = new AtomicLong();

  public Accounts(Database database, Broadcaster broadcaster) {
    this.database = database;
    this.broadcaster = broadcaster;
    broadcaster.onChange(TOPIC, () -> {
      generation.incrementAndGet();
      cached.set(null);
    });
  }

  public Optional<Account> current() {
    Account account = cached.get();
    if (account != null) return Optional.of(account);
    long readAt = generation.get();
    Optional<Account> loaded = database.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM accounts WHERE id = 1")
        .map(MAPPER).findOne());
    loaded.ifPresent(read -> {
      if (cached.compareAndSet(null, read) && generation.get() != readAt) cached.compareAndSet(read, null);
    });
    return loaded;
  }

  public boolean exists() { return current().isPresent(); }

  public Optional<Account> findByJoinCode(String code) {
    return current().filter(a -> a.joinCode().equals(code));
  }

  public Account regenerateJoinCode() {
    database.writeVoid(h -> h.execute("UPDATE accounts SET join_code = ?, updated_at = ? WHERE id = 1", newJoinCode(), Database.now(h)));
    forget();
    return current().orElseThrow();
  }

  /**
   * Renames the account and, when {@code logoKey} is given, sets its logo; when
   * {@code restrictRoomCreation} is given, whether only administrators create rooms.
   */
  public void rename(String name, String logoKey, Boolean restrictRoomCreation) {
    database.writeVoid(h -> h.execute("UPDATE accounts SET name = ?, logo_key = COALESCE(?, logo_key), "
        + "restrict_room_creation_to_administrators = COALESCE(?, restrict_room_creation_to_administrators), updated_at = ? WHERE id = 1",
        name, logoKey, restrictRoomCreation == null ? null : restrictRoomCreation ? 1 : 0, Database.now(h)));
    forget();
  }

  /** Whether this person may make rooms: administrators always, others unless the account says only administrators. */
  public boolean mayCreateRooms(User person) {
    return person.isAdministrator() || !current().map(Account::restrictRoomCreationToAdministrators).orElse(false);
  }

  public void removeLogo() {
    database.writeVoid(h -> h.execute("UPDATE accounts SET logo_key = NULL, updated_at = ? WHERE id = 1", Database.now(h)));
    forget();
  }

  /** The account's custom CSS, or none with null. */
  public void setCustomStyles(String css) {
    database.writeVoid(h -> h.execute("UPDATE accounts SET custom_styles = ?, updated_at = ? WHERE id = 1", css, Database.now(h)));
    forget();
  }

  /** Whether the install is set up: the account exists. */
  static boolean exists(Handle h) { return h.createQuery("SELECT EXISTS (SELECT 1 FROM accounts)").mapTo(Boolean.class).one(); }

  /** False when another transaction created the account first (on PostgreSQL two first runs can overlap). */
  static boolean insert(Handle h, String name) {
    long now = Database.now(h);
    return h.execute("INSERT INTO accounts (id, name, join_code, created_at, updated_at) VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
        name, newJoinCode(), now, now) == 1;
  }

  /** After a change to the account, committed: every instance reads it again. */
  public void forget() { broadcaster.changed(TOPIC); }

  static String newJoinCode() {
    String raw = Randoms.alphanumerics(12);
    return raw.substring(0, 4) + "-" + raw.substring(4, 8) + "-" + raw.substring(8);
  }
}
