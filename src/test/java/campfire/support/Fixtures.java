package campfire.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/** Named people and places, made the way a person would make them. */
public final class Fixtures {
  public static final String PASSWORD = "secret-passw0rd";

  private Fixtures() {}

  /** Runs first run as Alice the administrator; returns her signed-in client. */
  public static WebClient admin(TestServer server) {
    WebClient alice = server.client();
    alice.get("/first_run");
    var response = alice.post("/first_run", Map.of("user[name]", "Alice Admin", "user[email_address]", "alice@example.com",
        "user[password]", PASSWORD));
    assertThat(response.statusCode()).isEqualTo(302);
    return alice;
  }

  /** Bob joins through the invite link; returns his signed-in client. */
  public static WebClient member(TestServer server, String name, String email) {
    WebClient member = server.client();
    String join = joinPath(server);
    member.get(join);
    var response = member.post(join, Map.of("user[name]", name, "user[email_address]", email, "user[password]", PASSWORD));
    assertThat(response.statusCode()).isEqualTo(302);
    return member;
  }

  /** Signs in with the fixtures' password, as the sign-in form does; returns the signed-in client. */
  public static WebClient signIn(TestServer server, String email) {
    WebClient person = server.client();
    person.get("/session/new");
    var response = person.post("/session", Map.of("email_address", email, "password", PASSWORD));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    return person;
  }

  public static long allTalk(TestServer server) {
    return server.count("SELECT id FROM rooms WHERE name = 'All Talk'");
  }

  public static long userId(TestServer server, String email) {
    return server.count("SELECT id FROM users WHERE email_address = ?", email);
  }

  /** Posts a message as the client would; returns the stored message id. */
  public static long say(TestServer server, WebClient who, long roomId, String html) {
    String clientId = java.util.UUID.randomUUID().toString();
    var response = who.postStream("/rooms/" + roomId + "/messages", Map.of("message[body]", html, "message[client_message_id]", clientId));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return server.count("SELECT id FROM messages WHERE client_message_id = ?", clientId);
  }

  /**
   * A mention of the person or bot whose name starts with {@code query}, as the composer embeds it:
   * the signed id the room's autocomplete gives to {@code who}.
   */
  public static String mention(WebClient who, long roomId, String query) {
    String json = who.get("/autocompletable/users?room_id=" + roomId + "&query=" + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8),
        "application/json").body();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"sgid\":\"([^\"]+)\"").matcher(json);
    assertThat(m.find()).as("autocomplete for " + query + ": " + json).isTrue();
    return mentionOf(m.group(1), query);
  }

  /** The embedded mention element for a signed id, showing {@code shownName}. */
  public static String mentionOf(String sgid, String shownName) {
    return "<action-text-attachment sgid=\"" + sgid + "\" content-type=\"application/vnd.actiontext.mention\" "
        + "content=\"&lt;span class=&quot;mention&quot;&gt;" + shownName + "&lt;/span&gt;\"></action-text-attachment>";
  }

  public static String joinPath(TestServer server) {
    return "/join/" + server.string("SELECT join_code FROM accounts WHERE id = 1");
  }
}
