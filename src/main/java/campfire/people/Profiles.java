package campfire.people;

import campfire.domain.DomainError;
import campfire.accounts.Passwords;
import campfire.accounts.User;
import campfire.accounts.Users;
import campfire.db.Database;
import campfire.rooms.Room;
import campfire.rooms.RoomEntry;
import campfire.rooms.Rooms;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** What a person says about themselves: name, email, password, bio; and the rooms they are in. */
public final class Profiles {
  public static final int MAX_BIO = 200;
  public static final int MAX_NAME = 100;
  private static final RowMapper<Room> ROOM = ConstructorMapper.of(Room.class);
  private final Database database;
  private final Passwords passwords;
  private final Rooms rooms;
  private final Users users;

  public Profiles(Database database, Passwords passwords, Rooms rooms, Users users) {
    this.users = users;
    this.database = database;
    this.passwords = passwords;
    this.rooms = rooms;
  }

  /** The form as typed; a blank password keeps the current one, a new one needs the current one. */
  public record Changes(String name, String emailAddress, String password, String bio, String currentPassword) {
    public boolean changesPassword() { return password != null && !password.isEmpty(); }

    String normalizedEmail() { return emailAddress == null ? "" : emailAddress.strip().toLowerCase(Locale.ROOT); }

    void validate() {
      if (name == null || name.isBlank()) throw new DomainError.Invalid("Name can't be blank.");
      if (name.strip().length() > MAX_NAME) throw new DomainError.Invalid("Name is too long (maximum is 100 characters).");
      if (!normalizedEmail().matches("[^@\\s]+@[^@\\s]+") || normalizedEmail().length() > 254) {
        throw new DomainError.Invalid("Email address is invalid.");
      }
      if (bio != null && bio.strip().length() > MAX_BIO) throw new DomainError.Invalid("Bio is too long (maximum is 200 characters).");
      if (password != null && !password.isEmpty()) Passwords.validate(password);
    }
  }

  /** Saves the changes; a password change must name the current password. */
  public void update(User user, Changes changes) {
    changes.validate();
    if (changes.changesPassword() && !passwords.matches(changes.currentPassword(), users.passwordDigest(user.id()).orElse(null))) {
      throw new DomainError.Invalid("Your current password is not right; it is needed to set a new one.");
    }
    String digest = changes.password() == null || changes.password().isEmpty() ? null : passwords.hash(changes.password());
    String bio = changes.bio() == null || changes.bio().isBlank() ? null : changes.bio().strip();
    database.writeVoid(h -> {
      if (Users.emailTakenByAnother(h, changes.normalizedEmail(), user.id())) {
        throw new DomainError.Invalid("Email address is already used by someone else.");
      }
      Users.updateProfile(h, user.id(), changes.name().strip(), changes.normalizedEmail(), bio, digest);
    });
  }

  /** Every room the person is in, hidden ones too, so they can bring them back. */
  public List<RoomEntry> roomsOf(User user) {
    List<RoomEntry> entries = database.read(h -> h.createQuery("SELECT r.id, r.name, r.type, r.creator_id, r.last_message_at, "
            + "r.created_at, r.updated_at, m.involvement FROM memberships m JOIN rooms r ON r.id = m.room_id WHERE m.user_id = ? "
            + "ORDER BY r.type = 'direct', LOWER(r.name), r.id")
        .bind(0, user.id())
        .map((rs, ctx) -> new RoomEntry(ROOM.map(rs, ctx), null, rs.getString("involvement"), false))
        .list());
    return entries.stream()
        .map(e -> new RoomEntry(e.room(), e.room().isDirect() ? rooms.displayName(e.room(), user.id()) : e.room().name(), e.involvement(), false))
        .toList();
  }
}
