package campfire.admin;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.realtime.Streams;
import campfire.support.CableClient;
import campfire.support.Fixtures;
import campfire.support.Multipart;
import campfire.support.TestServer;
import campfire.support.WebClient;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminTest {
  TestServer server;
  WebClient alice;
  WebClient bob;
  WebClient carol;
  long aliceId;
  long bobId;
  long carolId;
  long allTalk;

  @BeforeEach
  void start() {
    server = TestServer.start();
    alice = Fixtures.admin(server);
    bob = Fixtures.member(server, "Bob Member", "bob@example.com");
    carol = Fixtures.member(server, "Carol Member", "carol@example.com");
    aliceId = Fixtures.userId(server, "alice@example.com");
    bobId = Fixtures.userId(server, "bob@example.com");
    carolId = Fixtures.userId(server, "carol@example.com");
    allTalk = Fixtures.allTalk(server);
    for (WebClient client : List.of(alice, bob, carol)) client.get("/users/me/profile");
  }

  @AfterEach
  void stop() { server.close(); }

  record Call(String path, Map<String, String> form) {}

  List<Call> adminWrites() {
    return List.of(
        new Call("/account", Map.of("_method", "patch", "account[name]", "Taken over")),
        new Call("/account", Map.of("_method", "put", "account[name]", "Taken over")),
        new Call("/account/logo", Map.of("_method", "delete")),
        new Call("/account/join_code", Map.of()),
        new Call("/account/custom_styles", Map.of("_method", "patch", "account[custom_styles]", "body { display: none }")),
        new Call("/account/custom_styles", Map.of("_method", "put", "account[custom_styles]", "body { display: none }")),
        new Call("/account/users/" + aliceId, Map.of("_method", "patch", "user[role]", "member")),
        new Call("/account/users/" + carolId, Map.of("_method", "put", "user[role]", "administrator")),
        new Call("/account/users/" + aliceId, Map.of("_method", "delete")),
        new Call("/users/" + carolId + "/ban", Map.of()),
        new Call("/users/" + carolId + "/ban", Map.of("_method", "delete")));
  }

  String snapshot() {
    return server.string("SELECT name || join_code || COALESCE(custom_styles, '') || COALESCE(logo_key, '') FROM accounts") + "|"
        + String.join(",", server.strings("SELECT id || role || active || COALESCE(CAST(banned_at AS TEXT), '') FROM users ORDER BY id")) + "|"
        + server.count("SELECT COUNT(*) FROM bans") + "|" + server.count("SELECT COUNT(*) FROM sessions");
  }

  @Test
  void members_get_403_on_every_administration_route_and_nothing_changes() {
    String before = snapshot();
    HttpResponse<String> account = bob.get("/account/edit");
    assertThat(account.statusCode()).as("members see the account page, without its controls").isEqualTo(200);
    assertThat(account.body()).doesNotContain("account[name]", "Make a new invite link", "Set up chat bots", "Deactivate", "/account/custom_styles/edit");
    assertThat(bob.get("/account/custom_styles/edit").statusCode()).isEqualTo(403);
    for (Call call : adminWrites()) {
      assertThat(bob.post(call.path(), call.form()).statusCode()).as(call.toString()).isEqualTo(403);
    }
    for (String path : List.of("/account", "/account/custom_styles", "/account/users/" + aliceId)) {
      HttpResponse<String> realVerb = bob.send(HttpRequest.newBuilder(URI.create(server.url(path)))
          .header("X-CSRF-Token", bob.csrfToken()).header("Content-Type", "application/x-www-form-urlencoded")
          .method("PATCH", HttpRequest.BodyPublishers.ofString("user%5Brole%5D=member&account%5Bname%5D=x")));
      assertThat(realVerb.statusCode()).as(path).isEqualTo(403);
    }
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void outsiders_are_sent_to_sign_in_and_refused_writes() {
    WebClient outsider = server.client();
    assertThat(outsider.get("/account/edit").statusCode()).isEqualTo(303);
    assertThat(outsider.get("/account/custom_styles/edit").statusCode()).isEqualTo(303);
    outsider.get("/session/new");
    String before = snapshot();
    for (Call call : adminWrites()) {
      assertThat(outsider.post(call.path(), call.form()).statusCode()).as(call.toString()).isEqualTo(401);
    }
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void members_see_no_admin_controls_anywhere() {
    for (String path : List.of("/rooms/" + allTalk, "/users/me/profile", "/users/" + aliceId, "/users/" + carolId, "/searches")) {
      String body = bob.get(path).body();
      assertThat(body).as(path).doesNotContain("/account/custom_styles/edit", "/ban", "Set up chat bots", "Deactivate",
          "session_transfer_url\" value=\"" + server.url("/session/transfers/" + carolId));
    }
    assertThat(alice.get("/rooms/" + allTalk).body()).contains("/account/edit", "Account settings");
  }

  @Test
  void the_account_page_shows_name_invite_link_people_and_bot_setup() {
    HttpResponse<String> page = alice.get("/account/edit");
    assertThat(page.statusCode()).isEqualTo(200);
    String joinCode = server.string("SELECT join_code FROM accounts");
    assertThat(page.body()).contains("name=\"account[name]\"", "name=\"account[logo]\"", "Save changes",
        "id=\"invite_url\" value=\"" + server.url("/join/" + joinCode) + "\"", "Set up chat bots", "/account/custom_styles/edit",
        "Bob Member", "Carol Member", "Make Bob Member an administrator", "Deactivate Bob Member");
    assertThat(page.body()).doesNotContain("Deactivate Alice Admin", "Make Alice Admin a member");
  }

  @Test
  void renaming_the_account_shows_everywhere_and_bad_names_are_refused() {
    assertThat(alice.post("/account", Map.of("_method", "patch", "account[name]", "  Acme Chat ")).statusCode()).isEqualTo(303);
    assertThat(server.string("SELECT name FROM accounts")).isEqualTo("Acme Chat");
    assertThat(bob.get("/rooms/" + allTalk).body()).contains("Acme Chat");
    assertThat(alice.post("/account", Map.of("_method", "patch", "account[name]", " ")).statusCode()).isEqualTo(422);
    assertThat(alice.post("/account", Map.of("_method", "patch", "account[name]", "n".repeat(101))).statusCode()).isEqualTo(422);
    assertThat(alice.post("/account", Map.of("_method", "patch")).statusCode()).isEqualTo(422);
    assertThat(server.string("SELECT name FROM accounts")).isEqualTo("Acme Chat");
  }

  @Test
  void the_logo_is_served_large_and_small_falls_back_to_stock_and_can_be_removed() {
    HttpResponse<byte[]> stock = Multipart.getBytes(null, server, "/account/logo");
    assertThat(stock.statusCode()).isEqualTo(302);
    assertThat(stock.headers().firstValue("Location")).contains("/images/campfire.svg");

    var upload = Multipart.post(server, alice, "/account", Map.of("_method", "patch", "account[name]", "Campfire"),
        new Multipart.FilePart("account[logo]", "logo.png", "image/png", Multipart.picture(1000, 500, Color.GREEN, "png")));
    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(303);
    BufferedImage large = Multipart.read(Multipart.getBytes(null, server, "/account/logo").body());
    assertThat(large.getWidth()).isEqualTo(512);
    assertThat(large.getHeight()).isEqualTo(512);
    assertThat(new Color(large.getRGB(256, 256)).getGreen()).isGreaterThan(200);
    assertThat(new Color(large.getRGB(256, 10), true).getAlpha()).isZero();
    HttpResponse<byte[]> small = Multipart.getBytes(null, server, "/account/logo?size=small");
    assertThat(small.headers().firstValue("Content-Type")).contains("image/png");
    assertThat(Multipart.read(small.body()).getWidth()).isEqualTo(192);
    assertThat(Multipart.getBytes(null, server, "/account/logo?size=huge").statusCode()).isEqualTo(400);
    assertThat(bob.get("/rooms/" + allTalk).body()).contains("rel=\"icon\" href=\"/account/logo?size=small\"");

    var notPicture = Multipart.post(server, alice, "/account", Map.of("_method", "patch", "account[name]", "Renamed"),
        new Multipart.FilePart("account[logo]", "logo.png", "image/png", "<svg/>".getBytes()));
    assertThat(notPicture.statusCode()).isEqualTo(422);
    assertThat(server.string("SELECT name FROM accounts")).isEqualTo("Campfire");

    assertThat(alice.post("/account/logo", Map.of("_method", "delete")).statusCode()).isEqualTo(303);
    assertThat(Multipart.getBytes(null, server, "/account/logo").statusCode()).isEqualTo(302);
  }

  @Test
  void a_new_join_code_kills_the_old_invite_link() {
    String old = Fixtures.joinPath(server);
    assertThat(alice.post("/account/join_code", Map.of()).statusCode()).isEqualTo(303);
    String fresh = Fixtures.joinPath(server);
    assertThat(fresh).isNotEqualTo(old).matches("/join/[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}");
    WebClient visitor = server.client();
    assertThat(visitor.get(old).statusCode()).isEqualTo(404);
    assertThat(visitor.get(fresh).statusCode()).isEqualTo(200);
    assertThat(alice.get("/account/edit").body()).contains(server.url(fresh));
  }

  @Test
  void custom_css_is_applied_on_every_page_and_cannot_close_its_style_element() {
    String css = ":root { --accent: #2f9e44; } </style><script>alert(1)</script>";
    assertThat(alice.post("/account/custom_styles", Map.of("_method", "patch", "account[custom_styles]", css)).statusCode()).isEqualTo(303);
    String room = bob.get("/rooms/" + allTalk).body();
    assertThat(room).contains("<style id=\"custom_styles\">:root { --accent: #2f9e44; }").doesNotContain("</style><script>");
    assertThat(server.client().get("/session/new").body()).contains("--accent: #2f9e44");
    assertThat(alice.get("/account/custom_styles/edit").body()).contains("name=\"account[custom_styles]\"", "--accent: #2f9e44");
    assertThat(alice.post("/account/custom_styles", Map.of("_method", "patch", "account[custom_styles]", "x".repeat(50_001))).statusCode())
        .isEqualTo(413);
    assertThat(alice.post("/account/custom_styles", Map.of("_method", "patch", "account[custom_styles]", "")).statusCode()).isEqualTo(303);
    assertThat(bob.get("/rooms/" + allTalk).body()).doesNotContain("custom_styles\">");
  }

  @Test
  void roles_toggle_for_others_but_never_for_yourself() {
    assertThat(alice.post("/account/users/" + bobId, Map.of("_method", "patch", "user[role]", "administrator")).statusCode()).isEqualTo(303);
    assertThat(server.string("SELECT role FROM users WHERE id = ?", bobId)).isEqualTo("administrator");
    assertThat(bob.get("/account/edit").statusCode()).isEqualTo(200);
    assertThat(bob.post("/account/users/" + aliceId, Map.of("_method", "patch", "user[role]", "member")).statusCode()).isEqualTo(303);
    assertThat(server.string("SELECT role FROM users WHERE id = ?", aliceId)).isEqualTo("member");
    assertThat(alice.get("/account/bots").statusCode()).as("a demotion holds on the very next request of a live session").isEqualTo(403);
    assertThat(bob.post("/account/users/" + bobId, Map.of("_method", "patch", "user[role]", "member")).statusCode()).isEqualTo(422);
    assertThat(bob.post("/account/users/" + carolId, Map.of("_method", "patch", "user[role]", "bot")).statusCode()).isEqualTo(422);
    assertThat(bob.post("/account/users/" + carolId, Map.of("_method", "patch")).statusCode()).isEqualTo(422);
    assertThat(bob.post("/account/users/9999", Map.of("_method", "patch", "user[role]", "member")).statusCode()).isEqualTo(404);
    assertThat(server.strings("SELECT role FROM users ORDER BY id")).containsExactly("member", "administrator", "member");
  }

  @Test
  void deactivating_signs_out_leaves_shared_rooms_keeps_pings_and_frees_the_email() {
    bob.post("/searches", Map.of("q", "something"));
    var ping = alice.post("/rooms/directs", Map.of("user_ids[]", Long.toString(bobId)));
    long pingId = Long.parseLong(ping.headers().firstValue("Location").orElseThrow().substring("/rooms/".length()));
    assertThat(alice.post("/account/users/" + bobId, Map.of("_method", "delete")).statusCode()).isEqualTo(303);
    assertThat(server.count("SELECT active FROM users WHERE id = ?", bobId)).isZero();
    assertThat(server.count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", bobId)).isZero();
    assertThat(server.count("SELECT COUNT(*) FROM searches WHERE user_id = ?", bobId)).isZero();
    assertThat(server.count("SELECT COUNT(*) FROM memberships WHERE user_id = ? AND room_id = ?", bobId, allTalk)).isZero();
    assertThat(server.count("SELECT COUNT(*) FROM memberships WHERE user_id = ? AND room_id = ?", bobId, pingId)).isEqualTo(1);
    assertThat(bob.get("/rooms/" + allTalk).statusCode()).isEqualTo(303);
    assertThat(alice.get("/account/edit").body()).doesNotContain("id=\"person_" + bobId + "\"").contains("id=\"person_" + carolId + "\"");
    assertThat(alice.get("/users/" + bobId).statusCode()).isEqualTo(404);

    WebClient again = Fixtures.member(server, "Bob Again", "bob@example.com");
    assertThat(again.get("/users/me/profile").body()).contains("Bob Again");
    assertThat(alice.post("/account/users/" + aliceId, Map.of("_method", "delete")).statusCode()).isEqualTo(422);
    assertThat(alice.post("/account/users/" + bobId, Map.of("_method", "delete")).statusCode()).isEqualTo(404);
  }

  @Test
  void banning_blocks_public_addresses_ends_sessions_and_removes_messages_live() throws Exception {
    long said = Fixtures.say(server, bob, allTalk, "<p>spam spam spam</p>");
    Fixtures.say(server, bob, allTalk, "<p>more spam</p>");
    long carols = Fixtures.say(server, carol, allTalk, "<p>a real message</p>");
    String clientId = server.string("SELECT client_message_id FROM messages WHERE id = ?", said);
    server.app().database().writeVoid(h -> {
      h.execute("UPDATE sessions SET ip_address = '93.184.216.34' WHERE user_id = ?", bobId);
      h.execute("INSERT INTO sessions (user_id, token, ip_address, last_active_at, created_at) VALUES (?, 'other', '10.1.2.3', 0, 0)", bobId);
    });
    try (CableClient watcher = CableClient.connect(server, carol.cookie("session_token"))) {
      watcher.await(f -> f.path("type").asText().equals("welcome"), CableClient.WAIT);
      assertThat(watcher.subscribeAndWait(CableClient.identifier(Map.of("channel", "RoomMessagesChannel",
          "signed_stream_name", server.app().streamNames().sign(Streams.roomMessages(allTalk)))))).isTrue();

      var banned = alice.post("/users/" + bobId + "/ban", Map.of());
      assertThat(banned.statusCode()).isEqualTo(303);
      assertThat(watcher.await(f -> f.path("message").asText().contains("action=\"remove\" target=\"message_" + clientId + "\""),
          CableClient.WAIT)).isNotNull();
    }
    assertThat(server.strings("SELECT ip_address FROM bans WHERE user_id = ?", bobId)).containsExactly("93.184.216.34");
    assertThat(server.count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", bobId)).isZero();
    assertThat(server.count("SELECT COUNT(*) FROM messages WHERE creator_id = ?", bobId)).isZero();
    assertThat(server.count("SELECT COUNT(*) FROM messages WHERE id = ?", carols)).isEqualTo(1);
    assertThat(bob.get("/rooms/" + allTalk).statusCode()).isEqualTo(303);
    WebClient comeback = server.client();
    comeback.get("/session/new");
    assertThat(comeback.post("/session", Map.of("email_address", "bob@example.com", "password", Fixtures.PASSWORD)).statusCode()).isEqualTo(401);
    assertThat(alice.get("/users/" + bobId).body()).contains("Lift the ban");

    assertThat(alice.post("/users/" + bobId + "/ban", Map.of("_method", "delete")).statusCode()).isEqualTo(303);
    assertThat(server.count("SELECT COUNT(*) FROM bans")).isZero();
    assertThat(comeback.post("/session", Map.of("email_address", "bob@example.com", "password", Fixtures.PASSWORD)).statusCode()).isEqualTo(302);
    assertThat(alice.post("/users/" + aliceId + "/ban", Map.of()).statusCode()).isEqualTo(422);
    assertThat(alice.post("/users/9999/ban", Map.of()).statusCode()).isEqualTo(404);
  }

  @Test
  void a_banned_address_may_read_but_every_write_gets_429() {
    server.app().database().writeVoid(h -> h.execute("INSERT INTO bans (user_id, ip_address, created_at) VALUES (?, '127.0.0.1', 0)", bobId));
    assertThat(carol.get("/rooms/" + allTalk).statusCode()).isEqualTo(200);
    var refused = carol.postStream("/rooms/" + allTalk + "/messages", Map.of("message[body]", "<p>hello</p>"));
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(carol.post("/searches", Map.of("q", "x")).statusCode()).isEqualTo(429);
    assertThat(server.count("SELECT COUNT(*) FROM messages")).isZero();
  }
}
