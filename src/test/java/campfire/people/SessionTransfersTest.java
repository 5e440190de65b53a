package campfire.people;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.web.Signer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A transfer link's four hours, on a clock the test moves by hand. */
@org.junit.jupiter.api.Tag("database-independent")
class SessionTransfersTest {
  static final class HandClock extends Clock {
    Instant now = Instant.parse("2026-01-31T12:00:00Z");

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override public Clock withZone(ZoneId zone) { return this; }

    @Override public Instant instant() { return now; }
  }

  @Test
  void a_transfer_link_works_for_four_hours_and_not_a_moment_longer() {
    HandClock clock = new HandClock();
    SessionTransfers transfers = new SessionTransfers(new Signer("a test secret of enough length for hmac"), clock);
    String link = transfers.idFor(7);
    assertThat(transfers.userIdFrom(link)).contains(7L);
    clock.now = clock.now.plus(SessionTransfers.LIFETIME).minusMillis(1);
    assertThat(transfers.userIdFrom(link)).contains(7L);
    clock.now = clock.now.plus(Duration.ofMillis(2));
    assertThat(transfers.userIdFrom(link)).isEmpty();
  }
}
