package campfire.bots;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.Fixtures;
import campfire.support.TestServer;
import campfire.support.WebClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A fake bot server on loopback receives the webhooks. */
class WebhooksTest {
  record Call(String body, String signature) {}

  TestServer server;
  HttpServer bot;
  BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
  volatile String replyType = "text/plain";
  volatile String reply = "pong";
  volatile byte[] replyBytes;
  volatile long delayMillis = 0;
  WebClient alice;
  long allTalk;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(Map.of("WEBHOOK_SECRET", "webhook-secret-for-tests", "OUTBOUND_ALLOWED_HOSTS", "127.0.0.1"));
    bot = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    bot.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      calls.add(new Call(body, exchange.getRequestHeaders().getFirst("X-Campfire-Signature")));
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] out = replyBytes != null ? replyBytes : reply.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", replyType);
      exchange.sendResponseHeaders(200, out.length);
      exchange.getResponseBody().write(out);
      exchange.close();
    });
    bot.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    bot.start();
    alice = Fixtures.admin(server);
    allTalk = Fixtures.allTalk(server);
    alice.get("/account/bots");
  }

  @AfterEach
  void stop() {
    bot.stop(0);
    server.close();
  }

  long createBot(String url) {
    alice.post("/account/bots", Map.of("user[name]", "Echo", "user[webhook_url]", url));
    return server.count("SELECT id FROM users WHERE role = 'bot'");
  }

  String hook() { return "http://127.0.0.1:" + bot.getAddress().getPort() + "/hook"; }

  static String hmac(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("webhook-secret-for-tests".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  long botMessages(long botId) { return server.count("SELECT COUNT(*) FROM messages WHERE creator_id = ?", botId); }

  /** Waits up to 15 s for the assertion (a row that is not there yet reads as IllegalStateException). */
  void eventually(Runnable assertion) {
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).ignoreException(IllegalStateException.class)
        .untilAsserted(assertion::run);
  }

  @Test
  void a_mention_sends_the_signed_payload_and_a_text_reply_is_posted_as_the_bot() throws Exception {
    long botId = createBot(hook());
    Fixtures.say(server, alice, allTalk, "<p>no one called you</p>");
    long id = Fixtures.say(server, alice, allTalk, "<p>" + Fixtures.mention(alice, allTalk, "Echo") + " ping please</p>");
    Call call = calls.poll(10, TimeUnit.SECONDS);
    assertThat(call).isNotNull();
    assertThat(call.signature()).isEqualTo(hmac(call.body()));
    JsonNode payload = new ObjectMapper().readTree(call.body());
    assertThat(payload.path("user").path("name").asText()).isEqualTo("Alice Admin");
    assertThat(payload.path("room").path("id").asLong()).isEqualTo(allTalk);
    assertThat(payload.path("room").path("path").asText()).isEqualTo("/rooms/" + allTalk);
    assertThat(payload.path("message").path("id").asLong()).isEqualTo(id);
    assertThat(payload.path("message").path("body").path("plain").asText()).isEqualTo("ping please");
    assertThat(payload.path("message").path("body").path("html").asText()).contains("Echo</action-text-attachment> ping please").startsWith("<p>");
    assertThat(payload.path("message").path("path").asText()).isEqualTo("/rooms/" + allTalk + "/@" + id);
    eventually(() -> assertThat(server.string("SELECT body_plain FROM messages WHERE creator_id = ? ORDER BY id DESC LIMIT 1", botId))
        .isEqualTo("pong"));
    assertThat(calls.poll(500, TimeUnit.MILLISECONDS)).as("the bot's own reply and unmentioned messages send nothing").isNull();
    assertThat(alice.get("/account/bots/" + botId + "/edit").body()).contains("delivered");
  }

  @Test
  void a_delivery_is_queued_in_the_messages_own_transaction_so_neither_is_kept_without_the_other() {
    createBot(hook());
    String mention = Fixtures.mention(alice, allTalk, "Echo");
    // The outbox refuses every row: the message that would have queued one must not be saved either.
    server.app().database().writeVoid(h -> {
      if (server.postgres()) {
        h.execute("CREATE FUNCTION refuse_delivery() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'outbox refused'; END $$ LANGUAGE plpgsql");
        h.execute("CREATE TRIGGER refuse_delivery BEFORE INSERT ON webhook_deliveries FOR EACH ROW EXECUTE FUNCTION refuse_delivery()");
      } else {
        h.execute("CREATE TRIGGER refuse_delivery BEFORE INSERT ON webhook_deliveries BEGIN SELECT RAISE(ABORT, 'outbox refused'); END");
      }
    });
    long before = server.count("SELECT COUNT(*) FROM messages");
    var refused = alice.postStream("/rooms/" + allTalk + "/messages",
        Map.of("message[body]", "<p>" + mention + " lost?</p>", "message[client_message_id]", java.util.UUID.randomUUID().toString()));
    assertThat(refused.statusCode()).isEqualTo(500);
    assertThat(server.count("SELECT COUNT(*) FROM messages")).isEqualTo(before);

    server.app().database().writeVoid(h -> h.execute("DROP TRIGGER refuse_delivery" + (server.postgres() ? " ON webhook_deliveries" : "")));
    long id = Fixtures.say(server, alice, allTalk, "<p>" + mention + " kept</p>");
    assertThat(server.count("SELECT COUNT(*) FROM webhook_deliveries WHERE message_id = ?", id)).isEqualTo(1);
  }

  @Test
  void every_message_in_a_ping_with_the_bot_is_delivered_and_html_replies_are_sanitised() throws Exception {
    long botId = createBot(hook());
    replyType = "text/html; charset=utf-8";
    reply = "<p><strong>Done</strong><img src=x onerror=alert(1)></p>";
    var ping = alice.post("/rooms/directs", Map.of("user_ids[]", Long.toString(botId)));
    long room = Long.parseLong(ping.headers().firstValue("Location").orElseThrow().substring("/rooms/".length()));
    Fixtures.say(server, alice, room, "<p>deploy main</p>");
    assertThat(calls.poll(10, TimeUnit.SECONDS)).isNotNull();
    eventually(() -> assertThat(server.string("SELECT body_html FROM messages WHERE creator_id = ? ORDER BY id DESC LIMIT 1", botId))
        .contains("<strong>Done</strong>").doesNotContain("onerror"));
  }

  @Test
  void a_reply_of_another_known_type_is_posted_as_the_bots_attachment() throws Exception {
    long botId = createBot(hook());
    replyType = "image/png";
    replyBytes = campfire.support.Multipart.picture(30, 20, java.awt.Color.BLUE, "png");
    Fixtures.say(server, alice, allTalk, "<p>" + Fixtures.mention(alice, allTalk, "Echo") + " draw me something</p>");
    assertThat(calls.poll(10, TimeUnit.SECONDS)).isNotNull();
    eventually(() -> assertThat(server.count("SELECT COUNT(*) FROM attachments a JOIN messages m ON m.id = a.message_id "
        + "WHERE m.creator_id = ? AND a.content_type = 'image/png'", botId)).isEqualTo(1));
  }

  @Test
  void a_bot_slower_than_seven_seconds_gets_the_timeout_message() throws Exception {
    long botId = createBot(hook());
    delayMillis = 8_500;
    Fixtures.say(server, alice, allTalk, "<p>" + Fixtures.mention(alice, allTalk, "Echo") + " take your time</p>");
    assertThat(calls.poll(10, TimeUnit.SECONDS)).isNotNull();
    eventually(() -> assertThat(botMessages(botId)).isEqualTo(1));
    assertThat(server.string("SELECT body_plain FROM messages WHERE creator_id = ?", botId)).isEqualTo("Failed to respond within 7 seconds");
    assertThat(server.string("SELECT status FROM webhook_deliveries")).isEqualTo("timed_out");
  }

  @Test
  void a_refused_connection_is_retried_and_a_queued_delivery_survives_a_restart() throws Exception {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    createBot("http://127.0.0.1:" + closedPort + "/hook");
    Fixtures.say(server, alice, allTalk, "<p>" + Fixtures.mention(alice, allTalk, "Echo") + " are you there?</p>");
    eventually(() -> assertThat(server.count("SELECT attempts FROM webhook_deliveries")).isGreaterThanOrEqualTo(2));
    assertThat(server.string("SELECT status FROM webhook_deliveries")).isIn("queued", "sending");
    assertThat(server.string("SELECT error FROM webhook_deliveries")).contains("Connect");

    server.restart();
    server.app().database().writeVoid(h -> h.execute("UPDATE webhooks SET url = ?", hook()));
    server.app().database().writeVoid(h -> h.execute("UPDATE webhook_deliveries SET next_attempt_at = 0"));
    assertThat(calls.poll(15, TimeUnit.SECONDS)).as("the queued delivery goes out after the restart").isNotNull();
    eventually(() -> assertThat(server.string("SELECT status FROM webhook_deliveries")).isEqualTo("delivered"));
    assertThat(server.databaseExists()).isTrue();
  }
}
