package campfire.unfurl;

import campfire.net.Outbound;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Fetches a page (or a card's image) for a link preview through the shared outbound client, so
 * every hop reaches only an address {@link Outbound} allows, on the very address it checked.
 * Redirects are followed here, at most 10, each URL checked again; the whole fetch, redirects
 * included, has one deadline (5 s); at most 5 MB is read.
 */
public final class PublicFetcher {
  public static final int MAX_REDIRECTS = 10;
  public static final int MAX_BYTES = 5 * 1024 * 1024;
  public static final Duration DEADLINE = Duration.ofSeconds(5);

  /** A fetched page: where it ended up and its bytes. */
  public record Page(URI url, byte[] body, String charset) {}

  private final Outbound outbound;
  private final Duration deadline;

  public PublicFetcher(Outbound outbound, Duration deadline) {
    this.outbound = outbound;
    this.deadline = deadline;
  }

  public PublicFetcher(Outbound outbound) { this(outbound, DEADLINE); }

  /** The page, or empty when it is not HTML, the server fails or the deadline passes; Refused when the address is not allowed. */
  public Optional<Page> fetch(URI start) throws Outbound.Refused {
    return fetch(start, "text/html");
  }

  /** A preview image (PNG, JPEG, GIF or WebP), with the same address rules and limits as pages. */
  public Optional<Page> fetchImage(URI start) throws Outbound.Refused {
    return fetch(start, "image/png", "image/jpeg", "image/gif", "image/webp");
  }

  private Optional<Page> fetch(URI start, String... types) throws Outbound.Refused {
    long end = System.nanoTime() + deadline.toNanos();
    URI url = start;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      // The form here; the address when the shared client resolves the host to connect (one lookup, the one used).
      Outbound.checkForm(url);
      long left = end - System.nanoTime();
      if (left <= 0) return Optional.empty();
      Request request = outbound.http().newRequest(url).headers(h -> h.put(HttpHeader.ACCEPT, String.join(", ", types)))
          .timeout(left, TimeUnit.NANOSECONDS);
      InputStreamResponseListener listener = new InputStreamResponseListener();
      request.send(listener);
      try {
        Response response = listener.get(left, TimeUnit.NANOSECONDS);
        String location = response.getHeaders().get(HttpHeader.LOCATION);
        if (response.getStatus() >= 300 && response.getStatus() < 400 && location != null) {
          response.abort(new IOException("redirected"));
          url = redirect(url, location);
          continue;
        }
        String type = response.getHeaders().get(HttpHeader.CONTENT_TYPE);
        type = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (response.getStatus() != 200 || !accepts(type, types)) {
          response.abort(new IOException("not wanted"));
          return Optional.empty();
        }
        byte[] body = read(listener.getInputStream(), response);
        return Optional.of(new Page(url, body, charset(type)));
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Outbound.Refused refused) throw refused;
        return Optional.empty();
      } catch (TimeoutException | IOException e) {
        request.abort(e);
        return Optional.empty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        request.abort(e);
        return Optional.empty();
      }
    }
    throw new Outbound.Refused("Too many redirects (more than " + MAX_REDIRECTS + ").");
  }

  /** Up to MAX_BYTES of the body; the rest is not read (the exchange is aborted). */
  private static byte[] read(InputStream in, Response response) throws IOException {
    try (in) {
      byte[] body = in.readNBytes(MAX_BYTES);
      if (body.length == MAX_BYTES) response.abort(new IOException("preview limit reached"));
      return body;
    }
  }

  private static URI redirect(URI from, String location) throws Outbound.Refused {
    try {
      return from.resolve(new URI(location.strip().replace(" ", "%20")));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new Outbound.Refused("A redirect pointed to a malformed address.");
    }
  }

  private static boolean accepts(String contentType, String... types) {
    String type = contentType.split(";", 2)[0].strip();
    for (String accepted : types) if (type.equals(accepted)) return true;
    return false;
  }

  private static String charset(String contentType) {
    int at = contentType.indexOf("charset=");
    return at < 0 ? null : contentType.substring(at + 8).replace("\"", "").split(";", 2)[0].strip();
  }
}
