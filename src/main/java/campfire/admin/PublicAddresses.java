package campfire.admin;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether an address is on the public internet: banning a private one would lock out a whole office or proxy. */
final class PublicAddresses {
  private PublicAddresses() {}

  static boolean isPublic(String ip) {
    // Only literals: a host name here must never trigger a DNS lookup.
    if (ip == null || ip.isBlank() || ip.length() > 45 || !ip.matches("[0-9A-Fa-f:.]+")) return false;
    InetAddress address;
    try {
      address = InetAddress.getByName(ip);
    } catch (UnknownHostException e) {
      return false;
    }
    if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return false;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      if (first == 0 || first >= 240) return false;
      if (first == 100 && second >= 64 && second <= 127) return false; // carrier-grade NAT
      return true;
    }
    if (address instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) return false; // unique local fc00::/7
      return true;
    }
    return false;
  }
}
