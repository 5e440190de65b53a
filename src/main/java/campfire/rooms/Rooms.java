package campfire.rooms;

import campfire.domain.DomainError;
import campfire.db.Database;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** Rooms and memberships. Every read goes through a person's memberships, so a room they are not in is never loaded. */
public final class Rooms {
  /** Written out rather than reflective: it runs on every room request. */
  static final RowMapper<Room> MAPPER = (rs, ctx) -> new Room(rs.getLong("id"), rs.getString("name"), rs.getString("type"),
      nullableLong(rs, "creator_id"), nullableLong(rs, "last_message_at"), rs.getLong("created_at"), rs.getLong("updated_at"));

  private static Long nullableLong(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }
  private static final String COLUMNS = "r.id, r.name, r.type, r.creator_id, r.last_message_at, r.created_at, r.updated_at";

  private final Database database;

  public Rooms(Database database) { this.database = database; }

  /**
   * Any room by id, whoever asks: for work done on the room's behalf after a message (push,
   * webhooks), never to answer a person, whose rooms are loaded through {@link #findFor}.
   */
  public static Optional<Room> find(Handle h, long roomId) {
    return h.createQuery("SELECT " + COLUMNS + " FROM rooms r WHERE r.id = ?").bind(0, roomId).map(MAPPER).findOne();
  }

