package campfire.people;

import campfire.web.Signer;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Password-less recovery: a signed link that signs one person in, for four hours. */
public final class SessionTransfers {
  public static final Duration LIFETIME = Duration.ofHours(4);
  private static final String PURPOSE = "session_transfer";
  private final Signer signer;
  private final Clock clock;

  public SessionTransfers(Signer signer, Clock clock) {
    this.signer = signer;
    this.clock = clock;
  }

  public String idFor(long userId) {
    return signer.sign(PURPOSE, userId + "-" + (clock.millis() + LIFETIME.toMillis()));
  }

  public String path(long userId) { return "/session/transfers/" + idFor(userId); }

  /** The person the link is for, while it is genuine and fresh. */
  public Optional<Long> userIdFrom(String id) {
    String value = signer.verify(PURPOSE, id);
    if (value == null || !value.matches("\\d{1,18}-\\d{1,18}")) return Optional.empty();
    String[] parts = value.split("-");
    if (Long.parseLong(parts[1]) < clock.millis()) return Optional.empty();
    return Optional.of(Long.parseLong(parts[0]));
  }
}
