package campfire.portability;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import javax.imageio.ImageIO;

/**
 * An ONCE Campfire storage directory as the original's Docker volume holds it, built from the
 * original's published schema (db/schema.rb, as Rails writes it into SQLite: datetime(6) text in
 * UTC, integer roles and statuses, Action Text bodies, Active Storage blobs under files/ab/cd/key).
 * Some tables have their columns in migration order, as long-lived installs do. It holds every
 * room type, both signed-id formats of a mention, a link preview, a /play, files of two kinds,
 * boosts, a deactivated and a banned person, a bot with a webhook, an orphaned message, two
 * messages sharing a client id, and an older copy of the database under backups/ that must not be read.
 */
final class OnceFixture {
  static final String ADA_PASSWORD = "ada-old-password";
  static final String BEN_PASSWORD = "ben-old-password";
  static final String CY_PASSWORD = "cy-old-password";
  static final String BOT_KEY = "5-Hk7TqZ2mWx9P";
  static final String JOIN_CODE = "Ab3d-Ef5h-Ij7k";
  static final Instant HELLO_AT = Instant.parse("2024-03-05T09:15:30.123456Z");
  static final String PICTURE_KEY = "p1ctur3ab0ut0urk3ttl3xyz9q";
  static final String NOTES_KEY = "n0t3sfil3k3y0fs3cr3tpl4ns2";
  static final String AVATAR_KEY = "av4t4rk3y0f4d4th34dm1n0001";
  static final String LOGO_KEY = "l0g0k3y0fth34cm3f1r3c0mp4n";
  static final byte[] NOTES = "Secret plans: more coffee.\n".getBytes(StandardCharsets.UTF_8);

  private OnceFixture() {}

