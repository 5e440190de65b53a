package campfire.push;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.Fixtures;
import campfire.support.TestServer;
import campfire.support.WebClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PushTest {
  TestServer server;
  FakePushService pushService;
  WebClient alice;
  WebClient bob;
  long allTalk;
  long bobId;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(Map.of("WEB_PUSH_ALLOW_HTTP", "true", "OUTBOUND_ALLOWED_HOSTS", "127.0.0.1"));
    pushService = new FakePushService();
    alice = Fixtures.admin(server);
    bob = Fixtures.member(server, "Bob Member", "bob@example.com");
    bobId = Fixtures.userId(server, "bob@example.com");
    allTalk = Fixtures.allTalk(server);
    alice.get("/rooms/" + allTalk);
    bob.get("/rooms/" + allTalk);
    var subscribed = bob.post("/users/me/push_subscriptions", Map.of("push_subscription[endpoint]", pushService.endpoint(),
        "push_subscription[p256dh_key]", pushService.p256dh(), "push_subscription[auth_key]", pushService.auth()));
    assertThat(subscribed.statusCode()).isEqualTo(201);
  }

  @AfterEach
  void stop() {
    pushService.close();
    server.close();
  }

  void involvement(String value) {
    server.app().database().writeVoid(h -> h.execute("UPDATE memberships SET involvement = ? WHERE user_id = ?", value, bobId));
  }

  FakePushService.Received next() throws InterruptedException { return pushService.received.poll(10, TimeUnit.SECONDS); }

  /**
   * How many pushes have been handed to delivery, from /metrics. A message's pushes are queued
   * before its post is answered, so "none for this message" is known at once, without waiting.
   */
  long pushes(String outcome) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^campfire_push_notifications_total\\{outcome=\"" + outcome + "\"[^}]*\\} ([0-9.eE+-]+)$")
        .matcher(server.client().get("/metrics").body());
    assertThat(m.find()).as("campfire_push_notifications_total{outcome=%s} on /metrics", outcome).isTrue();
    return (long) Double.parseDouble(m.group(1));
  }

  @Test
  void a_mention_is_pushed_encrypted_and_signed_with_the_rooms_title_and_the_unread_badge() throws Exception {
    Fixtures.say(server, alice, allTalk, "<p>nothing for Bob here</p>");
    assertThat(pushes("queued")).as("the unmentioned message is not pushed").isZero();
    Fixtures.say(server, alice, allTalk, "<p>" + Fixtures.mention(alice, allTalk, "Bob") + " lunch?</p>");
    assertThat(pushes("queued")).isEqualTo(1);
    FakePushService.Received push = next();
    assertThat(push).isNotNull();
    assertThat(push.signatureValid()).isTrue();
    assertThat(push.jwtAudience()).isEqualTo(pushService.endpoint().replaceAll("(https?://[^/]+).*", "$1"));
    JsonNode payload = new ObjectMapper().readTree(push.payload());
    assertThat(payload.path("title").asText()).isEqualTo("All Talk");
    assertThat(payload.path("options").path("body").asText()).isEqualTo("Alice Admin: @Bob Member lunch?");
    assertThat(payload.path("options").path("data").path("path").asText()).startsWith("/rooms/" + allTalk + "/@");
    assertThat(payload.path("options").path("data").path("badge").asInt()).isEqualTo(1);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> pushes("sent") == 1);
    assertThat(pushes("failed") + pushes("dropped") + pushes("expired")).isZero();
  }

  @Test
  void who_is_pushed_follows_involvement_mentions_and_presence() throws Exception {
    involvement("everything");
    Fixtures.say(server, alice, allTalk, "<p>for everyone who follows everything</p>");
    assertThat(next()).isNotNull();

    involvement("nothing");
    Fixtures.say(server, alice, allTalk, "<p>" + Fixtures.mention(alice, allTalk, "Bob") + " you muted this</p>");
    involvement("invisible");
    Fixtures.say(server, alice, allTalk, "<p>" + Fixtures.mention(alice, allTalk, "Bob") + " hidden room</p>");
    assertThat(pushes("queued")).as("muted and invisible rooms push nothing").isEqualTo(1);

    involvement("everything");
    server.app().database().writeVoid(h -> h.execute("UPDATE memberships SET connections = 1, connected_at = ? WHERE user_id = ?",
        System.currentTimeMillis(), bobId));
    Fixtures.say(server, alice, allTalk, "<p>Bob is looking at the room</p>");
    assertThat(pushes("queued")).as("nobody is pushed about the room they are looking at").isEqualTo(1);

    var ping = alice.post("/rooms/directs", Map.of("user_ids[]", Long.toString(bobId)));
    long direct = Long.parseLong(ping.headers().firstValue("Location").orElseThrow().substring("/rooms/".length()));
    Fixtures.say(server, alice, direct, "<p>just between us</p>");
    JsonNode payload = new ObjectMapper().readTree(next().payload());
    assertThat(payload.path("title").asText()).isEqualTo("Alice Admin");
    assertThat(payload.path("options").path("body").asText()).isEqualTo("just between us");
  }

  @Test
  void a_banned_person_is_never_pushed() throws Exception {
    involvement("everything");
    assertThat(alice.post("/users/" + bobId + "/ban", Map.of()).statusCode()).isEqualTo(303);
    Fixtures.say(server, alice, allTalk, "<p>" + Fixtures.mention(alice, allTalk, "Bob") + " are you there?</p>");
    Fixtures.say(server, alice, allTalk, "<p>for everyone who follows everything</p>");
    assertThat(pushes("queued")).as("nothing is pushed to a banned person").isZero();
  }

  @Test
  void an_expired_subscription_is_deleted_and_bad_subscriptions_are_refused() throws Exception {
    pushService.status = 410;
    involvement("everything");
    Fixtures.say(server, alice, allTalk, "<p>are you still there?</p>");
    assertThat(next()).isNotNull();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(server.count("SELECT COUNT(*) FROM push_subscriptions")).isZero());
    assertThat(pushes("expired")).isEqualTo(1);

    assertThat(bob.post("/users/me/push_subscriptions", Map.of("push_subscription[endpoint]", "file:///etc/passwd",
        "push_subscription[p256dh_key]", pushService.p256dh(), "push_subscription[auth_key]", pushService.auth())).statusCode()).isEqualTo(422);
    assertThat(bob.post("/users/me/push_subscriptions", Map.of("push_subscription[endpoint]", pushService.endpoint(),
        "push_subscription[p256dh_key]", "short", "push_subscription[auth_key]", pushService.auth())).statusCode()).isEqualTo(422);
    assertThat(server.count("SELECT COUNT(*) FROM push_subscriptions")).isZero();
  }

  @Test
  void the_test_notification_and_sign_out_use_the_persons_own_subscription_only() throws Exception {
    long id = server.count("SELECT id FROM push_subscriptions");
    assertThat(alice.post("/users/me/push_subscriptions/" + id + "/test_notifications", Map.of()).statusCode()).isEqualTo(404);
    assertThat(bob.post("/users/me/push_subscriptions/" + id + "/test_notifications", Map.of()).statusCode()).isEqualTo(202);
    assertThat(next().payload()).contains("Notifications are working.");
    assertThat(alice.post("/users/me/push_subscriptions/" + id, Map.of("_method", "delete")).statusCode()).isEqualTo(404);
    bob.post("/session", Map.of("_method", "delete", "push_subscription_endpoint", pushService.endpoint()));
    assertThat(server.count("SELECT COUNT(*) FROM push_subscriptions")).isZero();
  }

  @Test
  void the_app_is_installable_with_a_manifest_and_a_service_worker() throws Exception {
    var manifest = server.client().get("/webmanifest", "application/manifest+json");
    assertThat(manifest.statusCode()).isEqualTo(200);
    JsonNode json = new ObjectMapper().readTree(manifest.body());
    assertThat(json.path("display").asText()).isEqualTo("standalone");
    assertThat(json.path("icons").size()).isEqualTo(3);
    assertThat(json.path("shortcuts").size()).isPositive();
    var worker = server.client().get("/service-worker.js", "*/*");
    assertThat(worker.statusCode()).isEqualTo(200);
    assertThat(worker.headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
    assertThat(worker.body()).contains("showNotification", "setAppBadge", "notificationclick");
    assertThat(bob.get("/rooms/" + allTalk).body()).contains("<meta name=\"vapid-public-key\" content=\"B");
  }
}
