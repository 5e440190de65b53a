package campfire.unfurl;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which addresses link previews may reach: public unicast only. Refused: this-network, loopback,
 * private, CGNAT, link-local (with cloud metadata at 169.254.169.254), benchmarking,
 * documentation, multicast and reserved IPv4; and in IPv6 unspecified, loopback, unique-local
 * (with fd00:ec2::254), link- and site-local, multicast, documentation, Teredo, discard, and
 * IPv4-mapped, IPv4-compatible, 6to4 and NAT64 forms of refused IPv4 addresses.
 */
public final class AddressGuard {
  private AddressGuard() {}

  public static boolean isPublic(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) return isPublicV4(b);
    if (address instanceof Inet6Address) return isPublicV6(b);
    return false;
  }

  static boolean isPublicV4(byte[] b) {
    int a0 = b[0] & 0xFF;
    int a1 = b[1] & 0xFF;
    int a2 = b[2] & 0xFF;
    if (a0 == 0 || a0 == 10 || a0 == 127) return false;          // this network, private, loopback
    if (a0 == 100 && a1 >= 64 && a1 <= 127) return false;          // CGNAT 100.64/10 (also Alibaba metadata)
    if (a0 == 169 && a1 == 254) return false;                      // link-local, cloud metadata
    if (a0 == 172 && a1 >= 16 && a1 <= 31) return false;           // private
    if (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) return false;  // IETF assignments, TEST-NET-1
    if (a0 == 192 && a1 == 88 && a2 == 99) return false;           // 6to4 relay anycast
    if (a0 == 192 && a1 == 168) return false;                      // private
    if (a0 == 198 && (a1 == 18 || a1 == 19)) return false;         // benchmarking
    if (a0 == 198 && a1 == 51 && a2 == 100) return false;          // TEST-NET-2
    if (a0 == 203 && a1 == 0 && a2 == 113) return false;           // TEST-NET-3
    return a0 < 224;                                               // multicast, reserved, broadcast
  }

  static boolean isPublicV6(byte[] b) {
    boolean firstTenZero = true;
    for (int i = 0; i < 10; i++) if (b[i] != 0) firstTenZero = false;
    if (firstTenZero && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) return isPublicV4(tail(b, 12)); // ::ffff:a.b.c.d
    if (firstTenZero && b[10] == 0 && b[11] == 0) return false;   // ::, ::1, and IPv4-compatible ::a.b.c.d
    int w0 = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
    int w1 = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    if (w0 == 0x0064 && w1 == 0xff9b) {                           // NAT64 64:ff9b::/96 and local-use 64:ff9b:1::/48
      boolean wellKnown = true;
      for (int i = 4; i < 12; i++) if (b[i] != 0) wellKnown = false;
      return wellKnown && isPublicV4(tail(b, 12));
    }
    if (w0 == 0x0100 && w1 == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0) return false; // discard 100::/64
    if (w0 == 0x2001 && w1 == 0) return false;                    // Teredo 2001::/32
    if (w0 == 0x2001 && w1 == 0x0db8) return false;               // documentation
    if (w0 == 0x2002) return isPublicV4(tail(b, 2));              // 6to4 embeds an IPv4 address
    if ((w0 & 0xfe00) == 0xfc00) return false;                    // unique local fc00::/7 (fd00:ec2::254 metadata)
    if ((w0 & 0xffc0) == 0xfe80 || (w0 & 0xffc0) == 0xfec0) return false; // link-local, site-local
    if ((w0 & 0xff00) == 0xff00) return false;                    // multicast
    return (w0 & 0xe000) == 0x2000;                               // global unicast 2000::/3 only
  }

  private static byte[] tail(byte[] b, int from) {
    return new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]};
  }

  /** For tests and logs: whether a literal address is public. */
  public static boolean isPublic(String literal) {
    try {
      return isPublic(InetAddress.getByName(literal));
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