  /** Builds the directory; returns it. */
  static Path build(Path dir, String webhookUrl) {
    try {
      Files.createDirectories(dir.resolve("db"));
      Files.createDirectories(dir.resolve("backups"));
      byte[] picture = png(40, 30, Color.ORANGE);
      byte[] avatar = png(64, 64, Color.BLUE);
      byte[] logo = png(100, 50, Color.RED);
      try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(OnceSource.DATABASE))) {
        schema(db);
        data(db, webhookUrl, picture, avatar, logo);
      }
      // An older copy, with a different account name: the import must read db/, never this.
      try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("backups/production.sqlite3"))) {
        schema(old);
        exec(old, "INSERT INTO accounts (name, join_code, created_at, updated_at) VALUES ('Stale Backup', 'x', '2020-01-01 00:00:00', '2020-01-01 00:00:00')");
      }
      file(dir, PICTURE_KEY, picture);
      file(dir, NOTES_KEY, NOTES);
      file(dir, AVATAR_KEY, avatar);
      file(dir, LOGO_KEY, logo);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void exec(Connection db, String sql, Object... args) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) statement.setObject(i + 1, args[i]);
      statement.execute();
    }
  }

  private static void schema(Connection db) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute("CREATE TABLE \"schema_migrations\" (\"version\" varchar NOT NULL PRIMARY KEY)");
      s.execute("CREATE TABLE \"ar_internal_metadata\" (\"key\" varchar NOT NULL PRIMARY KEY, \"value\" varchar, \"created_at\" datetime(6) NOT NULL, \"updated_at\" datetime(6) NOT NULL)");
      // Migration order: custom_styles, settings and singleton_guard came later.
      s.execute("CREATE TABLE \"accounts\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"name\" varchar NOT NULL, \"join_code\" varchar NOT NULL, "
          + "\"created_at\" datetime(6) NOT NULL, \"updated_at\" datetime(6) NOT NULL, \"custom_styles\" text, \"settings\" json, \"singleton_guard\" integer DEFAULT 0 NOT NULL)");
      s.execute("CREATE TABLE \"users\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"name\" varchar NOT NULL, \"email_address\" varchar, "
          + "\"password_digest\" varchar, \"role\" integer DEFAULT 0 NOT NULL, \"created_at\" datetime(6) NOT NULL, \"updated_at\" datetime(6) NOT NULL, "
          + "\"bio\" text, \"bot_token\" varchar, \"status\" integer DEFAULT 0 NOT NULL)");
      s.execute("CREATE TABLE \"rooms\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"name\" varchar, \"type\" varchar NOT NULL, "
          + "\"created_at\" datetime(6) NOT NULL, \"updated_at\" datetime(6) NOT NULL, \"creator_id\" bigint NOT NULL, \"members_hash\" varchar)");
      s.execute("CREATE TABLE \"memberships\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"room_id\" integer NOT NULL, \"user_id\" integer NOT NULL, "
          + "\"created_at\" datetime(6) NOT NULL, \"updated_at\" datetime(6) NOT NULL, \"unread_at\" datetime(6), \"involvement\" varchar DEFAULT 'mentions', "
          + "\"connections\" integer DEFAULT 0 NOT NULL, \"connected_at\" datetime(6))");
      s.execute("CREATE TABLE \"messages\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"room_id\" integer NOT NULL, \"creator_id\" integer NOT NULL, "
          + "\"created_at\" datetime(6) NOT NULL, \"updated_at\" datetime(6) NOT NULL, \"client_message_id\" varchar NOT NULL)");
      // Schema order (a fresh install): alphabetical after id.
      s.execute("CREATE TABLE \"boosts\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"booster_id\" integer NOT NULL, \"content\" varchar(16) NOT NULL, "
          + "\"created_at\" datetime(6) NOT NULL, \"message_id\" integer NOT NULL, \"updated_at\" datetime(6) NOT NULL)");
      s.execute("CREATE TABLE \"bans\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"created_at\" datetime(6) NOT NULL, \"ip_address\" varchar NOT NULL, "
          + "\"updated_at\" datetime(6) NOT NULL, \"user_id\" integer NOT NULL)");
      s.execute("CREATE TABLE \"webhooks\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"created_at\" datetime(6) NOT NULL, \"updated_at\" datetime(6) NOT NULL, "
          + "\"url\" varchar, \"user_id\" integer NOT NULL)");
      s.execute("CREATE TABLE \"searches\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"created_at\" datetime(6) NOT NULL, \"query\" varchar NOT NULL, "
          + "\"updated_at\" datetime(6) NOT NULL, \"user_id\" integer NOT NULL)");
      s.execute("CREATE TABLE \"sessions\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"created_at\" datetime(6) NOT NULL, \"ip_address\" varchar, "
          + "\"last_active_at\" datetime(6) NOT NULL, \"token\" varchar NOT NULL, \"updated_at\" datetime(6) NOT NULL, \"user_agent\" varchar, \"user_id\" integer NOT NULL)");
      s.execute("CREATE TABLE \"push_subscriptions\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"auth_key\" varchar, \"created_at\" datetime(6) NOT NULL, "
          + "\"endpoint\" varchar, \"p256dh_key\" varchar, \"updated_at\" datetime(6) NOT NULL, \"user_agent\" varchar, \"user_id\" integer NOT NULL)");
      s.execute("CREATE TABLE \"action_text_rich_texts\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"body\" text, \"created_at\" datetime(6) NOT NULL, "
          + "\"name\" varchar NOT NULL, \"record_id\" bigint NOT NULL, \"record_type\" varchar NOT NULL, \"updated_at\" datetime(6) NOT NULL)");
      s.execute("CREATE TABLE \"active_storage_blobs\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"byte_size\" bigint NOT NULL, \"checksum\" varchar, "
          + "\"content_type\" varchar, \"created_at\" datetime(6) NOT NULL, \"filename\" varchar NOT NULL, \"key\" varchar NOT NULL, \"metadata\" text, \"service_name\" varchar NOT NULL)");
      s.execute("CREATE TABLE \"active_storage_attachments\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"blob_id\" bigint NOT NULL, \"created_at\" datetime(6) NOT NULL, "
          + "\"name\" varchar NOT NULL, \"record_id\" bigint NOT NULL, \"record_type\" varchar NOT NULL)");
      s.execute("CREATE TABLE \"active_storage_variant_records\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"blob_id\" bigint NOT NULL, \"variation_digest\" varchar NOT NULL)");
      s.execute("CREATE VIRTUAL TABLE message_search_index USING fts5(body, tokenize=porter)");
      for (String version : new String[] {"20231215043540", "20240110071740", "20251212154340", "20260125073335"}) {
        s.execute("INSERT INTO schema_migrations (version) VALUES ('" + version + "')");
      }
    }
  }

  static String time(Instant at) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC).format(at);
  }

  private static void data(Connection db, String webhookUrl, byte[] picture, byte[] avatar, byte[] logo) throws SQLException {
    String t = time(HELLO_AT.minusSeconds(86_400));
    exec(db, "INSERT INTO accounts (id, name, join_code, created_at, updated_at, custom_styles, settings) VALUES (1, 'Acme Fire', ?, ?, ?, "
        + "'.message { color: teal; }', '{\"restrict_room_creation_to_administrators\":true}')", JOIN_CODE, t, t);
    user(db, 1, "Ada Admin", "Ada@Example.com", ADA_PASSWORD, 1, 0, "Runs the place", null, t);
    user(db, 2, "Ben Member", "ben@example.com", BEN_PASSWORD, 0, 0, null, null, t);
    user(db, 3, "Cy Gone", "cy-deactivated-3f2a@example.com", CY_PASSWORD, 0, 1, null, null, t);
    user(db, 4, "Dee Banned", "dee@example.com", "dee-old-password", 0, 2, null, null, t);
    user(db, 5, "Hooky", null, null, 2, 0, null, BOT_KEY.substring(2), t);
    exec(db, "INSERT INTO webhooks (id, user_id, url, created_at, updated_at) VALUES (1, 5, ?, ?, ?)", webhookUrl, t, t);
    exec(db, "INSERT INTO bans (id, user_id, ip_address, created_at, updated_at) VALUES (1, 4, '203.0.113.9', ?, ?)", t, t);

    exec(db, "INSERT INTO rooms (id, name, type, creator_id, created_at, updated_at) VALUES (1, 'All Talk', 'Rooms::Open', 1, ?, ?)", t, t);
    exec(db, "INSERT INTO rooms (id, name, type, creator_id, created_at, updated_at) VALUES (2, 'Secret Plans', 'Rooms::Closed', 1, ?, ?)", t, t);
    exec(db, "INSERT INTO rooms (id, name, type, creator_id, created_at, updated_at, members_hash) VALUES (3, NULL, 'Rooms::Direct', 1, ?, ?, 'abc')", t, t);
    long membership = 0;
    for (long user = 1; user <= 5; user++) member(db, ++membership, 1, user, "mentions", null, t);
    member(db, ++membership, 2, 1, "everything", null, t);
    member(db, ++membership, 2, 2, "everything", time(HELLO_AT.plusSeconds(60)), t);
    member(db, ++membership, 3, 1, "everything", null, t);
    member(db, ++membership, 3, 2, "everything", null, t);
    member(db, ++membership, 99, 2, "everything", null, t);

    message(db, 10, 1, 1, "dup-1", HELLO_AT, "<div>Hello <strong>team</strong>, the kettle is on</div>");
    message(db, 11, 1, 2, "c-11", HELLO_AT.plusSeconds(10), "<div>Thanks <action-text-attachment sgid=\"" + rails8Sgid(1)
        + "\" content-type=\"application/vnd.campfire.mention\"></action-text-attachment> see you soon</div>");
    message(db, 12, 1, 1, "c-12", HELLO_AT.plusSeconds(20), "<div><action-text-attachment sgid=\"" + rails7Sgid(2)
        + "\" content-type=\"application/vnd.campfire.mention\"></action-text-attachment> and <action-text-attachment sgid=\"" + rails7Sgid(5)
        + "\" content-type=\"application/vnd.campfire.mention\"></action-text-attachment>: standup moved</div>");
    message(db, 14, 1, 2, "c-14", HELLO_AT.plusSeconds(30), "<div>/play trombone</div>");
    message(db, 15, 1, 1, "c-15", HELLO_AT.plusSeconds(40), null);
    message(db, 16, 2, 2, "c-16", HELLO_AT.plusSeconds(50), "<div>The plan is in the file</div>");
    message(db, 17, 3, 1, "dup-1", HELLO_AT.plusSeconds(60), "<div>Just between us</div>");
    message(db, 18, 1, 2, "c-18", HELLO_AT.plusSeconds(70), "<div>Look <a href=\"https://example.com/post\">https://example.com/post</a></div>"
        + "<action-text-attachment content-type=\"application/vnd.actiontext.opengraph-embed\" url=\"https://example.com/post\" "
        + "title=\"A post\" description=\"About kettles\"></action-text-attachment>");
    message(db, 19, 99, 2, "c-19", HELLO_AT.plusSeconds(80), "<div>In a room that was deleted</div>");

    exec(db, "INSERT INTO boosts (id, message_id, booster_id, content, created_at, updated_at) VALUES (1, 10, 2, '👍', ?, ?)", t, t);
    exec(db, "INSERT INTO boosts (id, message_id, booster_id, content, created_at, updated_at) VALUES (2, 11, 1, '🔥', ?, ?)", t, t);
    exec(db, "INSERT INTO searches (id, user_id, query, created_at, updated_at) VALUES (1, 1, 'kettle', ?, ?)", t, t);
    exec(db, "INSERT INTO sessions (id, user_id, token, last_active_at, created_at, updated_at) VALUES (1, 1, 'old-session', ?, ?, ?)", t, t, t);

    blob(db, 1, PICTURE_KEY, "kettle.png", "image/png", picture, "Message", 15, "attachment");
    blob(db, 2, NOTES_KEY, "plans.txt", "text/plain", NOTES, "Message", 16, "attachment");
    blob(db, 3, AVATAR_KEY, "ada.png", "image/png", avatar, "User", 1, "avatar");
    blob(db, 4, LOGO_KEY, "logo.png", "image/png", logo, "Account", 1, "logo");
  }

  private static void user(Connection db, long id, String name, String email, String password, int role, int status, String bio, String botToken,
      String at) throws SQLException {
    String digest = password == null ? null : BCrypt.with(BCrypt.Version.VERSION_2A).hashToString(4, password.toCharArray());
    exec(db, "INSERT INTO users (id, name, email_address, password_digest, role, status, bio, bot_token, created_at, updated_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, name, email, digest, role, status, bio, botToken, at, at);
  }

  private static void member(Connection db, long id, long room, long user, String involvement, String unreadAt, String at) throws SQLException {
    exec(db, "INSERT INTO memberships (id, room_id, user_id, involvement, unread_at, created_at, updated_at, connections) VALUES (?, ?, ?, ?, ?, ?, ?, 2)",
        id, room, user, involvement, unreadAt, at, at);
  }

  private static void message(Connection db, long id, long room, long creator, String clientId, Instant at, String body) throws SQLException {
    exec(db, "INSERT INTO messages (id, room_id, creator_id, client_message_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        id, room, creator, clientId, time(at), time(at));
    if (body != null) {
      exec(db, "INSERT INTO action_text_rich_texts (name, body, record_type, record_id, created_at, updated_at) VALUES ('body', ?, 'Message', ?, ?, ?)",
          body, id, time(at), time(at));
    }
  }

  private static void blob(Connection db, long id, String key, String filename, String type, byte[] bytes, String recordType, long recordId,
      String name) throws SQLException {
    String md5;
    try {
      md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    String at = time(HELLO_AT);
    exec(db, "INSERT INTO active_storage_blobs (id, key, filename, content_type, metadata, service_name, byte_size, checksum, created_at) "
        + "VALUES (?, ?, ?, ?, '{\"identified\":true}', 'local', ?, ?, ?)", id, key, filename, type, bytes.length, md5, at);
    exec(db, "INSERT INTO active_storage_attachments (name, record_type, record_id, blob_id, created_at) VALUES (?, ?, ?, ?, ?)",
        name, recordType, recordId, id, at);
  }

  private static void file(Path dir, String key, byte[] bytes) throws IOException {
    Path file = dir.resolve("files").resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }

  /** Rails 7.1 and later: the global id in the JSON envelope's data. */
  static String rails8Sgid(long userId) {
    String envelope = "{\"_rails\":{\"data\":\"gid://campfire/User/" + userId + "\",\"pur\":\"attachable\"}}";
    return Base64.getEncoder().encodeToString(envelope.getBytes(StandardCharsets.UTF_8)) + "--" + "ab".repeat(32);
  }

  /** Earlier Rails: a Base64 Ruby Marshal dump of the global id string in the envelope's message. */
  static String rails7Sgid(long userId) {
    String message = Base64.getEncoder().encodeToString(marshalString("gid://campfire/User/" + userId));
    String envelope = "{\"_rails\":{\"message\":\"" + message + "\",\"exp\":null,\"pur\":\"attachable\"}}";
    return Base64.getEncoder().encodeToString(envelope.getBytes(StandardCharsets.UTF_8)) + "--" + "cd".repeat(20);
  }

  /** Marshal.dump of a short UTF-8 string: version 4.8, an instance variable holder, the string, and its encoding flag E=true. */
  static byte[] marshalString(String value) {
    byte[] text = value.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(4);
    out.write(8);
    out.write('I');
    out.write('"');
    out.write(text.length + 5);
    out.writeBytes(text);
    out.writeBytes(new byte[] {6, ':', 6, 'E', 'T'});
    return out.toByteArray();
  }

  static byte[] png(int width, int height, Color color) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, width, height);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static String hex(byte[] bytes) { return HexFormat.of().formatHex(bytes); }
}
