package campfire.portability;

import campfire.db.Database;
import campfire.web.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * What one person downloads from their profile: their profile, the rooms they are in, every
 * message they wrote (with the room it is in), their boosts and recent searches, their picture
 * and the files they posted. Nothing of anyone else's but the names of the rooms; no password
 * digest, no session.
 */
public final class PersonalData {
  private final Database database;
  private final Path storage;

  public PersonalData(Database database, Path storage) {
    this.database = database;
    this.storage = storage;
  }

  public void write(long userId, OutputStream destination) {
    try {
      ZipOutputStream zip = new ZipOutputStream(destination);
      Map<String, Object> profile = database.read(h -> h.createQuery("SELECT id, name, email_address, bio, role, created_at, avatar_key "
          + "FROM users WHERE id = ?").bind(0, userId).map((rs, ctx) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            for (String column : List.of("id", "name", "email_address", "bio", "role", "created_at")) row.put(column, rs.getObject(column));
            row.put("avatar", rs.getString("avatar_key") == null ? null : "files/avatar.png");
            return row;
          }).one());
      String avatarKey = database.read(h -> h.createQuery("SELECT avatar_key FROM users WHERE id = ?").bind(0, userId).mapTo(String.class).one());
      profile.put("rooms", database.read(h -> h.createQuery("SELECT r.id, r.name, r.type, m.involvement, m.created_at AS joined_at "
          + "FROM memberships m JOIN rooms r ON r.id = m.room_id WHERE m.user_id = ? ORDER BY r.id").bind(0, userId).mapToMap().list()));
      put(zip, "profile.json", Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(profile));

      List<Map<String, Object>> messages = database.read(h -> h.createQuery("SELECT m.id, m.room_id, r.name AS room_name, m.created_at, "
          + "m.updated_at, m.body_html, m.body_plain, a.id AS attachment_id, a.filename AS attachment_filename, a.storage_key "
          + "FROM messages m JOIN rooms r ON r.id = m.room_id LEFT JOIN attachments a ON a.message_id = m.id "
          + "WHERE m.creator_id = ? ORDER BY m.id").bind(0, userId).mapToMap().list());
      StringBuilder lines = new StringBuilder();
      for (Map<String, Object> message : messages) {
        Map<String, Object> line = new LinkedHashMap<>();
        for (String column : List.of("id", "room_id", "room_name", "created_at", "updated_at")) line.put(column, message.get(column));
        line.put("body_html", Archive.withoutSignatures((String) message.get("body_html")));
        line.put("body_plain", message.get("body_plain"));
        line.put("file", message.get("attachment_id") == null ? null : fileName(message));
        lines.append(Json.write(line)).append('\n');
      }
      put(zip, "messages.jsonl", lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      put(zip, "boosts.jsonl", jsonLines(database.read(h -> h.createQuery("SELECT id, message_id, content, created_at FROM boosts "
          + "WHERE booster_id = ? ORDER BY id").bind(0, userId).mapToMap().list())));
      put(zip, "searches.jsonl", jsonLines(database.read(h -> h.createQuery("SELECT query, created_at FROM searches WHERE user_id = ? ORDER BY id")
          .bind(0, userId).mapToMap().list())));

      if (avatarKey != null) copy(zip, "files/avatar.png", storage.resolve("avatars").resolve(avatarKey));
      for (Map<String, Object> message : messages) {
        if (message.get("storage_key") instanceof String key && key.matches("[0-9a-f]{64}")) {
          copy(zip, fileName(message), storage.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key));
        }
      }
      zip.finish();
      zip.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** files/<attachment id>-<its name>, the name kept to letters, digits and a few marks. */
  private static String fileName(Map<String, Object> message) {
    String name = String.valueOf(message.get("attachment_filename")).replaceAll("[^A-Za-z0-9._ -]", "_");
    return "files/" + message.get("attachment_id") + "-" + (name.isBlank() || name.startsWith(".") ? "file" + name : name);
  }

  private static byte[] jsonLines(List<Map<String, Object>> rows) {
    StringBuilder lines = new StringBuilder();
    rows.forEach(row -> lines.append(Json.write(row)).append('\n'));
    return lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void copy(ZipOutputStream zip, String name, Path file) throws IOException {
    if (!Files.isRegularFile(file)) return;
    zip.putNextEntry(new ZipEntry(name));
    Files.copy(file, zip);
    zip.closeEntry();
  }

  private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(bytes);
    zip.closeEntry();
  }
}
