package campfire.unfurl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import campfire.net.Outbound;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fetcher against loopback sites. The real rule refuses them outright; to follow a
 * redirect, a test fetcher also allows exactly 127.0.0.1 (the fake site), and nothing else.
 */
@org.junit.jupiter.api.Tag("database-independent")
class PublicFetcherTest {
  static final String PAGE = "<html><head><title>Fallback</title><meta property=\"og:title\" content=\"Campfire  is back\">"
      + "<meta property=\"og:description\" content=\"Group chat, on your own server.\">"
      + "<meta property=\"og:image\" content=\"/card.png\"></head><body>hi</body></html>";

  final LoopbackSite site = new LoopbackSite();
  final Outbound nothingAllowed = new Outbound(Outbound.Allowed.NONE);
  final Outbound loopbackAllowed = new Outbound(Outbound.Allowed.parse("127.0.0.1"));
  final PublicFetcher publicOnly = new PublicFetcher(nothingAllowed);
  final PublicFetcher siteAllowed = new PublicFetcher(loopbackAllowed, Duration.ofSeconds(3));

  @AfterEach
  void stop() {
    site.close();
    nothingAllowed.close();
    loopbackAllowed.close();
  }

  @Test
  void a_public_page_gives_its_opengraph_card() throws Exception {
    site.page("/post", exchange -> LoopbackSite.html(exchange, PAGE));
    Optional<PublicFetcher.Page> page = siteAllowed.fetch(URI.create(site.url("/post")));
    OpenGraph card = OpenGraph.from(page.orElseThrow()).orElseThrow();
    assertThat(card.title()).isEqualTo("Campfire is back");
    assertThat(card.description()).isEqualTo("Group chat, on your own server.");
    assertThat(card.image()).isEqualTo(site.url("/card.png"));
    assertThat(card.url()).isEqualTo(site.url("/post"));
  }

  @ParameterizedTest(name = "the real guard refuses {0}")
  @ValueSource(strings = {"http://127.0.0.1:PORT/post", "http://localhost:PORT/post", "http://[::1]:PORT/post",
      "http://[::ffff:127.0.0.1]:PORT/post", "http://2130706433:PORT/post", "http://127.1:PORT/post"})
  void loopback_is_refused_before_any_request_is_sent(String url) {
    site.page("/post", exchange -> LoopbackSite.html(exchange, PAGE));
    String target = url.replace("PORT", Integer.toString(site.server.getAddress().getPort()));
    assertThatThrownBy(() -> publicOnly.fetch(URI.create(target))).isInstanceOf(Outbound.Refused.class);
    assertThat(site.hits.get()).isZero();
  }

  @ParameterizedTest(name = "a redirect to {0} is refused")
  @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://192.168.1.1/admin",
      "http://172.16.0.1/", "http://100.64.0.1/", "http://[::1]/", "http://[fd00:ec2::254]/", "http://[fe80::1]/",
      "http://[::ffff:169.254.169.254]/", "http://[64:ff9b::a9fe:a9fe]/", "http://224.0.0.1/", "http://0.0.0.0/",
      "http://127.0.0.2/"})
  void a_redirect_to_a_private_address_is_refused(String location) {
    site.page("/go", exchange -> LoopbackSite.redirect(exchange, location));
    assertThatThrownBy(() -> siteAllowed.fetch(URI.create(site.url("/go")))).isInstanceOf(Outbound.Refused.class)
        .hasMessageContaining("private");
    assertThat(site.hits.get()).isEqualTo(1);
  }

  @Test
  void redirects_are_followed_at_most_ten_times() throws Exception {
    site.page("/hop", exchange -> {
      int n = Integer.parseInt(exchange.getRequestURI().getQuery());
      if (n == 0) LoopbackSite.html(exchange, PAGE);
      else LoopbackSite.redirect(exchange, "/hop?" + (n - 1));
    });
    assertThat(siteAllowed.fetch(URI.create(site.url("/hop?10")))).isPresent();
    site.hits.set(0);
    assertThatThrownBy(() -> siteAllowed.fetch(URI.create(site.url("/hop?11")))).isInstanceOf(Outbound.Refused.class)
        .hasMessageContaining("redirects");
    assertThat(site.hits.get()).isEqualTo(11);
  }

  @Test
  void at_most_five_megabytes_of_html_are_read() throws Exception {
    site.page("/huge", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/html");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(PAGE.getBytes(StandardCharsets.UTF_8));
        byte[] filler = "<p>filler</p>".repeat(1000).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 600; i++) out.write(filler);
      } catch (java.io.IOException closedByReader) {
        // The fetcher stops reading at its limit and hangs up; that is the point.
      }
    });
    PublicFetcher.Page page = siteAllowed.fetch(URI.create(site.url("/huge"))).orElseThrow();
    assertThat(page.body().length).isEqualTo(PublicFetcher.MAX_BYTES);
    assertThat(OpenGraph.from(page).orElseThrow().title()).isEqualTo("Campfire is back");
  }

  @Test
  void only_html_is_read() throws Exception {
    site.page("/image", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "image/png");
      exchange.sendResponseHeaders(200, 4);
      exchange.getResponseBody().write(new byte[] {1, 2, 3, 4});
    });
    site.page("/missing", exchange -> exchange.sendResponseHeaders(404, -1));
    assertThat(siteAllowed.fetch(URI.create(site.url("/image")))).isEmpty();
    assertThat(siteAllowed.fetch(URI.create(site.url("/missing")))).isEmpty();
  }

  @ParameterizedTest(name = "{0} is refused")
  @ValueSource(strings = {"ftp://example.com/", "file:///etc/passwd", "javascript:alert(1)", "http://user:pass@example.com/", "http:///nohost"})
  void only_plain_http_and_https_links_are_fetched(String url) {
    assertThatThrownBy(() -> publicOnly.fetch(URI.create(url))).isInstanceOf(Outbound.Refused.class);
  }

  @Test
  void an_operator_may_allow_a_host_by_name() throws Exception {
    site.page("/post", exchange -> LoopbackSite.html(exchange, PAGE));
    int port = site.server.getAddress().getPort();
    try (Outbound byName = new Outbound(Outbound.Allowed.parse("localhost"))) {
      PublicFetcher fetcher = new PublicFetcher(byName);
      assertThat(fetcher.fetch(URI.create("http://localhost:" + port + "/post"))).isPresent();
      // The name is allowed, not the address: the same site by its address is still refused.
      assertThatThrownBy(() -> fetcher.fetch(URI.create("http://127.0.0.1:" + port + "/post"))).isInstanceOf(Outbound.Refused.class);
    }
    assertThat(site.hits.get()).isEqualTo(1);
  }

  @Test
  void a_site_that_never_finishes_gives_no_preview_once_the_deadline_passes() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    site.page("/slow", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/html");
      exchange.sendResponseHeaders(200, 0);
      try {
        exchange.getResponseBody().write("<html><head>".getBytes(StandardCharsets.UTF_8));
        exchange.getResponseBody().flush();
        release.await(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException | java.io.IOException e) {
        // the fetcher hung up
      }
    });
    try {
      PublicFetcher quick = new PublicFetcher(loopbackAllowed, Duration.ofMillis(500));
      assertThat(quick.fetch(URI.create(site.url("/slow")))).isEmpty();
      assertThat(site.hits.get()).isEqualTo(1);
    } finally {
      release.countDown();
    }
  }
}
