package campfire.messages;

import campfire.domain.DomainError;
import campfire.db.Database;
import campfire.db.Dialect;
import campfire.rooms.Memberships;
import campfire.rooms.Rooms;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The messages table: posting, paging, editing and deleting. */
public final class Messages {
  public static final int PAGE = 40;
  /** Written out rather than reflective: it runs for every message on every page. */
  public static final RowMapper<Message> MAPPER = (rs, ctx) -> new Message(rs.getLong("id"), rs.getLong("room_id"), rs.getLong("creator_id"),
      rs.getString("client_message_id"), rs.getString("body_html"), rs.getString("body_plain"), rs.getLong("created_at"),
      rs.getLong("updated_at"), rs.getString("creator_name"), rs.getString("creator_role"), rs.getString("boosts_json"),
      rs.getString("attachment_json"), rs.getString("creator_avatar_key"), rs.getLong("creator_updated_at"));
  /** The author's columns every query mapped to {@link Message} selects (from users as {@code u}). */
  public static final String CREATOR_COLUMNS = "u.name AS creator_name, u.role AS creator_role, u.avatar_key AS creator_avatar_key, "
      + "u.updated_at AS creator_updated_at, ";
  /** A message's boosts and attachment, as JSON columns; every query mapped to {@link Message} selects them. */
  private static final String SQLITE_EXTRA_COLUMNS = "(SELECT json_group_array(json_object('id', b.id, 'messageId', b.message_id, 'boosterId', b.booster_id, "
      + "'boosterName', bu.name, 'content', b.content, 'boosterPicture', bu.avatar_key IS NOT NULL, 'boosterUpdatedAt', bu.updated_at)) "
      + "FROM (SELECT * FROM boosts WHERE message_id = m.id ORDER BY id) b "
      + "JOIN users bu ON bu.id = b.booster_id) AS boosts_json, "
      + "(SELECT json_object('id', a.id, 'messageId', a.message_id, 'filename', a.filename, 'contentType', a.content_type, "
      + "'byteSize', a.byte_size, 'width', a.width, 'height', a.height, 'preview', a.preview_key IS NOT NULL) "
      + "FROM attachments a WHERE a.message_id = m.id) AS attachment_json ";
  private static final String POSTGRES_EXTRA_COLUMNS = "(SELECT COALESCE(json_agg(json_build_object('id', b.id, 'messageId', b.message_id, "
      + "'boosterId', b.booster_id, 'boosterName', bu.name, 'content', b.content, 'boosterPicture', bu.avatar_key IS NOT NULL, "
      + "'boosterUpdatedAt', bu.updated_at) ORDER BY b.id), '[]')::text "
      + "FROM boosts b JOIN users bu ON bu.id = b.booster_id WHERE b.message_id = m.id) AS boosts_json, "
      + "(SELECT json_build_object('id', a.id, 'messageId', a.message_id, 'filename', a.filename, 'contentType', a.content_type, "
      + "'byteSize', a.byte_size, 'width', a.width, 'height', a.height, 'preview', a.preview_key IS NOT NULL)::text "
      + "FROM attachments a WHERE a.message_id = m.id) AS attachment_json ";

  public static String extraColumns(Dialect dialect) {
    return dialect == Dialect.POSTGRES ? POSTGRES_EXTRA_COLUMNS : SQLITE_EXTRA_COLUMNS;
  }

  private final String select;
  private final Database database;

  public Messages(Database database) {
    this.database = database;
    this.select = "SELECT m.id, m.room_id, m.creator_id, m.client_message_id, m.body_html, m.body_plain, "
        + "m.created_at, m.updated_at, " + CREATOR_COLUMNS + extraColumns(database.dialect())
        + "FROM messages m JOIN users u ON u.id = m.creator_id ";
  }

  /** What a post did: the message, whether it is new, and who now has the room unread. */
  public record Posted(Message message, boolean created, List<Long> markedUnread) {}

  /**
   * Stores a message once per client id (a retried post returns the first one), and in the same
   * transaction moves the room up and marks it unread for members who are not looking at it.
   */
  public Posted post(long roomId, long creatorId, String clientMessageId, String sanitizedHtml) {
    return post(roomId, creatorId, clientMessageId, sanitizedHtml, (h, messageId) -> { }, (h, message) -> { });
  }

  /** Something stored with a new message in its transaction, before the message is read back (an attachment). */
  public interface Extra {
    void store(Handle h, long messageId);
  }

  /** What else a new message causes, written in its transaction once it is stored (an outbox row): all or nothing. */
  public interface Consequences {
    void record(Handle h, Message message);
  }

