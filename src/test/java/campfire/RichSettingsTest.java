package campfire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class RichSettingsTest {
  @Test
  void attachment_sizes_read_with_or_without_units() {
    assertThat(Config.parseSize("MAX_ATTACHMENT_SIZE", "100MB")).isEqualTo(100L * 1024 * 1024);
    assertThat(Config.parseSize("MAX_ATTACHMENT_SIZE", "512kb")).isEqualTo(512L * 1024);
    assertThat(Config.parseSize("MAX_ATTACHMENT_SIZE", "2 GB")).isEqualTo(2L * 1024 * 1024 * 1024);
    assertThat(Config.parseSize("MAX_ATTACHMENT_SIZE", "1048576")).isEqualTo(1048576L);
    for (String bad : new String[] {"", "0", "-1", "lots", "10TB", "1.5MB"}) {
      assertThatThrownBy(() -> Config.parseSize("MAX_ATTACHMENT_SIZE", bad)).isInstanceOf(Config.Invalid.class)
          .hasMessageContaining("MAX_ATTACHMENT_SIZE");
    }
  }

  @Test
  void preview_exceptions_are_literal_addresses_only() throws Exception {
    assertThat(Config.parseAddresses("UNFURL_ALLOWED_ADDRESSES", "")).isEmpty();
    assertThat(Config.parseAddresses("UNFURL_ALLOWED_ADDRESSES", "10.0.0.5, fd00::5"))
        .containsExactlyInAnyOrder(InetAddress.getByName("10.0.0.5"), InetAddress.getByName("fd00::5"));
    for (String bad : new String[] {"intranet.example", "localhost", "10.0.0.300", "10.0.0.5;rm"}) {
      assertThatThrownBy(() -> Config.parseAddresses("UNFURL_ALLOWED_ADDRESSES", bad)).isInstanceOf(Config.Invalid.class)
          .hasMessageContaining("UNFURL_ALLOWED_ADDRESSES");
    }
  }
}
