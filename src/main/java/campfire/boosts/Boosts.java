package campfire.boosts;

import campfire.domain.DomainError;
import campfire.messages.Boost;
import campfire.db.Database;
import java.util.Optional;

/** The boosts table. */
public final class Boosts {
  /** Quick picks: thumbs up, clap, wave, muscle, heart, laugh, party, fire. */
  public static final java.util.List<String> QUICK = java.util.List.of("👍", "👏", "👋", "💪", "❤️", "😂", "🎉", "🔥");
  private final Database database;

  public Boosts(Database database) { this.database = database; }

  /** Checks and trims a boost's text: 1 to 16 characters (as a person counts them). */
  public static String content(String raw) {
    String text = raw == null ? "" : raw.strip();
    if (text.isEmpty()) throw new DomainError.Invalid("A boost can't be empty.");
    if (text.codePointCount(0, text.length()) > Boost.MAX_CHARS) {
      throw new DomainError.Invalid("A boost can be at most " + Boost.MAX_CHARS + " characters.");
    }
    if (text.codePoints().anyMatch(Character::isISOControl)) throw new DomainError.Invalid("A boost can't contain control characters.");
    return text;
  }

  public long add(long messageId, long boosterId, String content) {
    return database.write(h -> h.createUpdate("INSERT INTO boosts (message_id, booster_id, content, created_at) VALUES (?, ?, ?, ?)")
        .bind(0, messageId).bind(1, boosterId).bind(2, content).bind(3, Database.now(h))
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
  }

  /** The booster's id for a boost of this message. */
  public Optional<Long> boosterOf(long messageId, long boostId) {
    return database.read(h -> h.createQuery("SELECT booster_id FROM boosts WHERE id = ? AND message_id = ?")
        .bind(0, boostId).bind(1, messageId).mapTo(Long.class).findOne());
  }

  public void remove(long boostId) {
    database.writeVoid(h -> h.execute("DELETE FROM boosts WHERE id = ?", boostId));
  }
}
