package campfire.web;

import io.javalin.http.Context;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The address of the person on the other end. X-Forwarded-For is believed only when the request
 * came from a proxy listed in TRUSTED_PROXIES; then the nearest untrusted hop is the client.
 */
public final class ClientIp {
  private static final String ATTRIBUTE = "client.ip";
  private final List<String> trusted;

  public ClientIp(List<String> trusted) { this.trusted = trusted; }

  public String of(Context ctx) {
    String cached = ctx.attribute(ATTRIBUTE);
    if (cached != null) return cached;
    String ip = resolve(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
    ctx.attribute(ATTRIBUTE, ip);
    return ip;
  }

  String resolve(String remote, String forwardedFor) {
    if (forwardedFor == null || forwardedFor.isBlank() || !isTrusted(remote)) return remote;
    String[] hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].strip();
      if (!isLiteral(hop)) return remote;
      if (!isTrusted(hop)) return hop;
    }
    return hops[0].strip();
  }

  boolean isTrusted(String address) {
    for (String entry : trusted) if (contains(entry, address)) return true;
    return false;
  }

  public static boolean isAddressOrRange(String entry) {
    String[] parts = entry.split("/", 2);
    if (!isLiteral(parts[0])) return false;
    if (parts.length == 1) return true;
    int max = parts[0].contains(":") ? 128 : 32;
    return parts[1].matches("\\d{1,3}") && Integer.parseInt(parts[1]) <= max;
  }

  static boolean contains(String entry, String address) {
    if (!isLiteral(address)) return false;
    String[] parts = entry.split("/", 2);
    try {
      byte[] network = InetAddress.getByName(parts[0]).getAddress();
      byte[] candidate = InetAddress.getByName(address).getAddress();
      if (network.length != candidate.length) return false;
      int bits = parts.length == 1 ? network.length * 8 : Integer.parseInt(parts[1]);
      BigInteger mask = bits == 0 ? BigInteger.ZERO
          : BigInteger.ONE.shiftLeft(network.length * 8).subtract(BigInteger.ONE).shiftRight(bits).not();
      return new BigInteger(1, network).and(mask).equals(new BigInteger(1, candidate).and(mask));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Only literal addresses: never a name that would need a DNS lookup. */
  static boolean isLiteral(String value) {
    return value != null && !value.isEmpty() && (value.matches("[0-9.]{7,15}") || value.matches("[0-9a-fA-F:.]{2,45}") && value.contains(":"));
  }
}
