package campfire.portability;

import campfire.admin.AccountSettings;
import campfire.attachments.Attachments;
import campfire.attachments.Posters;
import campfire.db.Database;
import campfire.db.DatabaseUrl;
import campfire.db.Migrations;
import campfire.domain.DomainError;
import campfire.files.Images;
import campfire.files.Storage;
import campfire.messages.RichText;
import campfire.ops.OperationFailed;
import campfire.people.Avatars;
import campfire.web.Signer;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code campfire import-once --from DIR}: an ONCE Campfire install (the Rails original) into an
 * empty Campfire of ours, on SQLite or PostgreSQL, every id kept so permalinks and bookmarks land
 * on the same message, passwords and bot keys kept so people and bots carry on as they were.
 *
 * <p>In four steps, so that nothing is ever half imported: read and check the source (schema,
 * integrity, every file present) and say what will come over; store the files (content-addressed,
 * so a run that stopped is resumed without writing a file twice); write every row in one
 * transaction; then compare each table's row count and checksum with what was read, and each
 * stored file with its SHA-256, and print the report.
 */
public final class OnceImport {
  private static final List<String> ROLES = List.of("member", "administrator", "bot");
  private static final Map<String, String> ROOM_TYPES = Map.of("Rooms::Open", "open", "Rooms::Closed", "closed", "Rooms::Direct", "direct");
  private static final Set<String> INVOLVEMENTS = Set.of("invisible", "nothing", "mentions", "everything");

  private final Path from;
  private final DatabaseUrl target;
  private final Path storagePath;
  private final Signer signer;

  /** {@code signer} is made from the target's SESSION_SECRET: mentions are signed as ours are. */
  public OnceImport(Path from, DatabaseUrl target, Path storagePath, Signer signer) {
    this.from = from;
    this.target = target;
    this.storagePath = storagePath;
    this.signer = signer;
  }

  /** A file of the source, to be stored, and where its key goes. */
  private record Blob(long id, String key, String filename, String contentType, long byteSize, String md5) {}

  /** Everything read from the source, as our rows (files not stored yet). */
  private final class Plan {
    final Map<String, List<Object[]>> rows = new LinkedHashMap<>();
    final List<String> warnings = new ArrayList<>();
    final Map<Long, Blob> attachmentOf = new LinkedHashMap<>();
    final Map<Long, Blob> avatarOf = new LinkedHashMap<>();
    Blob logo;
    long mentions;

    Plan() { Rows.COLUMNS.keySet().forEach(table -> rows.put(table, new ArrayList<>())); }

    List<Object[]> of(String table) { return rows.get(table); }

    void add(String table, Object... values) {
      if (values.length != Rows.COLUMNS.get(table).size()) throw new IllegalStateException(table + ": " + values.length + " values");
      rows.get(table).add(values);
    }

    List<Blob> files() {
      List<Blob> files = new ArrayList<>(attachmentOf.values());
      files.addAll(avatarOf.values());
      if (logo != null) files.add(logo);
      return files;
    }
  }

  public Rows.Result run(Consumer<String> out) {
    try (OnceSource source = OnceSource.open(from); Database database = new Database(target); Images images = Images.standard()) {
      new Migrations(database).up();
      Rows.refuseFilled(database, "import-once");
      out.accept("reading " + source.root() + " (ONCE Campfire, schema " + source.schemaVersion() + ")");
      Plan plan = read(source);
      describe(plan, out);
      checkFilesPresent(source, plan);
      storeFiles(source, plan, database, images, out);
      out.accept("writing into " + target);
      Rows.write(database, plan.rows, out);
      Rows.Result result = Rows.verify(database, plan.rows, storagePath, plan.warnings);
      Rows.report(result, out);
      return result;
    }
  }

