package campfire.search;

import campfire.db.Database;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** A person's recent searches: the newest ten, each query once. */
public final class Searches {
  public static final int KEPT = 10;
  private final Database database;

  public Searches(Database database) { this.database = database; }

  public void record(long userId, String query) {
    database.writeVoid(h -> {
      h.execute("DELETE FROM searches WHERE user_id = ? AND query = ?", userId, query);
      h.execute("INSERT INTO searches (user_id, query, created_at) VALUES (?, ?, ?)", userId, query, Database.now(h));
      h.execute("DELETE FROM searches WHERE user_id = ? AND id NOT IN "
          + "(SELECT id FROM searches WHERE user_id = ? ORDER BY id DESC LIMIT ?)", userId, userId, KEPT);
    });
  }

  public List<String> recent(long userId) {
    return database.read(h -> h.createQuery("SELECT query FROM searches WHERE user_id = ? ORDER BY id DESC LIMIT ?")
        .bind(0, userId).bind(1, KEPT).mapTo(String.class).list());
  }

  public void clear(long userId) {
    database.writeVoid(h -> clear(h, userId));
  }

  /** Forgets the person's recent searches in the caller's transaction (deactivation). */
  public static void clear(Handle h, long userId) {
    h.execute("DELETE FROM searches WHERE user_id = ?", userId);
  }
}
