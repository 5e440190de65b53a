package campfire.unfurl;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Fetches an HTML page for a link preview without ever reaching a private address. Each hop
 * resolves the host once, refuses it unless every address is allowed, and connects to that very
 * address (TLS still checks the certificate against the host name), so DNS cannot change its
 * answer between check and use. At most 10 redirects, each checked again; at most 5 MB of
 * text/html is read.
 */
public final class PublicFetcher {
  public static final int MAX_REDIRECTS = 10;
  public static final int MAX_BYTES = 5 * 1024 * 1024;
  private static final int MAX_HEADER_BYTES = 64 * 1024;

  /** Why a fetch was refused: a clear reason, never a stack trace. */
  public static final class Refused extends Exception {
    public Refused(String message) { super(message, null, false, false); }
  }

  /** A fetched page: where it ended up and its bytes. */
  public record Page(URI url, byte[] body, String charset) {}

  private final Predicate<InetAddress> allowed;
  private final int timeoutMillis;

  public PublicFetcher(Predicate<InetAddress> allowed, int timeoutMillis) {
    this.allowed = allowed;
    this.timeoutMillis = timeoutMillis;
  }

  public static PublicFetcher publicOnly() { return new PublicFetcher(AddressGuard::isPublic, 5000); }

  /** Public addresses, plus exact addresses an operator allowed (UNFURL_ALLOWED_ADDRESSES, for an intranet site). */
  public static PublicFetcher publicOr(java.util.Set<InetAddress> allowedExactly) {
    return new PublicFetcher(address -> AddressGuard.isPublic(address) || allowedExactly.contains(address), 5000);
  }

  /** The page, or empty when it is not HTML or the server fails; Refused when the address or URL is not allowed. */
  public Optional<Page> fetch(URI start) throws Refused {
    return fetch(start, "text/html");
  }

  /** A preview image (PNG, JPEG, GIF or WebP), with the same address rules and limits as pages. */
  public Optional<Page> fetchImage(URI start) throws Refused {
    return fetch(start, "image/png", "image/jpeg", "image/gif", "image/webp");
  }

  private Optional<Page> fetch(URI start, String... types) throws Refused {
    URI url = start;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      check(url);
      InetAddress address = resolve(url.getHost());
      Response response;
      try {
        response = get(url, address, types);
      } catch (IOException e) {
        return Optional.empty();
      }
      if (response.status >= 300 && response.status < 400 && response.headers.containsKey("location")) {
        url = redirect(url, response.headers.get("location"));
        continue;
      }
      if (response.status != 200) return Optional.empty();
      String type = response.headers.getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
      if (!accepts(type, types)) return Optional.empty();
      return Optional.of(new Page(url, response.body, charset(type)));
    }
    throw new Refused("Too many redirects (more than " + MAX_REDIRECTS + ").");
  }

  static void check(URI url) throws Refused {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) throw new Refused("Only http and https links can be previewed.");
    if (url.getHost() == null || url.getHost().isBlank()) throw new Refused("That link has no host.");
    if (url.getRawUserInfo() != null) throw new Refused("Links with a user name or password are not previewed.");
  }

  private InetAddress resolve(String host) throws Refused {
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
    } catch (UnknownHostException e) {
      throw new Refused("That host does not resolve.");
    }
    if (addresses.length == 0) throw new Refused("That host does not resolve.");
    for (InetAddress address : addresses) {
      if (!allowed.test(address)) throw new Refused("That link points to a private or reserved address.");
    }
    return addresses[0];
  }

  private static URI redirect(URI from, String location) throws Refused {
    try {
      return from.resolve(new URI(location.strip().replace(" ", "%20")));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new Refused("A redirect pointed to a malformed address.");
    }
  }

  private record Response(int status, Map<String, String> headers, byte[] body) {}

  private static boolean accepts(String contentType, String... types) {
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    for (String accepted : types) if (type.equals(accepted)) return true;
    return false;
  }

  private Response get(URI url, InetAddress address, String... types) throws IOException {
    boolean tls = url.getScheme().equalsIgnoreCase("https");
    int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(address, port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      Socket stream = socket;
      if (tls) {
        SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(socket, url.getHost(), port, true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        params.setServerNames(List.of(new SNIHostName(url.getHost())));
        ssl.setSSLParameters(params);
        ssl.startHandshake();
        stream = ssl;
      }
      String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
      if (url.getRawQuery() != null) path += "?" + url.getRawQuery();
      String hostHeader = url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
      String request = "GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: Campfire link preview\r\n"
          + "Accept: " + String.join(", ", types) + "\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n";
      if (request.chars().anyMatch(c -> c > 0x7e || (c < 0x20 && c != '\r' && c != '\n'))) throw new IOException("unsafe request line");
      OutputStream out = stream.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return read(new BufferedInputStream(stream.getInputStream()), types);
    } finally {
      socket.close();
    }
  }

  private static Response read(InputStream in, String... types) throws IOException {
    String statusLine = line(in);
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) throw new IOException("not HTTP");
    int status = Integer.parseInt(parts[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    int headerBytes = 0;
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      headerBytes += line.length();
      if (headerBytes > MAX_HEADER_BYTES) throw new IOException("headers too long");
      int colon = line.indexOf(':');
      if (colon > 0) headers.putIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
    }
    if (status != 200 || !accepts(headers.getOrDefault("content-type", ""), types)) return new Response(status, headers, new byte[0]);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
      while (body.size() < MAX_BYTES) {
        String size = line(in).split(";", 2)[0].strip();
        if (!size.matches("[0-9a-fA-F]{1,8}")) break;
        int chunk = Integer.parseInt(size, 16);
        if (chunk == 0) break;
        copy(in, body, Math.min(chunk, MAX_BYTES - body.size()));
        line(in);
      }
    } else {
      String length = headers.get("content-length");
      long limit = length != null && length.matches("\\d{1,12}") ? Math.min(Long.parseLong(length), MAX_BYTES) : MAX_BYTES;
      copy(in, body, (int) limit);
    }
    return new Response(status, headers, body.toByteArray());
  }

  private static void copy(InputStream in, ByteArrayOutputStream out, int count) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    int left = count;
    while (left > 0) {
      int read = in.read(buffer, 0, Math.min(buffer.length, left));
      if (read < 0) return;
      out.write(buffer, 0, read);
      left -= read;
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') break;
      if (c != '\r') line.append((char) c);
      if (line.length() > 8192) throw new IOException("line too long");
    }
    if (c == -1 && line.isEmpty()) throw new IOException("connection closed");
    return line.toString();
  }

  private static String charset(String contentType) {
    int at = contentType.indexOf("charset=");
    return at < 0 ? null : contentType.substring(at + 8).replace("\"", "").split(";", 2)[0].strip();
  }
}
