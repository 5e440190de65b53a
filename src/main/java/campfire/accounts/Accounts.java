package campfire.accounts;

import campfire.db.Database;
import campfire.web.Randoms;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** The singleton account, cached after first read since every page shows it. */
public final class Accounts {
  private static final RowMapper<Account> MAPPER = ConstructorMapper.of(Account.class);
  private static final String COLUMNS = "id, name, join_code, custom_styles, restrict_room_creation_to_administrators, logo_key, created_at, updated_at";

  private final Database database;
  private final AtomicReference<Account> cached = new AtomicReference<>();

  public Accounts(Database database) { this.database = database; }

  public Optional<Account> current() {
    Account account = cached.get();
    if (account != null) return Optional.of(account);
    Optional<Account> loaded = database.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM accounts WHERE id = 1")
        .map(MAPPER).findOne());
    loaded.ifPresent(cached::set);
    return loaded;
  }

  public boolean exists() { return current().isPresent(); }

  public Optional<Account> findByJoinCode(String code) {
    return current().filter(a -> a.joinCode().equals(code));
  }

  public Account regenerateJoinCode() {
    database.writeVoid(h -> h.execute("UPDATE accounts SET join_code = ?, updated_at = ? WHERE id = 1", newJoinCode(), Database.now()));
    cached.set(null);
    return current().orElseThrow();
  }

  /** False when another transaction created the account first (on PostgreSQL two first runs can overlap). */
  static boolean insert(Handle h, String name) {
    long now = Database.now();
    return h.execute("INSERT INTO accounts (id, name, join_code, created_at, updated_at) VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
        name, newJoinCode(), now, now) == 1;
  }

  /** Drops the cached account after a change made outside this class. */
  public void forget() { cached.set(null); }

  static String newJoinCode() {
    String raw = Randoms.alphanumerics(12);
    return raw.substring(0, 4) + "-" + raw.substring(4, 8) + "-" + raw.substring(8);
  }
}
