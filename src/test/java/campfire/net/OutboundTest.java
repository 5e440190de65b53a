package campfire.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import campfire.support.Fixtures;
import campfire.support.TestServer;
import campfire.support.WebClient;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing the server sends on someone's behalf goes to a private address: push endpoints and
 * webhook URLs are refused when saved, and a stored one is refused again on the address the
 * shared client would connect to. A loopback site counts every request that reaches it.
 */
class OutboundTest {
  static final List<String> PRIVATE_FORMS = List.of(
      "https://127.0.0.1/hook", "https://localhost/hook", "https://10.0.0.1/hook", "https://192.168.1.1/hook",
      "https://172.16.0.1/hook", "https://100.64.0.1/hook", "https://169.254.169.254/latest/meta-data/", "https://0.0.0.0/hook",
      "https://[::1]/hook", "https://[::ffff:127.0.0.1]/hook", "https://[::ffff:a9fe:a9fe]/hook", "https://[fd00:ec2::254]/hook",
      "https://[fe80::1]/hook", "https://[64:ff9b::7f00:1]/hook", "https://2130706433/hook", "https://127.1/hook",
      "https://name.that.does.not.resolve.invalid/hook");

  TestServer server;
  HttpServer site;
  final AtomicInteger hits = new AtomicInteger();
  WebClient alice;
  long allTalk;

  @BeforeEach
  void start() throws Exception {
    site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    site.createContext("/", exchange -> {
      hits.incrementAndGet();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    site.start();
    server = TestServer.start(Map.of("WEB_PUSH_ALLOW_HTTP", "true"));
    alice = Fixtures.admin(server);
    allTalk = Fixtures.allTalk(server);
    alice.get("/account/bots");
  }

  @AfterEach
  void stop() {
    site.stop(0);
    server.close();
  }

  String siteUrl(String host) { return "http://" + host + ":" + site.getAddress().getPort() + "/hook"; }

  @Test
  void private_push_endpoints_are_refused_when_saved() {
    alice.get("/rooms/" + allTalk);
    for (String endpoint : concat(PRIVATE_FORMS, siteUrl("127.0.0.1"))) {
      var answer = alice.post("/users/me/push_subscriptions", Map.of("push_subscription[endpoint]", endpoint,
          "push_subscription[p256dh_key]", "B" + "A".repeat(86), "push_subscription[auth_key]", "A".repeat(22)));
      assertThat(answer.statusCode()).as(endpoint).isEqualTo(422);
    }
    assertThat(server.count("SELECT COUNT(*) FROM push_subscriptions")).isZero();
  }

  @Test
  void private_webhook_urls_are_refused_when_saved() {
    for (String url : concat(PRIVATE_FORMS, siteUrl("127.0.0.1"))) {
      var answer = alice.post("/account/bots", Map.of("user[name]", "Hook", "user[webhook_url]", url));
      assertThat(answer.statusCode()).as(url).isEqualTo(422);
      assertThat(answer.body()).as(url).containsAnyOf("public addresses", "does not resolve", "must be an http or https address");
    }
    assertThat(server.count("SELECT COUNT(*) FROM users WHERE role = 'bot'")).isZero();
    assertThat(server.count("SELECT COUNT(*) FROM webhooks")).isZero();
  }

  @Test
  void a_stored_webhook_to_a_private_address_is_refused_on_connect_and_never_reached() throws Exception {
    // As if the URL was saved when its name still pointed elsewhere: the delivery checks the address it connects to.
    var created = alice.post("/account/bots", Map.of("user[name]", "Echo", "user[webhook_url]", ""));
    assertThat(created.statusCode()).isEqualTo(303);
    long botId = server.count("SELECT id FROM users WHERE role = 'bot'");
    server.app().database().writeVoid(h -> h.execute("INSERT INTO webhooks (user_id, url, created_at) VALUES (?, ?, 0)", botId, siteUrl("localhost")));
    Fixtures.say(server, alice, allTalk, "<p>" + Fixtures.mention(alice, allTalk, "Echo") + " are you there?</p>");
    await().atMost(15, TimeUnit.SECONDS).untilAsserted(() -> assertThat(server.string("SELECT status FROM webhook_deliveries")).isEqualTo("failed"));
    assertThat(server.string("SELECT error FROM webhook_deliveries")).contains("private");
    assertThat(hits.get()).isZero();
    assertThat(server.count("SELECT COUNT(*) FROM messages WHERE creator_id = ?", botId)).isZero();
  }

  @Test
  void the_shared_client_connects_only_to_addresses_the_rule_allows() throws Exception {
    try (Outbound nothing = new Outbound(Outbound.Allowed.NONE); Outbound loopback = new Outbound(Outbound.Allowed.parse("127.0.0.0/8"))) {
      for (String host : List.of("127.0.0.1", "localhost")) {
        assertThatThrownBy(() -> nothing.http().newRequest(siteUrl(host)).timeout(5, TimeUnit.SECONDS).send())
            .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(Outbound.Refused.class);
      }
      assertThat(hits.get()).isZero();
      assertThat(loopback.http().newRequest(siteUrl("127.0.0.1")).timeout(5, TimeUnit.SECONDS).send().getStatus()).isEqualTo(204);
      assertThat(hits.get()).isEqualTo(1);
    }
  }

  private static List<String> concat(List<String> list, String more) {
    return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(more)).toList();
  }
}
