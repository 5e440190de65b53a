package campfire.people;

import campfire.domain.DomainError;
import campfire.accounts.Authentication;
import campfire.accounts.User;
import campfire.accounts.Users;
import io.javalin.http.Context;
import java.util.Optional;

/** GET /users/:signed_token/avatar: the uploaded picture, a bot glyph, or initials. /users/me/avatar is yours. */
public final class AvatarHandlers {
  private static final String FOREVER = "public, max-age=31536000, immutable";
  private final Users users;
  private final Avatars avatars;

  public AvatarHandlers(Users users, Avatars avatars) {
    this.users = users;
    this.avatars = avatars;
  }

  public void show(Context ctx) {
    String token = ctx.pathParam("id");
    boolean mine = "me".equals(token);
    User user = (mine ? Authentication.signedIn(ctx).map(User::id) : avatars.userIdFrom(token))
        .flatMap(users::find).orElseThrow(DomainError.NotFound::new);
    String etag = "\"" + user.id() + "-" + user.updatedAt() + "\"";
    boolean current = Long.toString(user.updatedAt()).equals(ctx.queryParam("v"));
    ctx.header("ETag", etag).header("X-Content-Type-Options", "nosniff")
        .header("Cache-Control", mine ? "private, no-cache" : current ? FOREVER : "public, max-age=1800");
    if (etag.equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    Optional<byte[]> uploaded = avatars.uploaded(user);
    if (uploaded.isPresent()) {
      ctx.contentType("image/png").result(uploaded.get());
    } else {
      ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
          .contentType("image/svg+xml").result(user.isBot() ? Avatars.botSvg(user) : Avatars.initialsSvg(user));
    }
  }
}
