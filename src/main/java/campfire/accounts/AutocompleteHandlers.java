package campfire.accounts;

import campfire.domain.DomainError;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GET /autocompletable/users?query=&room_id=: people to mention or Ping, 20 at most. */
public final class AutocompleteHandlers {
  private final Users users;
  private final campfire.web.Signer signer;

  public AutocompleteHandlers(Users users, campfire.web.Signer signer) {
    this.users = users;
    this.signer = signer;
  }

  public void users(Context ctx) {
    User me = Authentication.currentUser(ctx);
    String query = ctx.queryParam("query") == null ? "" : ctx.queryParam("query").strip();
    if (query.length() > 100) query = query.substring(0, 100);
    String roomId = ctx.queryParam("room_id");
    List<User> found;
    if (roomId != null && !roomId.isBlank()) {
      if (!roomId.matches("\\d{1,18}")) throw new DomainError.Malformed("room_id must be a number");
      found = users.inRoomNamed(Long.parseLong(roomId), me.id(), query).orElseThrow(DomainError.NotFound::new);
    } else {
      found = users.othersNamed(me.id(), query);
    }
    ctx.json(found.stream().map(this::entry).toList());
  }

  private Map<String, Object> entry(User user) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", user.name());
    entry.put("value", user.id());
    entry.put("avatar_url", AvatarAddress.of(signer, user));
    entry.put("sgid", signer.sign("user", Long.toString(user.id())));
    return entry;
  }

}
