package campfire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Tag("database-independent")
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
  void outbound_exceptions_are_hosts_addresses_or_ranges() {
    assertThat(Config.parseOutbound(Map.of()).hosts()).isEmpty();
    var allowed = Config.parseOutbound(Map.of("OUTBOUND_ALLOWED_HOSTS", "Bots.Intranet, 10.0.0.0/8, [fd00::5]", "UNFURL_ALLOWED_ADDRESSES", "192.168.1.9"));
    assertThat(allowed.hosts()).containsExactly("bots.intranet");
    assertThat(allowed.ranges()).extracting(Object::toString).containsExactly("10.0.0.0/8", "fd00::5", "192.168.1.9");
    for (String bad : new String[] {"10.0.0.5;rm", "http://bots.intranet", "bots intranet", "-bad-.example", "10.0.0.0/40", "10.0.0.300"}) {
      assertThatThrownBy(() -> Config.parseOutbound(Map.of("OUTBOUND_ALLOWED_HOSTS", bad))).isInstanceOf(Config.Invalid.class)
          .hasMessageContaining("OUTBOUND_ALLOWED_HOSTS");
    }
  }
}
