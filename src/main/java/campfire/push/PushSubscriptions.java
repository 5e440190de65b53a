package campfire.push;

import campfire.domain.DomainError;
import campfire.db.Database;
import campfire.net.Outbound;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** Browsers that asked to be told about new messages. */
public final class PushSubscriptions {
  private static final RowMapper<PushSubscription> MAPPER = ConstructorMapper.of(PushSubscription.class);
  private static final String COLUMNS = "id, user_id, endpoint, p256dh_key, auth_key";
  private final Database database;
  private final boolean allowHttp;
  private final Outbound outbound;

  public PushSubscriptions(Database database, boolean allowHttp, Outbound outbound) {
    this.database = database;
    this.allowHttp = allowHttp;
    this.outbound = outbound;
  }

  public record PushSubscription(long id, long userId, String endpoint, String p256dhKey, String authKey) {}

  public PushSubscription subscribe(long userId, String endpoint, String p256dh, String auth, String userAgent) {
    validate(endpoint, p256dh, auth);
    return database.write(h -> {
      h.execute("INSERT INTO push_subscriptions (user_id, endpoint, p256dh_key, auth_key, user_agent, created_at) VALUES (?, ?, ?, ?, ?, ?) "
          + "ON CONFLICT (user_id, endpoint) DO UPDATE SET p256dh_key = excluded.p256dh_key, auth_key = excluded.auth_key",
          userId, endpoint, p256dh, auth, userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), 500)), Database.now(h));
      return h.createQuery("SELECT " + COLUMNS + " FROM push_subscriptions WHERE user_id = ? AND endpoint = ?")
          .bind(0, userId).bind(1, endpoint).map(MAPPER).one();
    });
  }

  public List<PushSubscription> of(long userId) {
    return database.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM push_subscriptions WHERE user_id = ? ORDER BY id")
        .bind(0, userId).map(MAPPER).list());
  }

  public Optional<PushSubscription> find(long userId, long id) {
    return database.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM push_subscriptions WHERE user_id = ? AND id = ?")
        .bind(0, userId).bind(1, id).map(MAPPER).findOne());
  }

  /** Every subscription of the person, in the caller's transaction (deactivation). */
  public static void deleteAllOf(Handle h, long userId) {
    h.execute("DELETE FROM push_subscriptions WHERE user_id = ?", userId);
  }

  public void delete(long id) {
    database.writeVoid(h -> h.execute("DELETE FROM push_subscriptions WHERE id = ?", id));
  }

  public void deleteByEndpoint(long userId, String endpoint) {
    database.writeVoid(h -> h.execute("DELETE FROM push_subscriptions WHERE user_id = ? AND endpoint = ?", userId, endpoint));
  }

  /**
   * Push services are HTTPS endpoints at public addresses (or hosts the operator allowed); anything
   * else is refused here, and the address is checked again when a push is sent.
   */
  void validate(String endpoint, String p256dh, String auth) {
    if (endpoint == null || endpoint.length() > 2000) throw new DomainError.Invalid("A push subscription needs its endpoint.");
    URI uri;
    try {
      uri = new URI(endpoint);
      boolean https = "https".equals(uri.getScheme());
      boolean http = allowHttp && "http".equals(uri.getScheme());
      if (!(https || http) || uri.getHost() == null || uri.getRawUserInfo() != null) throw new URISyntaxException(endpoint, "scheme");
    } catch (URISyntaxException e) {
      throw new DomainError.Invalid("The push endpoint must be an https URL.");
    }
    try {
      outbound.check(uri);
    } catch (Outbound.Refused e) {
      throw new DomainError.Invalid("The push endpoint can't be used: " + e.getMessage());
    }
    if (p256dh == null || !p256dh.matches("[A-Za-z0-9_=-]{80,100}")) throw new DomainError.Invalid("The p256dh key is not a P-256 public key.");
    if (auth == null || !auth.matches("[A-Za-z0-9_=-]{16,30}")) throw new DomainError.Invalid("The auth key is not a 16-byte secret.");
  }
}
