package campfire.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.web.Signer;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Tag("database-independent")
class StreamNamesTest {
  private final StreamNames names = new StreamNames(new Signer("a-test-secret-of-reasonable-length"));

  @Test
  void everySignedNameVerifiesBackToItsStream() {
    for (int i = 0; i < 20_000; i++) {
      String stream = i % 2 == 0 ? Streams.roomMessages(i) : Streams.userRooms(i) + "--x-";
      assertThat(names.verify(names.sign(stream))).isEqualTo(stream);
    }
  }

  @Test
  void tamperedOrForeignNamesDoNotVerify() {
    String signed = names.sign(Streams.roomMessages(1));
    assertThat(names.verify(signed.replace("room:1:", "room:2:"))).isNull();
    assertThat(names.verify(signed.substring(0, signed.length() - 1))).isNull();
    assertThat(names.verify(Streams.roomMessages(1))).isNull();
    assertThat(names.verify(null)).isNull();
    assertThat(names.verify("")).isNull();
    assertThat(new StreamNames(new Signer("another-secret-of-some-length")).verify(signed)).isNull();
  }
}
