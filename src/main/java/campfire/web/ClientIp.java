package campfire.web;

import io.javalin.http.Context;
import campfire.net.Addresses;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import inet.ipaddr.IPAddress;
import java.util.List;

/**
 * The address of the person on the other end. X-Forwarded-For is believed only when the request
 * came from a proxy listed in TRUSTED_PROXIES; then the nearest untrusted hop is the client.
 */
public final class ClientIp {
  private static final String ATTRIBUTE = "client.ip";
  private final List<IPAddress> trusted;
  /** Every request asks about its peer, and peers are few: parsed once each. */
  private final Cache<String, Boolean> trustedByAddress = Caffeine.newBuilder().maximumSize(10_000).build();

  public ClientIp(List<String> trusted) {
    this.trusted = trusted.stream().map(entry -> Addresses.range(entry).orElseThrow(() -> new IllegalArgumentException(entry))).toList();
  }

  /**
   * Records how the person reached us: over HTTPS (directly, or as a trusted proxy's
   * X-Forwarded-Proto says) and under which host (a trusted proxy's X-Forwarded-Host). Headers
   * from anyone else are ignored. Read back with {@link Requests#isSecure} and {@link Requests#origin}.
   */
  public void recordForwarding(Context ctx) {
    boolean trustedPeer = isTrusted(ctx.req().getRemoteAddr());
    String proto = trustedPeer ? first(ctx.header("X-Forwarded-Proto")) : null;
    boolean secure = proto != null ? proto.equalsIgnoreCase("https") : "https".equalsIgnoreCase(ctx.scheme());
    ctx.attribute(Requests.SECURE, secure);
    String host = trustedPeer ? first(ctx.header("X-Forwarded-Host")) : null;
    if (host != null && host.matches("[A-Za-z0-9.-]{1,253}(:\\d{1,5})?|\\[[0-9A-Fa-f:.]{2,45}](:\\d{1,5})?")) ctx.attribute(Requests.HOST, host);
  }

  private static String first(String header) {
    if (header == null || header.isBlank()) return null;
    return header.split(",", 2)[0].strip();
  }

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
    if (address == null) return false;
    return trustedByAddress.get(address, a -> Addresses.within(trusted, a));
  }

  public static boolean isAddressOrRange(String entry) {
    return Addresses.range(entry).isPresent();
  }

  /** Only literal addresses: never a name that would need a DNS lookup. */
  static boolean isLiteral(String value) {
    return value != null && !value.isEmpty() && (value.matches("[0-9.]{7,15}") || value.matches("[0-9a-fA-F:.]{2,45}") && value.contains(":"));
  }
}
