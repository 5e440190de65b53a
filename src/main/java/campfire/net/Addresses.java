package campfire.net;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The one rule for "is this address on the public internet", for everything the server reaches
 * on someone's behalf (link previews, push services, bot webhooks) and for what a ban records.
 * Public means global unicast outside IANA's special-purpose blocks; an IPv6 form that carries an
 * IPv4 address (mapped, 6to4, NAT64) is judged by that IPv4 address. Ranges are parsed and
 * matched by the IPAddress library; nothing here does a DNS lookup.
 */
public final class Addresses {
  private Addresses() {}

  private static final List<IPAddress> NOT_PUBLIC_V4 = blocks(
      "0.0.0.0/8",        // this network
      "10.0.0.0/8",       // private
      "100.64.0.0/10",    // carrier-grade NAT (also a cloud metadata address)
      "127.0.0.0/8",      // loopback
      "169.254.0.0/16",   // link-local, cloud metadata at 169.254.169.254
      "172.16.0.0/12",    // private
      "192.0.0.0/24",     // IETF protocol assignments
      "192.0.2.0/24",     // documentation
      "192.88.99.0/24",   // 6to4 relay anycast
      "192.168.0.0/16",   // private
      "198.18.0.0/15",    // benchmarking
      "198.51.100.0/24",  // documentation
      "203.0.113.0/24",   // documentation
      "224.0.0.0/3");     // multicast, reserved, broadcast

  private static final List<IPAddress> NOT_PUBLIC_V6 = blocks(
      "::/96",            // unspecified, loopback, IPv4-compatible
      "64:ff9b:1::/48",   // local-use NAT64
      "100::/64",         // discard
      "2001::/32",        // Teredo
      "2001:db8::/32",    // documentation
      "fc00::/7",         // unique local (fd00:ec2::254 metadata)
      "fe80::/10",        // link-local
      "fec0::/10",        // site-local
      "ff00::/8");        // multicast
  private static final IPAddress GLOBAL_UNICAST_V6 = block("2000::/3");
  private static final IPAddress NAT64 = block("64:ff9b::/96");
  private static final IPAddress SIX_TO_FOUR = block("2002::/16");

  public static boolean isPublic(InetAddress address) {
    if (address instanceof Inet4Address v4) return isPublic(new IPv4Address(v4));
    if (address instanceof Inet6Address v6) return isPublic(new IPv6Address(v6));
    return false;
  }

  /** For a literal from a form, a header or a log; a host name is never public here (no lookups). */
  public static boolean isPublic(String literal) {
    return literal(literal).map(Addresses::isPublic).orElse(false);
  }

  static boolean isPublic(IPAddress address) {
    if (address instanceof IPv4Address v4) return NOT_PUBLIC_V4.stream().noneMatch(block -> block.contains(v4));
    IPv6Address v6 = (IPv6Address) address;
    if (v6.isIPv4Mapped()) return isPublic(v6.getEmbeddedIPv4Address());
    if (NAT64.contains(v6)) return isPublic(v6.getEmbeddedIPv4Address());
    if (SIX_TO_FOUR.contains(v6)) return isPublic(v6.get6To4IPv4Address());
    return GLOBAL_UNICAST_V6.contains(v6) && NOT_PUBLIC_V6.stream().noneMatch(block -> block.contains(v6));
  }

  /** An address or a CIDR range as an operator writes it ("10.0.0.5", "10.0.0.0/8", "fd00::/8"); empty when it is neither. */
  public static Optional<IPAddress> range(String text) {
    if (text == null || text.isBlank()) return Optional.empty();
    try {
      IPAddress parsed = new IPAddressString(text.strip()).toAddress();
      return Optional.of(parsed.isPrefixed() ? parsed.toPrefixBlock() : parsed);
    } catch (AddressStringException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** A literal address (no range, no host name). */
  public static Optional<IPAddress> literal(String text) {
    return range(text).filter(address -> !address.isPrefixed() && !address.isMultiple());
  }

  /** Whether any of these ranges holds the address. */
  public static boolean within(List<IPAddress> ranges, InetAddress address) {
    IPAddress candidate = address instanceof Inet4Address v4 ? new IPv4Address(v4) : new IPv6Address((Inet6Address) address);
    return ranges.stream().anyMatch(range -> range.contains(candidate));
  }

  /** Whether any of these ranges holds the literal address. */
  public static boolean within(List<IPAddress> ranges, String literal) {
    return literal(literal).map(candidate -> ranges.stream().anyMatch(range -> range.contains(candidate))).orElse(false);
  }

  private static List<IPAddress> blocks(String... cidrs) {
    return java.util.Arrays.stream(cidrs).map(Addresses::block).toList();
  }

  private static IPAddress block(String cidr) {
    return range(cidr).orElseThrow();
  }
}
