package campfire.accounts;

import campfire.domain.DomainError;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.http.Context;
import java.util.List;

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

  /** A person as the autocomplete offers them: the signed id is what a mention embeds. */
  record Entry(String name, long value, @JsonProperty("avatar_url") String avatarUrl, String sgid) {}

  private Entry entry(User user) {
    return new Entry(user.name(), user.id(), AvatarAddress.of(signer, user), signer.sign("user", Long.toString(user.id())));
  }

}