  private Plan read(OnceSource source) {
    Plan plan = new Plan();
    Map<Long, Long> bannedAt = new HashMap<>();
    List<OnceSource.Row> bans = source.rows("bans", "id");
    for (OnceSource.Row ban : bans) bannedAt.merge(ban.number("user_id"), ban.requiredTime("created_at"), Math::min);
    Map<String, Map<Long, Blob>> attached = attachments(source);

    List<OnceSource.Row> accounts = source.rows("accounts", "id");
    if (accounts.isEmpty()) throw new OperationFailed(source.root() + " holds no account: that install was never set up, so there is nothing to import");
    OnceSource.Row account = accounts.get(0);
    plan.logo = attached.get("Account:logo").get(account.id());
    plan.add("accounts", 1L, account.text("name"), account.text("join_code"), account.text("custom_styles"),
        restrictsRoomCreation(account) ? 1 : 0, null, account.requiredTime("created_at"), account.requiredTime("updated_at"));

    Map<Long, String> names = new HashMap<>();
    Map<String, Long> activeEmails = new HashMap<>();
    for (OnceSource.Row user : source.rows("users", "id")) {
      String role = role(user);
      String status = status(source, user);
      String email = user.text("email_address") == null ? null : user.text("email_address").strip().toLowerCase(Locale.ROOT);
      boolean active = !status.equals("deactivated");
      if (active && email != null) {
        Long other = activeEmails.putIfAbsent(email, user.id());
        if (other != null) {
          throw new OperationFailed("users " + other + " and " + user.id() + " share the email address " + email
              + " (letter case aside); our Campfire needs each active person's address to be their own: change one, then import again");
        }
      }
      Long banned = status.equals("banned") ? bannedAt.getOrDefault(user.id(), user.requiredTime("updated_at")) : null;
      names.put(user.id(), user.text("name"));
      Blob avatar = attached.get("User:avatar").get(user.id());
      if (avatar != null) plan.avatarOf.put(user.id(), avatar);
      plan.add("users", user.id(), user.text("name"), email, user.text("password_digest"), role, user.text("bio"), null,
          role.equals("bot") ? user.text("bot_token") : null, active ? 1 : 0, banned, user.requiredTime("created_at"),
          user.requiredTime("updated_at"));
    }

    Map<Long, String> roomTypes = new HashMap<>();
    for (OnceSource.Row room : source.rows("rooms", "id")) {
      String type = ROOM_TYPES.get(room.text("type"));
      if (type == null) throw new OperationFailed("rooms " + room.id() + " is of a kind this version does not know: " + room.text("type"));
      roomTypes.put(room.id(), type);
      Long creator = room.optionalNumber("creator_id");
      plan.add("rooms", room.id(), type.equals("direct") ? null : room.text("name"), type, creator != null && names.containsKey(creator) ? creator : null,
          null, room.requiredTime("created_at"), room.requiredTime("updated_at"));
    }

    int skipped = 0;
    for (OnceSource.Row membership : source.rows("memberships", "id")) {
      long roomId = membership.number("room_id");
      long userId = membership.number("user_id");
      if (!roomTypes.containsKey(roomId) || !names.containsKey(userId)) {
        skipped++;
        continue;
      }
      String involvement = membership.text("involvement");
      plan.add("memberships", membership.id(), roomId, userId, INVOLVEMENTS.contains(involvement) ? involvement : "mentions",
          membership.time("unread_at"), membership.requiredTime("created_at"));
    }
    warnSkipped(plan, skipped, "memberships", "their room or person no longer exists");

    Map<Long, String> bodies = new HashMap<>();
    for (OnceSource.Row text : source.rows("action_text_rich_texts", "record_id")) {
      if ("Message".equals(text.text("record_type")) && "body".equals(text.text("name"))) bodies.put(text.number("record_id"), text.text("body"));
    }
    OnceBodies converter = new OnceBodies(signer, names::get);
    Map<Long, Long> lastMessageAt = new HashMap<>();
    Set<Long> messages = new HashSet<>();
    Set<String> clientIds = new HashSet<>();
    int renamed = 0;
    skipped = 0;
    Map<Long, Blob> messageFiles = attached.get("Message:attachment");
    for (OnceSource.Row message : source.rows("messages", "id")) {
      long roomId = message.number("room_id");
      long creatorId = message.number("creator_id");
      if (!roomTypes.containsKey(roomId) || !names.containsKey(creatorId)) {
        skipped++;
        continue;
      }
      OnceBodies.Body body = converter.convert(bodies.get(message.id()));
      plan.mentions += body.mentions();
      String clientId = message.text("client_message_id");
      if (clientId == null || clientId.isBlank()) clientId = "once-" + message.id();
      if (!clientIds.add(creatorId + "/" + clientId)) {
        clientId = clientId + "-once-" + message.id();
        clientIds.add(creatorId + "/" + clientId);
        renamed++;
      }
      long createdAt = message.requiredTime("created_at");
      plan.add("messages", message.id(), roomId, creatorId, clientId, body.html(), RichText.plainText(body.html()), createdAt,
          message.requiredTime("updated_at"));
      messages.add(message.id());
      lastMessageAt.merge(roomId, createdAt, Math::max);
      Blob file = messageFiles.get(message.id());
      if (file != null) plan.attachmentOf.put(message.id(), file);
    }
    warnSkipped(plan, skipped, "messages", "their room or author no longer exists");
    if (renamed > 0) plan.warnings.add(renamed + " messages repeated another message's client id; theirs now end in -once-<id>");
    for (Object[] room : plan.of("rooms")) room[4] = lastMessageAt.get((Long) room[0]);

    skipped = 0;
    for (OnceSource.Row boost : source.rows("boosts", "id")) {
      long messageId = boost.number("message_id");
      long boosterId = boost.number("booster_id");
      if (!messages.contains(messageId) || !names.containsKey(boosterId)) {
        skipped++;
        continue;
      }
      plan.add("boosts", boost.id(), messageId, boosterId, boost.text("content"), boost.requiredTime("created_at"));
    }
    warnSkipped(plan, skipped, "boosts", "their message or person no longer exists");

    for (OnceSource.Row search : source.rows("searches", "id")) {
      if (names.containsKey(search.number("user_id"))) {
        plan.add("searches", search.id(), search.number("user_id"), search.text("query"), search.requiredTime("created_at"));
      }
    }
    Map<Long, OnceSource.Row> webhookOf = new LinkedHashMap<>();
    for (OnceSource.Row webhook : source.rows("webhooks", "id")) {
      if (names.containsKey(webhook.number("user_id")) && webhook.text("url") != null) webhookOf.put(webhook.number("user_id"), webhook);
    }
    webhookOf.values().stream().sorted(java.util.Comparator.comparingLong(OnceSource.Row::id)).forEach(webhook ->
        plan.add("webhooks", webhook.id(), webhook.number("user_id"), webhook.text("url"), webhook.requiredTime("created_at")));
    for (OnceSource.Row ban : bans) {
      if (names.containsKey(ban.number("user_id"))) {
        plan.add("bans", ban.id(), ban.number("user_id"), ban.text("ip_address"), ban.requiredTime("created_at"));
      }
    }
    return plan;
  }