  /** The room, only when the person is a member of it. */
  public Optional<Room> findFor(long userId, long roomId) {
    return database.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM rooms r JOIN memberships m ON m.room_id = r.id "
            + "WHERE m.user_id = ? AND r.id = ?")
        .bind(0, userId).bind(1, roomId).map(MAPPER).findOne());
  }

  /** The room a person lands in when nothing else is asked for: the oldest they belong to. */
  public Optional<Room> firstFor(long userId) {
    return database.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM rooms r JOIN memberships m ON m.room_id = r.id "
            + "WHERE m.user_id = ? AND m.involvement <> 'invisible' ORDER BY r.type = 'direct', r.created_at, r.id LIMIT 1")
        .bind(0, userId).map(MAPPER).findOne());
  }

  public Sidebar sidebarFor(long userId, long currentRoomId) {
    return database.read(h -> {
      Map<Long, String> directNames = directRoomNames(h, userId);
      List<RoomEntry> shared = new ArrayList<>();
      List<RoomEntry> direct = new ArrayList<>();
      h.createQuery("SELECT " + COLUMNS + ", m.involvement, m.unread_at FROM memberships m JOIN rooms r ON r.id = m.room_id "
              + "WHERE m.user_id = ? AND m.involvement <> 'invisible' "
              + "ORDER BY COALESCE(r.last_message_at, r.created_at) DESC")
          .bind(0, userId)
          .map((rs, ctx) -> {
            Room room = MAPPER.map(rs, ctx);
            boolean unread = rs.getObject("unread_at") != null;
            String name = room.isDirect() ? directNames.getOrDefault(room.id(), "Just you") : room.name();
            return new RoomEntry(room, name, rs.getString("involvement"), unread);
          })
          .forEach(entry -> (entry.room().isDirect() ? direct : shared).add(entry));
      shared.sort((a, b) -> a.displayName().compareToIgnoreCase(b.displayName()));
      return new Sidebar(shared, direct, currentRoomId);
    });
  }

  /** A direct room is named after the people in it other than the one looking. */
  public String displayName(Room room, long viewerId) {
    if (!room.isDirect()) return room.name();
    return database.read(h -> directRoomNames(h, viewerId)).getOrDefault(room.id(), "Just you");
  }

  private static Map<Long, String> directRoomNames(Handle h, long userId) {
    Map<Long, String> names = new HashMap<>();
    h.createQuery("SELECT m.room_id, u.name FROM memberships mine "
            + "JOIN rooms r ON r.id = mine.room_id AND r.type = 'direct' "
            + "JOIN memberships m ON m.room_id = r.id AND m.user_id <> mine.user_id "
            + "JOIN users u ON u.id = m.user_id "
            + "WHERE mine.user_id = ? ORDER BY u.name")
        .bind(0, userId)
        .map((rs, ctx) -> Map.entry(rs.getLong("room_id"), rs.getString("name")))
        .forEach(e -> names.merge(e.getKey(), e.getValue(), (a, b) -> a + ", " + b));
    return names;
  }

  public record Change(Room room, Memberships.Revision revision) {}

  public Room createOpen(String name, long creatorId) {
    return database.write(h -> load(h, insertOpen(h, name, creatorId)));
  }

  public Room createClosed(String name, long creatorId, Set<Long> userIds) {
    return database.write(h -> {
      long now = Database.now(h);
      long roomId = h.createUpdate("INSERT INTO rooms (name, type, creator_id, created_at, updated_at) VALUES (?, 'closed', ?, ?, ?)")
          .bind(0, name).bind(1, creatorId).bind(2, now).bind(3, now).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      Set<Long> members = new LinkedHashSet<>(Memberships.activePeople(h, userIds));
      members.add(creatorId);
      Memberships.grant(h, roomId, members, "mentions");
      return load(h, roomId);
    });
  }

  /** One direct room per set of people: found when it exists, else created. */
  public record Direct(Room room, boolean created) {}

  public Direct findOrCreateDirect(long creatorId, Set<Long> userIds) {
    return database.write(h -> {
      Set<Long> people = new java.util.TreeSet<>(Memberships.activePeopleAndBots(h, userIds));
      people.add(creatorId);
      if (people.size() < 2) throw new campfire.domain.DomainError.Invalid("Pick at least one person to Ping.");
      for (long roomId : h.createQuery("SELECT r.id FROM rooms r JOIN memberships m ON m.room_id = r.id "
              + "WHERE r.type = 'direct' AND m.user_id = ?").bind(0, creatorId).mapTo(Long.class).list()) {
        if (new java.util.TreeSet<>(Memberships.memberIds(h, roomId)).equals(people)) return new Direct(load(h, roomId), false);
      }
      long now = Database.now(h);
      long roomId = h.createUpdate("INSERT INTO rooms (name, type, creator_id, created_at, updated_at) VALUES (NULL, 'direct', ?, ?, ?)")
          .bind(0, creatorId).bind(1, now).bind(2, now).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      Memberships.grant(h, roomId, people, "everything");
      return new Direct(load(h, roomId), true);
    });
  }

  /** Renames a shared room and makes it open (everyone) or closed (exactly these people). */
  /**
   * Renames, converts and re-peoples a shared room. A closed room gets exactly the people ticked
   * (the form lists every active person but the editor), plus the editor and the room's bots,
   * whom the form does not show: saving never drops someone the form did not offer. The creator
   * is a person like any other, so an administrator can remove them.
   */
  public Change update(Room room, String name, String type, Set<Long> userIds, long editorId) {
    return database.write(h -> {
      h.execute("UPDATE rooms SET name = ?, type = ?, updated_at = ? WHERE id = ?", name, type, Database.now(h), room.id());
      Set<Long> wanted;
      if (Room.OPEN.equals(type)) {
        wanted = new LinkedHashSet<>(h.createQuery("SELECT id FROM users WHERE active = 1 AND role <> 'bot'").mapTo(Long.class).list());
        wanted.addAll(h.createQuery("SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.room_id = ? AND u.role = 'bot'")
            .bind(0, room.id()).mapTo(Long.class).list());
      } else {
        wanted = new LinkedHashSet<>(Memberships.activePeople(h, userIds));
        wanted.add(editorId);
        wanted.addAll(h.createQuery("SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.room_id = ? AND u.role = 'bot'")
            .bind(0, room.id()).mapTo(Long.class).list());
      }
      return new Change(load(h, room.id()), Memberships.revise(h, room.id(), wanted));
    });
  }

  /** Someone leaves a Ping; the last one out takes the Ping with them. Returns whether it is gone. */
  public boolean leave(Room room, long userId) {
    return database.write(h -> {
      Memberships.revoke(h, room.id(), userId);
      if (!Memberships.memberIds(h, room.id()).isEmpty()) return false;
      h.execute("DELETE FROM rooms WHERE id = ?", room.id());
      return true;
    });
  }

  /** Deletes the room; returns who was in it, so their sidebars can drop it. */
  public Set<Long> delete(Room room) {
    return database.write(h -> {
      Set<Long> members = Memberships.memberIds(h, room.id());
      h.execute("DELETE FROM rooms WHERE id = ?", room.id());
      return members;
    });
  }

  /** Rooms with a message since a moment (for the rooms_active_count gauge). */
  public long activeSince(long since) {
    return database.read(h -> h.createQuery("SELECT COUNT(*) FROM rooms WHERE last_message_at > ?").bind(0, since).mapTo(Long.class).one());
  }

  public Set<Long> memberIds(long roomId) {
    return database.read(h -> Memberships.memberIds(h, roomId));
  }

  public String involvement(long userId, long roomId) {
    return database.read(h -> h.createQuery("SELECT involvement FROM memberships WHERE user_id = ? AND room_id = ?")
        .bind(0, userId).bind(1, roomId).mapTo(String.class).findOne().orElse("mentions"));
  }

  public void setInvolvement(long userId, long roomId, String involvement) {
    database.writeVoid(h -> Memberships.setInvolvement(h, userId, roomId, involvement));
  }

  /** The entry a person sees for a room in their sidebar. */
  public RoomEntry entryFor(long userId, Room room) {
    String name = room.isDirect() ? displayName(room, userId) : room.name();
    return new RoomEntry(room, name, involvement(userId, room.id()), false);
  }

  private static Room load(Handle h, long roomId) {
    return h.createQuery("SELECT " + COLUMNS + " FROM rooms r WHERE r.id = ?").bind(0, roomId).map(MAPPER).one();
  }

  /** Creates an open room inside the caller's transaction and grants it to every active person. */
  public static long insertOpen(Handle h, String name, long creatorId) {
    long now = Database.now(h);
    long roomId = h.createUpdate("INSERT INTO rooms (name, type, creator_id, created_at, updated_at) VALUES (?, 'open', ?, ?, ?)")
        .bind(0, name).bind(1, creatorId).bind(2, now).bind(3, now)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    Memberships.grantEveryone(h, roomId);
    return roomId;
  }

  /** A new message is the room's latest, in the message's transaction. */
  public static void touchLastMessage(Handle h, long roomId, long at) {
    h.execute("UPDATE rooms SET last_message_at = ? WHERE id = ?", at, roomId);
  }

  /** A new member (or bot) joins every open room. */
  public static void grantOpenRoomsTo(Handle h, long userId) {
    Memberships.joinOpenRooms(h, userId);
  }
}
