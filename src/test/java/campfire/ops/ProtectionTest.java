package campfire.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import campfire.support.CableClient;
import campfire.support.Fixtures;
import campfire.support.TestServer;
import campfire.support.WebClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtectionTest {
  @Test
  void every_page_carries_the_security_headers_and_allows_only_its_own_inline_scripts_by_hash() throws Exception {
    try (TestServer server = TestServer.start()) {
      WebClient visitor = server.client();
      HttpResponse<String> first = visitor.get("/first_run");
      String csp = first.headers().firstValue("Content-Security-Policy").orElseThrow();
      assertThat(csp).contains("frame-ancestors 'none'", "object-src 'none'").doesNotContain("unsafe-eval", "nonce-");
      String scriptSources = csp.replaceAll(".*script-src ([^;]*);.*", "$1");
      assertThat(scriptSources).doesNotContain("unsafe-inline");
      // Every inline script of a page is allowed by its hash, and nothing else inline is: a page has
      // its import map and loader, a room page also the editor's loader.
      java.util.Set<String> firstRun = inlineScriptHashes(first.body());
      assertThat(firstRun).hasSize(2);
      java.util.Set<String> room = inlineScriptHashes(Fixtures.admin(server).get("/rooms/" + Fixtures.allTalk(server)).body());
      assertThat(room).hasSize(3).containsAll(firstRun);
      assertThat(scriptSources.split(" ")).containsExactlyInAnyOrder(java.util.stream.Stream.concat(
          java.util.stream.Stream.of("'self'"), room.stream()).toArray(String[]::new));
      assertThat(first.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(first.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
      assertThat(first.headers().firstValue("X-Request-Id")).isPresent();
      assertThat(first.headers().firstValue("Strict-Transport-Security")).isEmpty();
      assertThat(visitor.get("/css/app.css").headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }
  }

  @Test
  void requests_past_the_limit_get_429_with_retry_after_per_address_and_per_person() {
    try (TestServer server = TestServer.start(Map.of("RATE_LIMIT_REQUESTS", "15", "RATE_LIMIT_WINDOW", "60"))) {
      WebClient alice = Fixtures.admin(server);
      long room = Fixtures.allTalk(server);
      int ok = 0;
      HttpResponse<String> limited = null;
      for (int i = 0; i < 30 && limited == null; i++) {
        HttpResponse<String> response = alice.get("/rooms/" + room);
        if (response.statusCode() == 429) limited = response;
        else ok++;
      }
      assertThat(limited).isNotNull();
      assertThat(ok).isBetween(10, 15);
      assertThat(limited.headers().firstValue("Retry-After").map(Long::parseLong).orElseThrow()).isBetween(1L, 60L);
      assertThat(alice.get("/up").statusCode()).isEqualTo(200);
      assertThat(alice.get("/css/app.css").statusCode()).isEqualTo(200);
      assertThat(alice.postStream("/rooms/" + room + "/messages", Map.of("message[body]", "<p>blocked</p>")).statusCode()).isEqualTo(429);
      assertThat(server.count("SELECT COUNT(*) FROM messages")).isZero();
    }
  }

  /** Signs in through a "proxy" that says the browser used HTTPS, and returns the answer. */
  static HttpResponse<String> signInSaying(TestServer server, String proto) {
    WebClient client = server.client();
    client.get("/session/new");
    String form = "authenticity_token=" + java.net.URLEncoder.encode(client.csrfToken(), java.nio.charset.StandardCharsets.UTF_8)
        + "&email_address=alice%40example.com&password=" + java.net.URLEncoder.encode(Fixtures.PASSWORD, java.nio.charset.StandardCharsets.UTF_8);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url("/session")))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
    if (proto != null) request.header("X-Forwarded-Proto", proto).header("X-Forwarded-Host", "chat.example.com");
    return client.send(request);
  }

  @Test
  void behind_a_trusted_proxy_https_brings_secure_cookies_and_hsts_and_other_peers_are_not_believed() {
    try (TestServer server = TestServer.start()) {
      Fixtures.admin(server);
      HttpResponse<String> viaHttps = signInSaying(server, "https");
      assertThat(viaHttps.statusCode()).isEqualTo(302);
      assertThat(viaHttps.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("session_token=") && c.contains("Secure"));
      assertThat(viaHttps.headers().firstValue("Strict-Transport-Security")).isPresent();
      HttpResponse<String> plain = signInSaying(server, null);
      assertThat(plain.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("session_token=")).noneMatch(c -> c.contains("Secure"));
      assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }
    try (TestServer elsewhere = TestServer.start(Map.of("TRUSTED_PROXIES", "10.0.0.0/8"))) {
      Fixtures.admin(elsewhere);
      HttpResponse<String> claimed = signInSaying(elsewhere, "https");
      assertThat(claimed.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("session_token=")).noneMatch(c -> c.contains("Secure"));
      assertThat(claimed.headers().firstValue("Strict-Transport-Security")).as("an untrusted peer's header is ignored").isEmpty();
    }
  }

  @Test
  void x_forwarded_for_counts_only_behind_a_trusted_proxy() {
    try (TestServer trusting = TestServer.start(Map.of("RATE_LIMIT_REQUESTS", "5", "TRUSTED_PROXIES", "127.0.0.1/32"))) {
      Fixtures.admin(trusting);
      WebClient client = trusting.client();
      // Behind the trusted proxy, each forwarded client has its own allowance.
      for (int i = 0; i < 8; i++) {
        var response = client.send(HttpRequest.newBuilder(URI.create(trusting.url("/session/new")))
            .header("X-Forwarded-For", "203.0.113." + i));
        assertThat(response.statusCode()).isEqualTo(200);
      }
    }
    try (TestServer direct = TestServer.start(Map.of("RATE_LIMIT_REQUESTS", "5", "TRUSTED_PROXIES", "none"))) {
      Fixtures.admin(direct);
      WebClient client = direct.client();
      int limited = 0;
      for (int i = 0; i < 8; i++) {
        var response = client.send(HttpRequest.newBuilder(URI.create(direct.url("/session/new")))
            .header("X-Forwarded-For", "203.0.113." + i));
        if (response.statusCode() == 429) limited++;
      }
      assertThat(limited).isPositive();
    }
  }

  @Test
  void the_cable_refuses_connections_past_max_connections_and_counts_them() {
    try (TestServer server = TestServer.start(Map.of("MAX_CONNECTIONS", "2"))) {
      WebClient alice = Fixtures.admin(server);
      String cookie = alice.cookie("session_token");
      try (CableClient one = CableClient.connect(server, cookie); CableClient two = CableClient.connect(server, cookie)) {
        one.await(f -> f.path("type").asText().equals("welcome"), CableClient.WAIT);
        two.await(f -> f.path("type").asText().equals("welcome"), CableClient.WAIT);
        assertThatThrownBy(() -> CableClient.connect(server, cookie)).isInstanceOf(CableClient.HandshakeFailed.class);
        assertThat(server.client().get("/metrics").body()).contains("campfire_websocket_connections_refused_total 1.0");
      }
      try (CableClient again = CableClient.connect(server, cookie)) {
        again.await(f -> f.path("type").asText().equals("welcome"), CableClient.WAIT);
      }
    }
  }

  @Test
  void bad_protection_settings_stop_the_boot_with_the_variable_named() {
    for (String name : new String[] {"RATE_LIMIT_REQUESTS", "RATE_LIMIT_WINDOW", "MAX_CONNECTIONS"}) {
      assertThatThrownBy(() -> TestServer.start(Map.of(name, "0"))).hasMessageStartingWith(name);
      assertThatThrownBy(() -> TestServer.start(Map.of(name, "lots"))).hasMessageStartingWith(name);
    }
    assertThatThrownBy(() -> TestServer.start(Map.of("TRUSTED_PROXIES", "proxy.example.com"))).hasMessageStartingWith("TRUSTED_PROXIES");
  }

  static java.util.Set<String> inlineScriptHashes(String html) throws Exception {
    java.util.regex.Matcher inline = java.util.regex.Pattern.compile("<script( type=\"[^\"]+\")?>(.*?)</script>", java.util.regex.Pattern.DOTALL)
        .matcher(html);
    java.util.Set<String> hashes = new java.util.LinkedHashSet<>();
    while (inline.find()) {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(inline.group(2).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      hashes.add("'sha256-" + java.util.Base64.getEncoder().encodeToString(digest) + "'");
    }
    return hashes;
  }
}
