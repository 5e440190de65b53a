package campfire.web;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.Fixtures;
import campfire.support.Snapshot;
import campfire.support.TestServer;
import campfire.support.WebClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every route the server declares, asked by everyone who must be refused: nobody signed in, a
 * deactivated person's and a banned person's old cookies, a bot's key offered as a cookie, a
 * member who is not in the closed room the route is about, and a member on the administrators'
 * routes. Each must get a refusal (a redirect to sign in, 401, 403, 404 or 405), never a page, a
 * 5xx or a word from the closed room, and when all is done nothing has changed. A route added
 * later is walked too: the list comes from the server, and a route this test does not know how
 * to fill in fails it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {
  static final String SECRET = "vault-secret-7d3f";
  TestServer server;
  WebClient alice;
  WebClient bob;
  WebClient carol;
  long vault;
  long secretMessage;
  long boost;
  long bobId;
  long botId;
  String botKey;
  String deactivatedCookie;
  String bannedCookie;
  String snapshotBefore;

  /** Routes only administrators may use (GETs of pages and every change). */
  static final Set<String> ADMIN_ONLY = Set.of(
      "GET /account/bots", "GET /account/bots/new", "POST /account/bots", "GET /account/bots/{id}/edit", "PATCH /account/bots/{id}",
      "PUT /account/bots/{id}", "DELETE /account/bots/{id}", "PATCH /account/bots/{id}/key", "PATCH /account", "PUT /account",
      "DELETE /account/logo", "POST /account/join_code", "GET /account/custom_styles/edit", "PATCH /account/custom_styles",
      "PUT /account/custom_styles", "PATCH /account/users/{id}", "PUT /account/users/{id}", "DELETE /account/users/{id}",
      "POST /users/{id}/ban", "DELETE /users/{id}/ban", "GET /account/export");

  @BeforeAll
  void setUp() {
    server = TestServer.start();
    alice = Fixtures.admin(server);
    bob = Fixtures.member(server, "Bob Member", "bob@example.com");
    carol = Fixtures.member(server, "Carol Outsider", "carol@example.com");
    WebClient dave = Fixtures.member(server, "Dave Leaving", "dave@example.com");
    WebClient erin = Fixtures.member(server, "Erin Banned", "erin@example.com");
    bobId = Fixtures.userId(server, "bob@example.com");
    alice.get("/rooms/closeds/new");
    HttpResponse<String> created = alice.post("/rooms/closeds", Map.of("room[name]", "Vault", "user_ids[]", Long.toString(bobId)));
    vault = Long.parseLong(created.headers().firstValue("Location").orElseThrow().replaceAll("\\D", ""));
    bob.get("/rooms/" + vault);
    secretMessage = Fixtures.say(server, bob, vault, "<p>" + SECRET + "</p>");
    bob.post("/messages/" + secretMessage + "/boosts", Map.of("boost[content]", "🔥"));
    boost = server.count("SELECT id FROM boosts WHERE message_id = ?", secretMessage);
    alice.get("/account/bots");
    alice.post("/account/bots", Map.of("user[name]", "Matrix Bot", "user[webhook_url]", ""));
    botId = server.count("SELECT id FROM users WHERE role = 'bot'");
    botKey = botId + "-" + server.string("SELECT bot_token FROM users WHERE id = ?", botId);
    deactivatedCookie = dave.cookie("session_token");
    bannedCookie = erin.cookie("session_token");
    alice.get("/account/edit");
    assertThat(alice.post("/account/users/" + Fixtures.userId(server, "dave@example.com"), Map.of("_method", "delete")).statusCode()).isEqualTo(303);
    assertThat(alice.post("/users/" + Fixtures.userId(server, "erin@example.com") + "/ban", Map.of()).statusCode()).isLessThan(400);
    carol.get("/");
    bob.get("/");
    snapshotBefore = snapshot();
  }

  @AfterAll
  void tearDown() { server.close(); }

  /** What an unauthorized request must never change. */
  String snapshot() { return Snapshot.of(server); }

  /** A concrete path for a route template, about the closed room and its message where it can be. */
  String fill(String verb, String template) {
    String path = template;
    Map<String, String> values = new LinkedHashMap<>();
    values.put("{room_id}", Long.toString(vault));
    values.put("{bot_key}", botKey);
    values.put("{message_id}", Long.toString(secretMessage));
    values.put("{boost_id}", Long.toString(boost));
    values.put("{join_code}", server.string("SELECT join_code FROM accounts"));
    values.put("{key}", "0".repeat(64));
    values.put("<path>", "css/app.css");
    for (var value : values.entrySet()) path = path.replace(value.getKey(), value.getValue());
    if (path.contains("{id}")) {
      String id;
      if (path.startsWith("/rooms/")) id = Long.toString(vault);
      else if (path.startsWith("/account/bots/")) id = Long.toString(botId);
      else if (path.startsWith("/users/me/push_subscriptions/")) id = "1";
      else if (path.startsWith("/users/") || path.startsWith("/account/users/")) id = Long.toString(bobId);
      else if (path.startsWith("/attachments/")) id = "1";
      else if (path.startsWith("/session/transfers/") || path.startsWith("/qr_code/")) id = "not-a-real-token";
      else throw new AssertionError("The authorization matrix does not know how to fill " + verb + " " + template + "; teach fill() about it");
      path = path.replace("{id}", id);
    }
    assertThat(path).as(verb + " " + template).doesNotContain("{", "<");
    return path;
  }

  HttpResponse<String> ask(WebClient who, String verb, String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path))).header("Accept", "text/html");
    if (verb.equals("GET")) return who.send(request.GET());
    String form = "authenticity_token=" + java.net.URLEncoder.encode(who.csrfToken() == null ? "" : who.csrfToken(), java.nio.charset.StandardCharsets.UTF_8)
        + (verb.equals("POST") ? "" : "&_method=" + verb.toLowerCase()) + "&room%5Bname%5D=Taken&message%5Bbody%5D=taken&user%5Bname%5D=Taken"
        + "&boost%5Bcontent%5D=x&account%5Bname%5D=Taken&user%5Brole%5D=administrator&q=" + SECRET;
    return who.send(request.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  static boolean refused(HttpResponse<String> response) {
    int status = response.statusCode();
    if (status == 401 || status == 403 || status == 404 || status == 405) return true;
    if (status >= 300 && status < 400) {
      String location = response.headers().firstValue("Location").orElse("");
      return location.endsWith("/session/new") || location.endsWith("/first_run");
    }
    return false;
  }

  WebClient withCookie(String cookie) {
    WebClient client = server.client();
    client.get("/session/new");
    if (cookie != null) client.setCookie("session_token", cookie);
    return client;
  }

  @Test
  void everyone_who_must_be_refused_is_refused_on_every_route_and_nothing_changes() {
    List<String> leaks = new ArrayList<>();
    var routes = server.app().routes();
    assertThat(routes).hasSizeGreaterThan(90);
    Map<String, WebClient> strangers = new LinkedHashMap<>();
    strangers.put("anonymous", withCookie(null));
    strangers.put("deactivated", withCookie(deactivatedCookie));
    strangers.put("banned", withCookie(bannedCookie));
    strangers.put("bot key as a cookie", withCookie(botKey));
    for (var route : routes) {
      String name = route.verb() + " " + route.path();
      boolean open = route.roles().contains(Access.PUBLIC) || route.roles().contains(Access.ASSET) || route.roles().contains(Access.PUBLIC_API);
      String path = fill(route.verb(), route.path());
      if (!open) {
        for (var stranger : strangers.entrySet()) {
          HttpResponse<String> answer = ask(stranger.getValue(), route.verb(), path);
          if (!refused(answer)) leaks.add(stranger.getKey() + ": " + name + " answered " + answer.statusCode());
        }
      }
      if (!open && (path.contains("/rooms/" + vault) || path.contains("/messages/" + secretMessage))) {
        HttpResponse<String> answer = ask(carol, route.verb(), path);
        if (!refused(answer) || answer.body().contains(SECRET) || answer.body().contains("Vault")) {
          leaks.add("outsider: " + name + " answered " + answer.statusCode());
        }
      }
      if (ADMIN_ONLY.contains(name)) {
        HttpResponse<String> answer = ask(bob, route.verb(), path);
        if (!refused(answer)) leaks.add("member on an administrators' route: " + name + " answered " + answer.statusCode());
      }
      if (route.roles().contains(Access.PUBLIC_API)) {
        HttpResponse<String> forged = ask(server.client(), route.verb(), path.replace(botKey, botId + "-AAAAAAAAAAAA"));
        if (!refused(forged)) leaks.add("wrong bot key: " + name + " answered " + forged.statusCode());
        HttpResponse<String> notAdded = ask(server.client(), route.verb(), path);
        if (!refused(notAdded)) leaks.add("a bot not in the room: " + name + " answered " + notAdded.statusCode());
      }
    }
    assertThat(leaks).as("requests that were not refused").isEmpty();
    assertThat(snapshot()).as("nothing changed").isEqualTo(snapshotBefore);
  }

  @Test
  void on_the_cable_outsiders_get_no_stream_of_the_closed_room_and_revoked_cookies_get_no_socket() {
    var streams = server.app().streamNames();
    List<String> vaultIdentifiers = List.of(
        campfire.support.CableClient.identifier(Map.of("channel", "RoomMessagesChannel",
            "signed_stream_name", streams.sign(campfire.realtime.Streams.roomMessages(vault)))),
        campfire.support.CableClient.identifier(Map.of("channel", "Turbo::StreamsChannel",
            "signed_stream_name", streams.sign(campfire.realtime.Streams.roomMessages(vault)))),
        campfire.support.CableClient.identifier(Map.of("channel", "PresenceChannel", "room_id", vault)),
        campfire.support.CableClient.identifier(Map.of("channel", "TypingNotificationsChannel", "room_id", vault)),
        campfire.support.CableClient.identifier(Map.of("channel", "Turbo::StreamsChannel",
            "signed_stream_name", streams.sign(campfire.realtime.Streams.userRooms(bobId)))));
    try (var outsider = campfire.support.CableClient.connect(server, carol.cookie("session_token"))) {
      for (String identifier : vaultIdentifiers) assertThat(outsider.subscribeAndWait(identifier)).as(identifier).isFalse();
    }
    try (var member = campfire.support.CableClient.connect(server, bob.cookie("session_token"))) {
      assertThat(member.subscribeAndWait(vaultIdentifiers.getFirst())).as("the member, for contrast").isTrue();
    }
    for (String revoked : new String[] {deactivatedCookie, bannedCookie}) {
      try (var socket = campfire.support.CableClient.connect(server, revoked)) {
        assertThat(socket.await(f -> f.path("type").asText().equals("disconnect") && f.path("reason").asText().equals("unauthorized"),
            campfire.support.CableClient.WAIT)).isNotNull();
        socket.awaitClosed(campfire.support.CableClient.WAIT);
      }
    }
  }

  @Test
  void every_route_is_known_to_the_policy_of_this_test() {
    // Administrators' routes must really exist: a renamed one would silently leave the matrix.
    Set<String> declared = new java.util.HashSet<>();
    server.app().routes().forEach(route -> declared.add(route.verb() + " " + route.path()));
    assertThat(declared).containsAll(ADMIN_ONLY);
    // And each is declared for administrators where it is registered, the one place that says so.
    assertThat(server.app().routes().stream().filter(route -> route.roles().contains(Access.ADMIN))
        .map(route -> route.verb() + " " + route.path())).containsExactlyInAnyOrderElementsOf(ADMIN_ONLY);
  }

}
