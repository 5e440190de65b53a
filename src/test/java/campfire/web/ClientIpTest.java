package campfire.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Tag("database-independent")
class ClientIpTest {
  @Test
  void forwarded_addresses_are_believed_only_from_trusted_proxies() {
    ClientIp none = new ClientIp(List.of());
    assertThat(none.resolve("198.51.100.7", "203.0.113.9")).isEqualTo("198.51.100.7");
    ClientIp proxies = new ClientIp(List.of("10.0.0.0/8", "192.0.2.1", "2001:db8::/32"));
    assertThat(proxies.resolve("10.1.2.3", "203.0.113.9")).isEqualTo("203.0.113.9");
    assertThat(proxies.resolve("10.1.2.3", "198.51.100.1, 203.0.113.9, 10.9.9.9")).isEqualTo("203.0.113.9");
    assertThat(proxies.resolve("192.0.2.1", "evil-name, 203.0.113.9")).isEqualTo("203.0.113.9");
    assertThat(proxies.resolve("192.0.2.1", "not-an-ip")).isEqualTo("192.0.2.1");
    assertThat(proxies.resolve("2001:db8::1", "2001:db9::5")).isEqualTo("2001:db9::5");
    assertThat(proxies.resolve("198.51.100.7", "203.0.113.9")).isEqualTo("198.51.100.7");
  }

  @Test
  void trusted_proxy_entries_are_addresses_or_ranges() {
    assertThat(ClientIp.isAddressOrRange("10.0.0.0/8")).isTrue();
    assertThat(ClientIp.isAddressOrRange("::1")).isTrue();
    assertThat(ClientIp.isAddressOrRange("10.0.0.0/33")).isFalse();
    assertThat(ClientIp.isAddressOrRange("proxy.example.com")).isFalse();
  }
}
