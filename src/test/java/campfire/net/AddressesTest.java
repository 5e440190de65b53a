package campfire.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@org.junit.jupiter.api.Tag("database-independent")
class AddressesTest {
  @ParameterizedTest(name = "{0} is refused")
  @ValueSource(strings = {
      "0.0.0.0", "0.1.2.3",                       // this network
      "127.0.0.1", "127.255.255.254",             // loopback
      "10.0.0.1", "10.255.255.255",               // private
      "172.16.0.1", "172.31.255.255",             // private
      "192.168.0.1", "192.168.255.255",           // private
      "100.64.0.1", "100.127.255.255", "100.100.100.200", // CGNAT, Alibaba metadata
      "169.254.0.1", "169.254.169.254",           // link-local, cloud metadata
      "192.0.0.1", "192.0.2.1", "198.51.100.1", "203.0.113.1", "198.18.0.1", "198.19.255.255", "192.88.99.1",
      "224.0.0.1", "239.255.255.250",             // multicast
      "240.0.0.1", "255.255.255.255",             // reserved, broadcast
      "::", "::1",                                // unspecified, loopback
      "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1", // IPv4-mapped
      "::127.0.0.1", "::10.0.0.1", "::8.8.8.8",   // IPv4-compatible (deprecated, never public)
      "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b::a00:1", // NAT64 of loopback, metadata, private
      "64:ff9b:1::808:808",                       // local-use NAT64
      "2002:7f00:1::1", "2002:a9fe:a9fe::1",      // 6to4 of loopback, metadata
      "2001::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2", // Teredo
      "2001:db8::1",                              // documentation
      "100::1",                                   // discard
      "fc00::1", "fd00:ec2::254",                 // unique local, AWS metadata
      "fe80::1", "fec0::1",                       // link-local, site-local
      "ff02::1", "ff05::2"                        // multicast
  })
  void private_and_reserved_addresses_are_refused(String address) {
    assertThat(Addresses.isPublic(address)).isFalse();
  }

  @ParameterizedTest(name = "\"{0}\" is not a literal address, so never public")
  @ValueSource(strings = {"", "example.com", "localhost", "10.0.0.0/8", "8.8.8.8/32", "not an address"})
  void only_literals_are_judged(String text) {
    assertThat(Addresses.isPublic(text)).isFalse();
  }

  @ParameterizedTest(name = "{0} is public")
  @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "93.184.216.34", "172.32.0.1", "100.128.0.1", "169.255.0.1", "192.169.0.1",
      "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"})
  void public_unicast_addresses_are_allowed(String address) {
    assertThat(Addresses.isPublic(address)).isTrue();
  }
}