  public Posted post(long roomId, long creatorId, String clientMessageId, String sanitizedHtml, Extra extra,
      Consequences consequences) {
    String plain = RichText.plainText(sanitizedHtml);
    return database.write(h -> {
      Optional<Message> existing = h.createQuery(select + "WHERE m.creator_id = ? AND m.client_message_id = ?")
          .bind(0, creatorId).bind(1, clientMessageId).map(MAPPER).findOne();
      // A retry answers with the message it made; the same id in another room is someone else's conversation, never shown there.
      if (existing.isPresent() && existing.get().roomId() == roomId) return new Posted(existing.get(), false, List.of());
      if (existing.isPresent()) throw new DomainError.Conflict("That client_message_id was already used for a message in another room.");
      long now = Database.now(h);
      long id = h.createUpdate("INSERT INTO messages (room_id, creator_id, client_message_id, body_html, body_plain, created_at, updated_at) "
              + "VALUES (?, ?, ?, ?, ?, ?, ?)")
          .bind(0, roomId).bind(1, creatorId).bind(2, clientMessageId).bind(3, sanitizedHtml).bind(4, plain).bind(5, now).bind(6, now)
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      extra.store(h, id);
      Rooms.touchLastMessage(h, roomId, now);
      List<Long> unread = Memberships.markUnread(h, roomId, creatorId, now);
      Message message = find(h, roomId, id).orElseThrow();
      consequences.record(h, message);
      return new Posted(message, true, unread);
    });
  }

  /** A message by id, only when the person is a member of its room. */
  public Optional<Message> findVisibleTo(long userId, long id) {
    return database.read(h -> h.createQuery(select + "JOIN memberships ms ON ms.room_id = m.room_id AND ms.user_id = ? WHERE m.id = ?")
        .bind(0, userId).bind(1, id).map(MAPPER).findOne());
  }

  public Optional<Message> find(long roomId, long id) {
    return database.read(h -> find(h, roomId, id));
  }

  private Optional<Message> find(Handle h, long roomId, long id) {
    return h.createQuery(select + "WHERE m.room_id = ? AND m.id = ?").bind(0, roomId).bind(1, id).map(MAPPER).findOne();
  }

  public long count(long roomId) {
    return database.read(h -> h.createQuery("SELECT COUNT(*) FROM messages WHERE room_id = ?").bind(0, roomId).mapTo(Long.class).one());
  }

  /** The newest page, oldest first. */
  public List<Message> latest(long roomId) {
    return ascending(database.read(h -> h.createQuery(select + "WHERE m.room_id = ? ORDER BY m.id DESC LIMIT ?")
        .bind(0, roomId).bind(1, PAGE).map(MAPPER).list()));
  }

  public List<Message> before(long roomId, long id) {
    return ascending(database.read(h -> h.createQuery(select + "WHERE m.room_id = ? AND m.id < ? ORDER BY m.id DESC LIMIT ?")
        .bind(0, roomId).bind(1, id).bind(2, PAGE).map(MAPPER).list()));
  }

  public List<Message> after(long roomId, long id) {
    return database.read(h -> h.createQuery(select + "WHERE m.room_id = ? AND m.id > ? ORDER BY m.id LIMIT ?")
        .bind(0, roomId).bind(1, id).bind(2, PAGE).map(MAPPER).list());
  }

  /** A page either side of one message, for permalinks. */
  public List<Message> around(long roomId, long id) {
    List<Message> page = new ArrayList<>(before(roomId, id));
    find(roomId, id).ifPresent(page::add);
    page.addAll(after(roomId, id));
    return page;
  }

  /** Everything created or edited after a moment, for clients catching up after a reconnect. */
  public List<Message> changedSince(long roomId, long since) {
    return database.read(h -> h.createQuery(select + "WHERE m.room_id = ? AND m.updated_at > ? ORDER BY m.id LIMIT 500")
        .bind(0, roomId).bind(1, since).map(MAPPER).list());
  }

  public Message edit(Message message, String sanitizedHtml) {
    long now = Math.max(database.now(), message.createdAt() + 1001);
    return database.write(h -> {
      h.execute("UPDATE messages SET body_html = ?, body_plain = ?, updated_at = ? WHERE id = ?",
          sanitizedHtml, RichText.plainText(sanitizedHtml), now, message.id());
      return find(h, message.roomId(), message.id()).orElseThrow();
    });
  }

  public void delete(Message message) {
    database.writeVoid(h -> delete(h, message.id()));
  }

  /** A message's ids, as a removal needs them to tell the room. */
  public record Ref(long id, long roomId, String clientMessageId) {}

  /** The author's oldest {@code limit} messages, for removing them a batch at a time. */
  public static List<Ref> oldestBy(Handle h, long creatorId, int limit) {
    return h.createQuery("SELECT id, room_id, client_message_id FROM messages WHERE creator_id = ? ORDER BY id LIMIT ?")
        .bind(0, creatorId).bind(1, limit).map((rs, ctx) -> new Ref(rs.getLong(1), rs.getLong(2), rs.getString(3))).list();
  }

  /** Deletes a message (its boosts and attachments' rows go with it) in the caller's transaction. */
  public static void delete(Handle h, long messageId) {
    h.execute("DELETE FROM messages WHERE id = ?", messageId);
  }

  /** The newest message a person wrote in a room, for "edit my last message". */
  public Optional<Message> lastBy(long roomId, long creatorId) {
    return database.read(h -> h.createQuery(select + "WHERE m.room_id = ? AND m.creator_id = ? ORDER BY m.id DESC LIMIT 1")
        .bind(0, roomId).bind(1, creatorId).map(MAPPER).findOne());
  }

  private static List<Message> ascending(List<Message> descending) {
    List<Message> copy = new ArrayList<>(descending);
    Collections.reverse(copy);
    return copy;
  }
}
