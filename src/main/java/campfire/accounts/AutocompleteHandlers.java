package campfire.accounts;

import campfire.db.Database;
import campfire.web.HttpError;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GET /autocompletable/users?query=&room_id=: people to mention or Ping, 20 at most. */
public final class AutocompleteHandlers {
  private final Database database;
  private final campfire.web.Signer signer;

  public AutocompleteHandlers(Database database, campfire.web.Signer signer) {
    this.database = database;
    this.signer = signer;
  }

  public void users(Context ctx) {
    User me = Authentication.currentUser(ctx);
    String query = ctx.queryParam("query") == null ? "" : ctx.queryParam("query").strip();
    if (query.length() > 100) query = query.substring(0, 100);
    String like = "%" + query.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    String roomId = ctx.queryParam("room_id");
    List<User> found;
    if (roomId != null && !roomId.isBlank()) {
      if (!roomId.matches("\\d{1,18}")) throw new HttpError.BadRequest("room_id must be a number");
      long room = Long.parseLong(roomId);
      boolean member = database.read(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM memberships WHERE room_id = ? AND user_id = ?)")
          .bind(0, room).bind(1, me.id()).mapTo(Boolean.class).one());
      if (!member) throw new HttpError.NotFound();
      found = database.read(h -> h.createQuery("SELECT " + Users.U_COLUMNS + " FROM users u JOIN memberships m ON m.user_id = u.id "
              + "WHERE m.room_id = ? AND u.active = 1 AND LOWER(u.name) LIKE ? ESCAPE '\\' ORDER BY u.name LIMIT 20")
          .bind(0, room).bind(1, like).map(Users.MAPPER).list());
    } else {
      found = database.read(h -> h.createQuery("SELECT " + Users.COLUMNS + " FROM users WHERE active = 1 AND role <> 'bot' AND id <> ? "
              + "AND LOWER(name) LIKE ? ESCAPE '\\' ORDER BY name LIMIT 20")
          .bind(0, me.id()).bind(1, like).map(Users.MAPPER).list());
    }
    ctx.json(found.stream().map(this::entry).toList());
  }

  private Map<String, Object> entry(User user) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", user.name());
    entry.put("value", user.id());
    entry.put("avatar_url", campfire.people.Avatars.url(signer, user));
    entry.put("sgid", signer.sign("user", Long.toString(user.id())));
    return entry;
  }

}