  private static void warnSkipped(Plan plan, int skipped, String what, String why) {
    if (skipped > 0) plan.warnings.add("skipped " + skipped + " " + what + ": " + why + " in the source (the original does not show them either)");
  }

  /** Active Storage's attachments by "RecordType:name", then the record's id. */
  private static Map<String, Map<Long, Blob>> attachments(OnceSource source) {
    Map<Long, Blob> blobs = new HashMap<>();
    for (OnceSource.Row blob : source.rows("active_storage_blobs", "id")) {
      blobs.put(blob.id(), new Blob(blob.id(), blob.text("key"), blob.text("filename"), blob.text("content_type"), blob.number("byte_size"),
          blob.text("checksum")));
    }
    Map<String, Map<Long, Blob>> attached = new HashMap<>();
    for (String kind : List.of("Account:logo", "User:avatar", "Message:attachment")) attached.put(kind, new HashMap<>());
    for (OnceSource.Row attachment : source.rows("active_storage_attachments", "id")) {
      Map<Long, Blob> kind = attached.get(attachment.text("record_type") + ":" + attachment.text("name"));
      Blob blob = blobs.get(attachment.number("blob_id"));
      if (kind != null && blob != null) kind.put(attachment.number("record_id"), blob);
    }
    return attached;
  }

