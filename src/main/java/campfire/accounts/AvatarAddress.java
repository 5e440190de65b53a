package campfire.accounts;

import campfire.web.Signer;
import java.util.Optional;

/**
 * Where a person's picture is served: a signed token (ids are not enumerable) and the last change
 * as a cache buster. Here, beside the person, so every feature that shows someone can link their
 * picture; the pictures themselves belong to {@code people.Avatars}.
 */
public final class AvatarAddress {
  private static final String PURPOSE = "avatar";

  private AvatarAddress() {}

  public static String of(Signer signer, User user) { return of(signer, user.id(), user.updatedAt()); }

  /** @param updatedAt when the person last changed (their picture among it), so a new picture is a new address */
  public static String of(Signer signer, long userId, long updatedAt) {
    return "/users/" + signer.sign(PURPOSE, Long.toString(userId)) + "/avatar?v=" + updatedAt;
  }

  /** The person's uploaded picture, or null when they have none (their initials are drawn instead). */
  public static String uploaded(Signer signer, long userId, long updatedAt, boolean hasPicture) {
    return hasPicture ? of(signer, userId, updatedAt) : null;
  }

  public static String uploaded(Signer signer, User user) { return uploaded(signer, user.id(), user.updatedAt(), user.avatarKey() != null); }

  public static Optional<Long> userIdFrom(Signer signer, String token) {
    String id = signer.verify(PURPOSE, token);
    return id != null && id.matches("\\d{1,18}") ? Optional.of(Long.parseLong(id)) : Optional.empty();
  }
}
