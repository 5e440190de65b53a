package campfire.bots;

import campfire.db.Database;
import campfire.db.Dialect;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The queued webhook deliveries, shared by every instance: a claim marks the oldest due one as
 * sending in one statement, so each job runs once. On PostgreSQL, where other instances claim at
 * the same moment, rows another instance holds are skipped (FOR UPDATE SKIP LOCKED) rather than
 * waited for; on SQLite the single writer connection already serialises claims.
 */
final class DeliveryQueue {
  private static final String DUE = "SELECT id FROM webhook_deliveries WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY id LIMIT 1";
  /** Far longer than one delivery can take (a 5 s connect and a 7 s answer, then posting the reply). */
  static final long LEASE_MILLIS = 120_000;
  private final Database database;
  private final String claimSql;

  DeliveryQueue(Database database) {
    this.database = database;
    String due = database.dialect() == Dialect.POSTGRES ? DUE + " FOR UPDATE SKIP LOCKED" : DUE;
    this.claimSql = "UPDATE webhook_deliveries SET status = 'sending', attempts = attempts + 1, updated_at = ? "
        + "WHERE id = (" + due + ") AND status = 'queued' RETURNING id, webhook_id, payload, attempts";
  }

  /** Queues a delivery in the caller's transaction (the message's own: an outbox). */
  static void enqueue(Handle h, long webhookId, long messageId, String payload) {
    long now = Database.now(h);
    h.execute("INSERT INTO webhook_deliveries (webhook_id, message_id, payload, status, attempts, "
        + "next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, 'queued', 0, ?, ?, ?)", webhookId, messageId, payload, now, now, now);
  }

  /** Back in the queue, due after {@code waitMillis}. */
  void retryLater(long deliveryId, long waitMillis, String error) {
    long now = database.now();
    database.writeVoid(h -> h.execute("UPDATE webhook_deliveries SET status = 'queued', next_attempt_at = ?, error = ?, updated_at = ? WHERE id = ?",
        now + waitMillis, error, now, deliveryId));
  }

  /** Done: delivered, or failed for good. */
  void finish(long deliveryId, String status, Integer responseStatus, String error) {
    database.writeVoid(h -> h.execute("UPDATE webhook_deliveries SET status = ?, response_status = ?, error = ?, updated_at = ? WHERE id = ?",
        status, responseStatus, error, Database.now(h), deliveryId));
  }

  /**
   * Deliveries cut off by a crash or restart are picked up again. A single box at boot takes back
   * every one; with PostgreSQL another instance may be sending right now, so only those claimed
   * longer ago than any delivery can take (a lease).
   */
  void requeueAbandoned() {
    long before = database.dialect() == Dialect.POSTGRES ? database.now() - LEASE_MILLIS : Long.MAX_VALUE;
    database.writeVoid(h -> h.execute("UPDATE webhook_deliveries SET status = 'queued' WHERE status = 'sending' AND updated_at < ?", before));
  }

  boolean shared() { return database.dialect() == Dialect.POSTGRES; }

  Optional<WebhookDeliveries.Delivery> claim() {
    long now = database.now();
    return database.write(h -> h.createQuery(claimSql)
        .bind(0, now).bind(1, now)
        .map((rs, ctx) -> new long[] {rs.getLong("id"), rs.getLong("webhook_id"), rs.getInt("attempts")})
        .findOne()
        .flatMap(row -> h.createQuery("SELECT w.user_id, w.url, d.payload, m.room_id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id "
                + "LEFT JOIN messages m ON m.id = d.message_id WHERE d.id = ?").bind(0, row[0])
            .map((rs, ctx) -> new WebhookDeliveries.Delivery(row[0], rs.getLong("user_id"), rs.getString("url"), rs.getLong("room_id"),
                rs.getString("payload"), (int) row[2]))
            .findOne()));
  }
}