  private static boolean restrictsRoomCreation(OnceSource.Row account) {
    String settings = account.text("settings");
    if (settings == null || settings.isBlank()) return false;
    try {
      return new ObjectMapper().readTree(settings).path("restrict_room_creation_to_administrators").asBoolean(false);
    } catch (IOException e) {
      throw new OperationFailed("accounts " + account.id() + " has settings that are not JSON: " + settings);
    }
  }

  private static String role(OnceSource.Row user) {
    Object role = user.values().get("role");
    String name = role instanceof Number n && n.intValue() >= 0 && n.intValue() < ROLES.size() ? ROLES.get(n.intValue())
        : role instanceof String s && ROLES.contains(s) ? s : null;
    if (name == null) throw new OperationFailed("users " + user.id() + " has a role this version does not know: " + role);
    return name;
  }

  /** active, deactivated or banned: from users.status (0, 1, 2), or from the older users.active. */
  private static String status(OnceSource source, OnceSource.Row user) {
    if (source.has("users", "status")) {
      Object status = user.values().get("status");
      List<String> statuses = List.of("active", "deactivated", "banned");
      if (status instanceof Number n && n.intValue() >= 0 && n.intValue() < statuses.size()) return statuses.get(n.intValue());
      if (status instanceof String s && statuses.contains(s)) return s;
      throw new OperationFailed("users " + user.id() + " has a status this version does not know: " + status);
    }
    Object active = user.values().get("active");
    boolean yes = active instanceof Number n ? n.intValue() != 0 : active != null && List.of("t", "true", "1").contains(active.toString());
    return yes ? "active" : "deactivated";
  }

  private void describe(Plan plan, Consumer<String> out) {
    Map<String, Long> kinds = new HashMap<>();
    plan.of("rooms").forEach(room -> kinds.merge((String) room[2], 1L, Long::sum));
    long deactivated = plan.of("users").stream().filter(u -> Integer.valueOf(0).equals(u[8])).count();
    long banned = plan.of("users").stream().filter(u -> u[9] != null).count();
    long bots = plan.of("users").stream().filter(u -> "bot".equals(u[4])).count();
    long bytes = plan.files().stream().mapToLong(Blob::byteSize).sum();
    out.accept(String.format("  account \"%s\"%s", plan.of("accounts").get(0)[1], plan.logo != null ? " with its logo" : ""));
    out.accept(String.format("  %,d people (%,d deactivated, %,d banned, %,d bots; %,d with a picture)", plan.of("users").size(), deactivated,
        banned, bots, plan.avatarOf.size()));
    out.accept(String.format("  %,d rooms (%,d open, %,d closed, %,d direct), %,d memberships", plan.of("rooms").size(), kinds.getOrDefault("open", 0L),
        kinds.getOrDefault("closed", 0L), kinds.getOrDefault("direct", 0L), plan.of("memberships").size()));
    out.accept(String.format("  %,d messages (%,d mentions), %,d attachments, %,d boosts", plan.of("messages").size(), plan.mentions,
        plan.attachmentOf.size(), plan.of("boosts").size()));
    out.accept(String.format("  %,d webhooks, %,d bans, %,d recent searches; %,d files, %,d bytes", plan.of("webhooks").size(),
        plan.of("bans").size(), plan.of("searches").size(), plan.files().size(), bytes));
    out.accept("  not carried: sessions and push subscriptions (everyone signs in again, and allows notifications again)");
    plan.warnings.forEach(warning -> out.accept("  note: " + warning));
  }

  private static void checkFilesPresent(OnceSource source, Plan plan) {
    List<String> missing = new ArrayList<>();
    for (Blob blob : plan.files()) {
      Path file = source.blobFile(blob.key());
      try {
        if (file == null || !Files.isRegularFile(file) || Files.size(file) != blob.byteSize()) missing.add(blob.filename() + " (" + file + ")");
      } catch (IOException e) {
        missing.add(blob.filename() + " (" + e.getMessage() + ")");
      }
    }
    if (!missing.isEmpty()) {
      throw new OperationFailed(missing.size() + " stored files are missing or cut short under " + source.root().resolve("files") + ", first "
          + String.join(", ", missing.subList(0, Math.min(3, missing.size()))) + ": copy the whole storage volume, then import again");
    }
  }

