package campfire.net;

import inet.ipaddr.IPAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Where the server may go on someone's behalf (link previews, push services, bot webhooks): public
 * addresses only, plus what the operator lists in OUTBOUND_ALLOWED_HOSTS (host names, addresses or
 * CIDR ranges, e.g. an intranet bot server). A URL is checked when it is saved, and again on the
 * address actually connected: the shared HTTP client resolves every host through this rule and
 * connects only to an address it passed, so DNS cannot answer differently between the check and
 * the connection, and each redirect's host is checked the same way.
 */
public final class Outbound implements AutoCloseable {
  /** Why a destination was refused, in words for the person who gave it. */
  public static final class Refused extends Exception {
    public Refused(String message) { super(message, null, false, false); }
  }

  /** What OUTBOUND_ALLOWED_HOSTS lists: host names (lower case) and address ranges. */
  public record Allowed(Set<String> hosts, List<IPAddress> ranges) {
    public static final Allowed NONE = new Allowed(Set.of(), List.of());

    /** Parses a comma-separated list; IllegalArgumentException names the entry that is neither a host nor an address. */
    public static Allowed parse(String value) {
      Set<String> hosts = new LinkedHashSet<>();
      List<IPAddress> ranges = new ArrayList<>();
      for (String part : value == null ? new String[0] : value.split(",")) {
        String entry = part.strip().toLowerCase(Locale.ROOT);
        if (entry.isEmpty()) continue;
        var range = Addresses.range(entry.startsWith("[") && entry.endsWith("]") ? entry.substring(1, entry.length() - 1) : entry);
        if (range.isPresent()) ranges.add(range.get());
        else if (!entry.matches("[0-9.]+") && entry.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*")) hosts.add(entry);
        else throw new IllegalArgumentException("\"" + part.strip() + "\" is not a host name, an IP address or a CIDR range");
      }
      return new Allowed(Set.copyOf(hosts), List.copyOf(ranges));
    }

    public Allowed and(Allowed more) {
      Set<String> h = new LinkedHashSet<>(hosts);
      h.addAll(more.hosts);
      List<IPAddress> r = new ArrayList<>(ranges);
      r.addAll(more.ranges);
      return new Allowed(Set.copyOf(h), List.copyOf(r));
    }
  }

  private final Allowed allowed;
  private final HttpClient http;

  public Outbound(Allowed allowed) {
    this.allowed = allowed;
    QueuedThreadPool threads = new QueuedThreadPool(16, 2);
    threads.setName("outbound");
    threads.setDaemon(true);
    this.http = new HttpClient();
    http.setExecutor(threads);
    http.setSocketAddressResolver((host, port, context, promise) -> http.getExecutor().execute(() -> {
      try {
        promise.succeeded(resolve(host).stream().map(address -> new InetSocketAddress(address, port)).toList());
      } catch (Refused refused) {
        promise.failed(refused);
      }
    }));
    http.setHttpCookieStore(new HttpCookieStore.Empty());
    http.setUserAgentField(new org.eclipse.jetty.http.HttpField(org.eclipse.jetty.http.HttpHeader.USER_AGENT, "Campfire"));
    http.setConnectTimeout(5000);
    http.setMaxRedirects(10);
    http.setFollowRedirects(false);
    try {
      http.start();
    } catch (Exception e) {
      throw new IllegalStateException("The outbound HTTP client did not start", e);
    }
  }

  /** The one HTTP client for outbound requests; redirects are off unless a request turns them on. */
  public HttpClient http() { return http; }

  /** Whether a host, reached at this address, may be contacted. */
  public boolean allows(String host, InetAddress address) {
    return Addresses.isPublic(address) || allowed.hosts().contains(host.toLowerCase(Locale.ROOT)) || Addresses.within(allowed.ranges(), address);
  }

  /**
   * Checks a URL before it is stored or fetched: http or https, a host, no user name or password,
   * and every address the host resolves to allowed. Returns the addresses.
   */
  public List<InetAddress> check(URI url) throws Refused {
    checkForm(url);
    return resolve(url.getHost());
  }

  /** The form alone, without asking DNS: http or https, a host, no user name or password. */
  public static void checkForm(URI url) throws Refused {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) throw new Refused("Only http and https addresses can be used.");
    if (url.getHost() == null || url.getHost().isBlank()) throw new Refused("That address has no host.");
    if (url.getRawUserInfo() != null) throw new Refused("Addresses with a user name or password are not allowed.");
  }

  /** The host's addresses, every one of them allowed, or Refused. */
  public List<InetAddress> resolve(String host) throws Refused {
    String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(name);
    } catch (UnknownHostException e) {
      throw new Refused("That host does not resolve.");
    }
    if (addresses.length == 0) throw new Refused("That host does not resolve.");
    for (InetAddress address : addresses) {
      if (!allows(name, address)) throw new Refused("That address is private or reserved: the server only reaches public addresses.");
    }
    return List.of(addresses);
  }

  @Override
  public void close() {
    try {
      http.stop();
    } catch (Exception e) {
      // stopping is best effort at shutdown
    }
  }
}
