package campfire.bots;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.Fixtures;
import campfire.support.TestServer;
import campfire.support.WebClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BotsTest {
  TestServer server;
  WebClient alice;
  WebClient bob;
  long allTalk;

  @BeforeEach
  void start() {
    server = TestServer.start();
    alice = Fixtures.admin(server);
    bob = Fixtures.member(server, "Bob Member", "bob@example.com");
    allTalk = Fixtures.allTalk(server);
    alice.get("/account/bots");
    bob.get("/rooms/" + allTalk);
  }

  @AfterEach
  void stop() { server.close(); }

  String createBot(String name, String webhook) {
    var response = alice.post("/account/bots", Map.of("user[name]", name, "user[webhook_url]", webhook));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
    long id = server.count("SELECT id FROM users WHERE role = 'bot' AND name = ?", name);
    return id + "-" + server.string("SELECT bot_token FROM users WHERE id = ?", id);
  }

  HttpResponse<String> api(String method, String path, String contentType, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path)));
    if (contentType != null) request.header("Content-Type", contentType);
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return server.client().send(request);
  }

  @Test
  void the_bots_page_lists_each_bot_with_an_edit_link_and_a_curl_command_per_room() {
    String key = createBot("Deploy Bot", "");
    String page = alice.get("/account/bots").body();
    assertThat(page).contains("aria-label=\"Edit Deploy Bot\"", "aria-label=\"curl command for posting messages\"",
        server.url("/rooms/" + allTalk + "/" + key + "/messages") + "\"");
  }

  @Test
  void members_get_403_on_every_bot_admin_route_and_change_nothing() {
    String key = createBot("Deploy Bot", "");
    long botId = Long.parseLong(key.substring(0, key.indexOf('-')));
    assertThat(bob.get("/account/bots").statusCode()).isEqualTo(403);
    assertThat(bob.get("/account/bots/new").statusCode()).isEqualTo(403);
    assertThat(bob.get("/account/bots/" + botId + "/edit").statusCode()).isEqualTo(403);
    assertThat(bob.post("/account/bots", Map.of("user[name]", "Sneaky")).statusCode()).isEqualTo(403);
    assertThat(bob.post("/account/bots/" + botId, Map.of("_method", "patch", "user[name]", "Renamed")).statusCode()).isEqualTo(403);
    assertThat(bob.post("/account/bots/" + botId + "/key", Map.of("_method", "patch")).statusCode()).isEqualTo(403);
    assertThat(bob.post("/account/bots/" + botId, Map.of("_method", "delete")).statusCode()).isEqualTo(403);
    assertThat(server.count("SELECT COUNT(*) FROM users WHERE role = 'bot'")).isEqualTo(1);
    assertThat(server.string("SELECT name || bot_token FROM users WHERE id = ?", botId)).isEqualTo("Deploy Bot" + key.substring(key.indexOf('-') + 1));
    assertThat(alice.post("/account/bots", Map.of("user[name]", "")).statusCode()).isEqualTo(422);
    assertThat(alice.post("/account/bots", Map.of("user[name]", "X", "user[webhook_url]", "ftp://nope")).statusCode()).isEqualTo(422);
  }

  @Test
  void a_bot_posts_reads_edits_and_deletes_its_own_messages_with_its_key() {
    String key = createBot("Deploy Bot", "");
    String messages = "/rooms/" + allTalk + "/" + key + "/messages";
    HttpResponse<String> posted = api("POST", messages, "text/plain", "Deployed <v2> & done");
    assertThat(posted.statusCode()).isEqualTo(201);
    String location = posted.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(server.url("/rooms/" + allTalk + "/@"));
    long id = Long.parseLong(location.substring(location.indexOf("/@") + 2));
    assertThat(server.string("SELECT body_plain FROM messages WHERE id = ?", id)).isEqualTo("Deployed <v2> & done");
    assertThat(bob.get("/rooms/" + allTalk).body()).contains("Deployed &lt;v2&gt; &amp; done", "Deploy Bot");

    HttpResponse<String> html = api("POST", messages, "text/html", "<p><b>bold</b><script>alert(1)</script></p>");
    assertThat(html.statusCode()).isEqualTo(201);
    assertThat(html.body()).contains("<b>bold</b>").doesNotContain("script");

    for (int i = 0; i < 45; i++) api("POST", messages, "text/plain", "line " + i);
    HttpResponse<String> page = api("GET", messages, null, null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("X-Total-Count")).hasValue("47");
    assertThat(page.headers().firstValue("Link").orElseThrow()).contains("rel=\"next\"", "before=");
    assertThat(page.body()).contains("\"plain_text\":\"line 44\"", "\"creator\":{\"id\":", "\"role\":\"bot\"", "\"url\":\"" + server.url("/rooms/"));

    HttpResponse<String> edited = api("PATCH", messages + "/" + id, "text/plain", "Deployed v3");
    assertThat(edited.statusCode()).isEqualTo(200);
    assertThat(server.string("SELECT body_plain FROM messages WHERE id = ?", id)).isEqualTo("Deployed v3");
    long bobsMessage = Fixtures.say(server, bob, allTalk, "<p>mine</p>");
    assertThat(api("PATCH", messages + "/" + bobsMessage, "text/plain", "hijacked").statusCode()).isEqualTo(403);
    assertThat(api("DELETE", messages + "/" + bobsMessage, null, null).statusCode()).isEqualTo(403);
    assertThat(api("DELETE", messages + "/" + id, null, null).statusCode()).isEqualTo(204);
    assertThat(server.count("SELECT COUNT(*) FROM messages WHERE id = ?", id)).isZero();
    assertThat(server.count("SELECT COUNT(*) FROM messages WHERE id = ?", bobsMessage)).isEqualTo(1);
  }

  @Test
  void a_bots_mentions_are_verified_like_a_persons() {
    String key = createBot("Deploy Bot", "");
    long botId = Long.parseLong(key.substring(0, key.indexOf('-')));
    long bobId = Fixtures.userId(server, "bob@example.com");
    String bobMention = Fixtures.mention(alice, allTalk, "Bob");
    // A closed room with the bot and Alice, not Bob: a mention of Bob has no place there.
    long secret = Long.parseLong(alice.post("/rooms/closeds", Map.of("room[name]", "Deploys")).headers().firstValue("Location")
        .orElseThrow().replaceAll("\\D", ""));
    server.app().database().writeVoid(h -> h.execute("INSERT INTO memberships (room_id, user_id, involvement, created_at) VALUES (?, ?, 'mentions', 0)", secret, botId));

    HttpResponse<String> inRoom = api("POST", "/rooms/" + allTalk + "/" + key + "/messages", "text/html", "<p>" + bobMention + " shipped</p>");
    assertThat(inRoom.statusCode()).isEqualTo(201);
    assertThat(server.string("SELECT body_html FROM messages WHERE creator_id = ? ORDER BY id DESC LIMIT 1", botId))
        .contains("application/vnd.actiontext.mention", "@Bob Member");
    HttpResponse<String> outside = api("POST", "/rooms/" + secret + "/" + key + "/messages", "text/html",
        "<p>" + bobMention + " psst " + Fixtures.mentionOf("forged--sgid", "Anyone") + "</p>");
    assertThat(outside.statusCode()).isEqualTo(201);
    String stored = server.string("SELECT body_html FROM messages WHERE creator_id = ? ORDER BY id DESC LIMIT 1", botId);
    assertThat(stored).contains("psst").doesNotContain("actiontext.mention", "Bob", "Anyone");
    assertThat(api("POST", "/rooms/" + secret + "/" + key + "/messages", "text/html", bobMention).statusCode())
        .as("a body that was only a dropped mention is empty").isEqualTo(422);
    assertThat(server.count("SELECT COUNT(*) FROM memberships WHERE room_id = ? AND user_id = ? AND unread_at IS NOT NULL", secret, bobId)).isZero();
  }

  @Test
  void a_bot_posts_a_file_and_boosts_with_its_key_and_removes_only_its_own_boosts() {
    String key = createBot("Deploy Bot", "");
    long botId = Long.parseLong(key.substring(0, key.indexOf('-')));
    String messages = "/rooms/" + allTalk + "/" + key + "/messages";
    var picture = new campfire.support.Multipart.FilePart("attachment", "build.png", "image/png",
        campfire.support.Multipart.picture(40, 30, java.awt.Color.ORANGE, "png"));
    HttpResponse<String> file = campfire.support.Multipart.post(server, server.client(), messages, Map.of(), picture);
    assertThat(file.statusCode()).isEqualTo(201);
    assertThat(server.count("SELECT COUNT(*) FROM attachments a JOIN messages m ON m.id = a.message_id WHERE m.creator_id = ?", botId))
        .isEqualTo(1);
    var lying = new campfire.support.Multipart.FilePart("attachment", "build.png", "image/png", "not a picture".getBytes());
    assertThat(campfire.support.Multipart.post(server, server.client(), messages, Map.of(), lying).statusCode()).isEqualTo(422);
    assertThat(campfire.support.Multipart.post(server, server.client(), messages, Map.of("other", "x"), null).statusCode()).isEqualTo(422);
    assertThat(server.count("SELECT COUNT(*) FROM messages WHERE creator_id = ?", botId)).isEqualTo(1);

    long bobsMessage = Fixtures.say(server, bob, allTalk, "<p>ship it</p>");
    String boosts = messages + "/" + bobsMessage + "/boosts";
    HttpResponse<String> boosted = api("POST", boosts, "application/x-www-form-urlencoded", "boost%5Bcontent%5D=%F0%9F%9A%80");
    assertThat(boosted.statusCode()).isEqualTo(201);
    long botBoost = server.count("SELECT id FROM boosts WHERE booster_id = ?", botId);
    assertThat(api("POST", boosts, "text/plain", "x".repeat(17)).statusCode()).isEqualTo(422);
    bob.postStream("/messages/" + bobsMessage + "/boosts", Map.of("boost[content]", "👍"));
    long bobsBoost = server.count("SELECT id FROM boosts WHERE booster_id = ?", Fixtures.userId(server, "bob@example.com"));
    assertThat(api("DELETE", boosts + "/" + bobsBoost, null, null).statusCode()).isEqualTo(403);
    assertThat(api("DELETE", boosts + "/" + botBoost, null, null).statusCode()).isEqualTo(204);
    assertThat(server.count("SELECT COUNT(*) FROM boosts")).isEqualTo(1);
  }

  @Test
  void bad_keys_blank_or_oversized_bodies_and_foreign_rooms_change_nothing() {
    String key = createBot("Deploy Bot", "");
    long before = server.count("SELECT COUNT(*) FROM messages");
    for (String bad : new String[] {"1-aaaaaaaaaaaa", "nonsense", key.substring(0, key.length() - 1) + (key.endsWith("Z") ? "Y" : "Z"), key + "x"}) {
      HttpResponse<String> response = api("POST", "/rooms/" + allTalk + "/" + bad + "/messages", "text/plain", "hi");
      assertThat(response.statusCode()).as(bad).isEqualTo(302);
      assertThat(response.headers().firstValue("Location")).hasValue("/session/new");
    }
    assertThat(api("POST", "/rooms/" + allTalk + "/" + key + "/messages", "text/plain", "   ").statusCode()).isEqualTo(422);
    assertThat(api("POST", "/rooms/" + allTalk + "/" + key + "/messages", "text/plain", "x".repeat(100_001)).statusCode()).isEqualTo(413);
    var closed = bob.post("/rooms/closeds", Map.of("room[name]", "No bots"));
    long closedRoom = Long.parseLong(closed.headers().firstValue("Location").orElseThrow().substring("/rooms/".length()));
    assertThat(api("POST", "/rooms/" + closedRoom + "/" + key + "/messages", "text/plain", "sneaking in").statusCode()).isEqualTo(404);
    assertThat(api("POST", "/rooms/999/" + key + "/messages", "text/plain", "nowhere").statusCode()).isEqualTo(404);
    // A person's session does not open the bot API.
    HttpResponse<String> withSession = alice.send(HttpRequest.newBuilder(URI.create(server.url("/rooms/" + allTalk + "/1-aaaaaaaaaaaa/messages")))
        .POST(HttpRequest.BodyPublishers.ofString("hi")));
    assertThat(withSession.statusCode()).isEqualTo(302);
    assertThat(server.count("SELECT COUNT(*) FROM messages")).isEqualTo(before);
  }

  @Test
  void a_reset_key_retires_the_old_one_and_a_removed_bot_has_no_key_at_all() {
    String key = createBot("Deploy Bot", "");
    long botId = Long.parseLong(key.substring(0, key.indexOf('-')));
    assertThat(alice.post("/account/bots/" + botId + "/key", Map.of("_method", "patch")).statusCode()).isEqualTo(303);
    assertThat(api("POST", "/rooms/" + allTalk + "/" + key + "/messages", "text/plain", "old key").statusCode()).isEqualTo(302);
    String fresh = botId + "-" + server.string("SELECT bot_token FROM users WHERE id = ?", botId);
    assertThat(api("POST", "/rooms/" + allTalk + "/" + fresh + "/messages", "text/plain", "new key").statusCode()).isEqualTo(201);
    assertThat(alice.post("/account/bots/" + botId, Map.of("_method", "delete")).statusCode()).isEqualTo(303);
    assertThat(api("POST", "/rooms/" + allTalk + "/" + fresh + "/messages", "text/plain", "retired").statusCode()).isEqualTo(302);
    assertThat(alice.get("/account/bots").body()).doesNotContain("Deploy Bot");
    assertThat(server.count("SELECT COUNT(*) FROM messages WHERE creator_id = ?", botId)).isEqualTo(1);
  }
}