  /**
   * Stores every file before any row is written: attachments content-addressed (a second run after
   * a stop finds them stored), each checked against the MD5 Active Storage recorded; thumbnails
   * and posters made as for an upload; pictures sized as ours are.
   */
  private void storeFiles(OnceSource source, Plan plan, Database database, Images images, Consumer<String> out) {
    Attachments attachments = new Attachments(database, storagePath, images, Posters.detect(), Long.MAX_VALUE);
    Storage storage = new Storage(storagePath);
    out.accept(String.format("storing %,d files in %s", plan.files().size(), storagePath));
    Map<Long, Object[]> messageRows = new HashMap<>();
    plan.of("messages").forEach(row -> messageRows.put((Long) row[0], row));
    long attachmentId = 0;
    for (var entry : plan.attachmentOf.entrySet()) {
      Blob blob = entry.getValue();
      Attachments.Stored stored;
      try (InputStream in = checked(source, blob)) {
        stored = attachments.keep(in, blob.contentType(), blob.filename());
      } catch (IOException e) {
        throw new OperationFailed("Could not read " + source.blobFile(blob.key()) + ": " + e.getMessage());
      }
      plan.add("attachments", ++attachmentId, entry.getKey(), stored.key(), stored.filename(), stored.contentType(), stored.byteSize(), stored.key(),
          stored.width(), stored.height(), stored.previewKey(), messageRows.get(entry.getKey())[6]);
      if (attachmentId % 100 == 0) out.accept(String.format("  attachments: %,d of %,d", attachmentId, plan.attachmentOf.size()));
    }
    out.accept(String.format("  attachments: %,d stored", attachmentId));
    Map<Long, Object[]> userRows = new HashMap<>();
    plan.of("users").forEach(row -> userRows.put((Long) row[0], row));
    for (var entry : plan.avatarOf.entrySet()) {
      byte[] picture = picture(source, entry.getValue());
      if (picture == null) continue;
      try {
        userRows.get(entry.getKey())[6] = Avatars.keep(storage, images, picture);
      } catch (DomainError unreadable) {
        plan.warnings.add("the picture of " + userRows.get(entry.getKey())[1] + " could not be read (" + unreadable.getMessage()
            + "): they are shown with their initials");
      }
    }
    if (plan.logo != null) {
      byte[] logo = picture(source, plan.logo);
      try {
        if (logo != null) plan.of("accounts").get(0)[5] = AccountSettings.storeLogo(storage, images, logo);
      } catch (DomainError unreadable) {
        plan.warnings.add("the account's logo could not be read (" + unreadable.getMessage() + "): the standard one is shown");
      }
    }
    out.accept(String.format("  pictures: %,d avatars%s", plan.avatarOf.size(), plan.logo != null ? " and the logo" : ""));
  }

  private static byte[] picture(OnceSource source, Blob blob) {
    try (InputStream in = checked(source, blob)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new OperationFailed("Could not read " + source.blobFile(blob.key()) + ": " + e.getMessage());
    }
  }

  /** The file's bytes; at their end, the MD5 Active Storage recorded must match, or the import stops before writing anything. */
  private static InputStream checked(OnceSource source, Blob blob) throws IOException {
    MessageDigest md5 = Rows.digest("MD5");
    Path file = source.blobFile(blob.key());
    return new DigestInputStream(Files.newInputStream(file), md5) {
      private boolean ended;

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int read = super.read(b, off, len);
        if (read == -1 && !ended) {
          ended = true;
          String actual = Base64.getEncoder().encodeToString(md5.digest());
          if (blob.md5() != null && !blob.md5().equals(actual)) {
            throw new OperationFailed(file + " (" + blob.filename() + ") is damaged: its MD5 is not the one recorded when it was uploaded; "
                + "nothing was written to the database");
          }
        }
        return read;
      }
    };
  }


}
