package campfire.bots;

import campfire.domain.DomainError;
import campfire.accounts.Users;
import campfire.db.Database;
import campfire.rooms.Memberships;
import campfire.rooms.Rooms;
import campfire.web.Randoms;
import campfire.web.Signer;
import campfire.net.Outbound;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** Bots are users with the bot role, a secret token, and optionally a webhook. */
public final class Bots {
  private static final RowMapper<Bot> MAPPER = ConstructorMapper.of(Bot.class);
  private static final String SELECT = "SELECT u.id, u.name, u.bot_token, w.url AS webhook_url, u.active, u.updated_at "
      + "FROM users u LEFT JOIN webhooks w ON w.user_id = u.id WHERE u.role = 'bot' ";
  private final Database database;
  private final Outbound outbound;

  public Bots(Database database, Outbound outbound) {
    this.database = database;
    this.outbound = outbound;
  }

  public List<Bot> active() {
    return database.read(h -> h.createQuery(SELECT + "AND u.active = 1 ORDER BY u.name").map(MAPPER).list());
  }

  public Optional<Bot> find(long id) {
    return database.read(h -> h.createQuery(SELECT + "AND u.id = ? AND u.active = 1").bind(0, id).map(MAPPER).findOne());
  }

  /** The active bot a key belongs to; a wrong, malformed or retired key finds nothing. */
  public Optional<Bot> authenticate(String key) {
    if (key == null || !key.matches("\\d{1,18}-[A-Za-z0-9]{12}")) return Optional.empty();
    int dash = key.indexOf('-');
    return find(Long.parseLong(key.substring(0, dash))).filter(bot -> Signer.matches(bot.botToken(), key.substring(dash + 1)));
  }

  /** A new bot joins every open room, as people do. */
  public Bot create(String name, String webhookUrl) {
    String cleanName = name(name);
    String url = webhookUrl(webhookUrl);
    long id = database.write(h -> {
      long botId = Users.insertBot(h, cleanName, Randoms.alphanumerics(12));
      if (url != null) h.execute("INSERT INTO webhooks (user_id, url, created_at) VALUES (?, ?, ?)", botId, url, Database.now(h));
      Rooms.grantOpenRoomsTo(h, botId);
      return botId;
    });
    return find(id).orElseThrow();
  }

  public Bot update(Bot bot, String name, String webhookUrl) {
    String cleanName = name(name);
    String url = webhookUrl(webhookUrl);
    database.writeVoid(h -> {
      Users.rename(h, bot.id(), cleanName);
      // Updated in place, so the delivery log (tied to the webhook row) survives a URL change.
      if (url == null) h.execute("DELETE FROM webhooks WHERE user_id = ?", bot.id());
      else h.execute("INSERT INTO webhooks (user_id, url, created_at) VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET url = excluded.url",
          bot.id(), url, Database.now(h));
    });
    return find(bot.id()).orElseThrow();
  }

  public Bot resetKey(Bot bot) {
    database.writeVoid(h -> Users.setBotToken(h, bot.id(), Randoms.alphanumerics(12)));
    return find(bot.id()).orElseThrow();
  }

  /** Retires the bot: its key stops working and it leaves every room but keeps its messages. */
  public void deactivate(Bot bot) {
    database.writeVoid(h -> {
      Users.retireBot(h, bot.id());
      Memberships.leaveEveryRoom(h, bot.id());
      h.execute("DELETE FROM webhooks WHERE user_id = ?", bot.id());
    });
  }

  /** Open rooms and other rooms the bot was added to, for its curl commands. */
  public List<RoomRef> roomsOf(long botId) {
    return database.read(h -> h.createQuery("SELECT r.id, r.name FROM rooms r JOIN memberships m ON m.room_id = r.id "
            + "WHERE m.user_id = ? AND r.type <> 'direct' ORDER BY r.name")
        .bind(0, botId).map((rs, ctx) -> new RoomRef(rs.getLong("id"), rs.getString("name"))).list());
  }

  public record RoomRef(long id, String name) {}

  static String name(String name) {
    if (name == null || name.isBlank()) throw new DomainError.Invalid("Name the bot.");
    if (name.strip().length() > 100) throw new DomainError.Invalid("A bot's name can be at most 100 characters.");
    return name.strip();
  }

  /** An http or https address the server may reach (public, or allowed by the operator), checked when saved and again on every delivery. */
  String webhookUrl(String url) {
    if (url == null || url.isBlank()) return null;
    URI uri;
    try {
      uri = new URI(url.strip());
      if (url.length() > 2000) throw new URISyntaxException(url, "too long");
    } catch (URISyntaxException e) {
      throw new DomainError.Invalid("The webhook URL must be an http or https address.");
    }
    try {
      Outbound.checkForm(uri);
    } catch (Outbound.Refused e) {
      throw new DomainError.Invalid("The webhook URL must be an http or https address.");
    }
    try {
      outbound.check(uri);
    } catch (Outbound.Refused e) {
      throw new DomainError.Invalid("The webhook URL can't be used: " + e.getMessage());
    }
    return uri.toString();
  }
}
