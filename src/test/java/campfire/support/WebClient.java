package campfire.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A cookie-keeping HTTP client that does not follow redirects and remembers the page's CSRF token. */
public final class WebClient {
  private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");
  private final TestServer server;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;
  private String csrfToken;

  WebClient(TestServer server) {
    this.server = server;
    this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Drops this client's open connections (its last use: it sends nothing after). */
  void disconnect() { http.shutdownNow(); }

  public HttpResponse<String> get(String path) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(server.url(path))).GET().header("Accept", "text/html"));
    Matcher m = CSRF.matcher(response.body());
    if (m.find()) csrfToken = m.group(1);
    return response;
  }

  /** Posts a form with the CSRF token of the last page fetched (fetching the path first when there is none). */
  public HttpResponse<String> post(String path, Map<String, String> form) {
    if (csrfToken == null) get("/session/new");
    Map<String, String> withToken = new LinkedHashMap<>(form);
    withToken.putIfAbsent("authenticity_token", csrfToken);
    return postRaw(path, withToken);
  }

  /** Posts as Turbo does from the page: wants a Turbo Stream back, token in the header. */
  public HttpResponse<String> postStream(String path, Map<String, String> form) {
    if (csrfToken == null) get("/session/new");
    return send(HttpRequest.newBuilder(URI.create(server.url(path)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "text/vnd.turbo-stream.html, text/html")
        .header("X-CSRF-Token", csrfToken)
        .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
  }

  public HttpResponse<String> get(String path, String accept) {
    return send(HttpRequest.newBuilder(URI.create(server.url(path))).GET().header("Accept", accept));
  }

  public HttpResponse<String> postRaw(String path, Map<String, String> form) {
    return send(HttpRequest.newBuilder(URI.create(server.url(path)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "text/html")
        .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
  }

  public HttpResponse<String> send(HttpRequest.Builder request) { return exchange(request, HttpResponse.BodyHandlers.ofString()); }

  /** The raw bytes of an answer, as sent (not un-gzipped), with this client's cookies. */
  public HttpResponse<byte[]> sendBytes(HttpRequest.Builder request) { return exchange(request, HttpResponse.BodyHandlers.ofByteArray()); }

  private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
    try {
      return http.send(request.build(), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String csrfToken() { return csrfToken; }

  public String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue).findFirst().orElse(null);
  }

  /** Every cookie this client holds, as a Cookie header (for a request sent on a client of its own). */
  public String cookieHeader() {
    return String.join("; ", cookies.getCookieStore().getCookies().stream().map(c -> c.getName() + "=" + c.getValue()).toList());
  }

  public void setCookie(String name, String value) {
    HttpCookie cookie = new HttpCookie(name, value);
    cookie.setPath("/");
    cookie.setVersion(0);
    cookies.getCookieStore().add(URI.create(server.url("/")), cookie);
  }

  public void clearCookies() { cookies.getCookieStore().removeAll(); }

  static String encode(Map<String, String> form) {
    StringJoiner body = new StringJoiner("&");
    form.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return body.toString();
  }
}
