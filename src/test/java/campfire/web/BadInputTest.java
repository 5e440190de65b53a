package campfire.web;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.Fixtures;
import campfire.support.Snapshot;
import campfire.support.TestServer;
import campfire.support.WebClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Bad input on every route the server declares, from an administrator (who gets past every
 * door, so the input itself is what is judged): forged and malformed ids in the path, bodies over
 * the limit, bodies that cannot be parsed, and wrong types in the typed fields of each form. Each
 * must get a clear 4xx, never a 5xx or a stack trace, and when all is done nothing has changed.
 * The routes come from the server, so a route added later is walked too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
  /** Ids that name nothing, or are not ids at all. */
  static final List<String> FORGED_IDS = List.of("abc", "-1", "0", "99999999999999999999", "999999999", "1.5", "%00");

  /** The bot API takes any non-multipart body as the text itself, as Campfire's does (curl -d 'Hello!'). */
  static final java.util.Set<String> TEXT_BODY = java.util.Set.of("POST /rooms/{room_id}/{bot_key}/messages",
      "POST /rooms/{room_id}/{bot_key}/messages/{message_id}/boosts");

  TestServer server;
  WebClient alice;
  long allTalk;
  long message;
  long botId;
  String botKey;
  String before;

  @BeforeAll
  void setUp() {
    server = TestServer.start();
    alice = Fixtures.admin(server);
    Fixtures.member(server, "Bob Member", "bob@example.com");
    allTalk = Fixtures.allTalk(server);
    message = Fixtures.say(server, alice, allTalk, "<p>still here</p>");
    alice.get("/account/bots");
    alice.post("/account/bots", Map.of("user[name]", "Input Bot", "user[webhook_url]", ""));
    botId = server.count("SELECT id FROM users WHERE role = 'bot'");
    botKey = botId + "-" + server.string("SELECT bot_token FROM users WHERE id = ?", botId);
    alice.get("/");
    before = Snapshot.of(server);
  }

  @AfterAll
  void tearDown() { server.close(); }

  @Test
  void forged_and_malformed_ids_in_the_path_get_a_4xx_on_every_route() {
    List<String> wrong = new ArrayList<>();
    for (var route : server.app().routes()) {
      // Assets are files; a QR code's parameter is data (any text, Base64 of a URL), not an id.
      if (route.roles().contains(Access.ASSET) || route.path().startsWith("/qr_code/")) continue;
      for (String param : params(route.path())) {
        for (String forged : FORGED_IDS) {
          String path = route.path();
          for (String other : params(route.path())) path = path.replace(other, other.equals(param) ? forged : real(other));
          try {
            // Jetty refuses a NUL in the path itself (400) and closes that connection: it goes alone.
            HttpResponse<String> answer = forged.equals("%00")
                ? onItsOwnConnection(route.verb(), path, "", "application/x-www-form-urlencoded") : ask(route.verb(), path, "");
            if (param.equals("{bot_key}")) {
              if (!signInRedirect(answer) && !clear4xx(answer)) wrong.add(route.verb() + " " + path + " answered " + answer.statusCode() + ", not the sign-in redirect");
            } else if (!clear4xx(answer)) wrong.add(route.verb() + " " + path + " answered " + answer.statusCode());
          } catch (java.io.UncheckedIOException closed) {
            wrong.add(route.verb() + " " + path + " closed the connection without an answer");
          }
        }
      }
    }
    assertThat(wrong).as("forged ids that did not get a clear 4xx").isEmpty();
    assertThat(Snapshot.of(server)).as("nothing changed").isEqualTo(before);
  }

  @Test
  void a_body_over_the_limit_gets_a_4xx_on_every_write() {
    String oversized = "message%5Bbody%5D=" + "x".repeat(1_100_000);
    List<String> wrong = new ArrayList<>();
    for (var route : writes()) {
      long messages = server.count("SELECT COUNT(*) FROM messages");
      try {
        HttpResponse<String> answer = onItsOwnConnection(route.verb(), filled(route.path()), oversized, "application/x-www-form-urlencoded");
        if (!clear4xx(answer)) wrong.add(route.verb() + " " + route.path() + " answered " + answer.statusCode());
      } catch (java.io.UncheckedIOException closed) {
        wrong.add(route.verb() + " " + route.path() + " closed the connection without an answer");
      }
      if (server.count("SELECT COUNT(*) FROM messages") != messages) wrong.add(route.verb() + " " + route.path() + " posted a message");
    }
    assertThat(wrong).as("oversized bodies that did not get a clear 4xx").isEmpty();
    assertThat(Snapshot.of(server)).as("nothing changed").isEqualTo(before);
  }

  @Test
  void a_body_that_cannot_be_parsed_gets_a_4xx_on_every_write() {
    Map<String, String> broken = Map.of(
        "multipart/form-data; boundary=edge", "--edge\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nno closing boundary",
        "multipart/form-data", "no boundary was given",
        "application/json", "{\"body\": ");
    List<String> wrong = new ArrayList<>();
    for (var route : writes()) {
      for (var body : broken.entrySet()) {
        if (TEXT_BODY.contains(route.verb() + " " + route.path()) && !body.getKey().startsWith("multipart")) continue;
        HttpResponse<String> answer = onItsOwnConnection(route.verb(), filled(route.path()), body.getValue(), body.getKey());
        if (!clear4xx(answer)) wrong.add(route.verb() + " " + route.path() + " (" + body.getKey() + ") answered " + answer.statusCode());
      }
    }
    assertThat(wrong).as("unparseable bodies that did not get a clear 4xx").isEmpty();
    assertThat(Snapshot.of(server)).as("nothing changed").isEqualTo(before);
  }

  @Test
  void a_write_with_no_body_at_all_is_not_refused_for_its_body() {
    // As curl -X DELETE sends it (the JDK's client too): no length, no type. Only the route decides.
    HttpResponse<String> cleared = alice.send(HttpRequest.newBuilder(URI.create(server.url("/searches/clear")))
        .headers("Accept", "text/html", "X-CSRF-Token", alice.csrfToken()).DELETE());
    assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(303);
    assertThat(Snapshot.of(server)).as("nothing changed").isEqualTo(before);
  }

  @Test
  void wrong_types_in_the_typed_fields_of_each_form_get_a_4xx() {
    String room = "/rooms/" + allTalk;
    Map<String, Map<String, String>> forms = new java.util.LinkedHashMap<>();
    forms.put("POST /rooms/closeds", Map.of("room[name]", "Typed", "user_ids[]", "abc"));
    forms.put("POST /rooms/opens", Map.of("room[name]", "x".repeat(10_000)));
    forms.put("POST /rooms/directs", Map.of("user_ids[]", "99999999999999999999"));
    forms.put("PATCH " + room + "/involvement", Map.of("involvement", "everyone"));
    forms.put("POST " + room + "/messages", Map.of("message[body]", "<p>x</p>", "message[client_message_id]", "x".repeat(1_000)));
    forms.put("POST /messages/" + message + "/boosts", Map.of("boost[content]", "x".repeat(1_000)));
    forms.put("PATCH /account/users/" + botId, Map.of("user[role]", "root"));
    forms.put("PATCH /users/me/profile", Map.of("user[name]", ""));
    forms.put("POST /users/me/push_subscriptions", Map.of("push_subscription[endpoint]", "not an address",
        "push_subscription[p256dh_key]", "x", "push_subscription[auth_key]", "y"));
    forms.put("POST /account/bots", Map.of("user[name]", "Hook", "user[webhook_url]", "ftp://example.com/hook"));
    forms.put("PATCH /account/custom_styles", Map.of("account[custom_styles]", "x".repeat(50_001)));
    forms.put("POST /searches", Map.of("q", "x".repeat(10_000)));
    List<String> wrong = new ArrayList<>();
    for (var form : forms.entrySet()) {
      String[] verbAndPath = form.getKey().split(" ", 2);
      StringBuilder body = new StringBuilder();
      form.getValue().forEach((name, value) -> body.append('&').append(encode(name)).append('=').append(encode(value)));
      HttpResponse<String> answer = ask(verbAndPath[0], verbAndPath[1], body.toString());
      if (!clear4xx(answer)) wrong.add(form.getKey() + " answered " + answer.statusCode());
    }
    assertThat(wrong).as("wrong types that did not get a clear 4xx").isEmpty();
    assertThat(Snapshot.of(server)).as("nothing changed").isEqualTo(before);
  }

  private List<Routes.Declared> writes() {
    return server.app().routes().stream().filter(route -> !route.verb().equals("GET")).toList();
  }

  private static List<String> params(String template) {
    List<String> found = new ArrayList<>();
    var matcher = java.util.regex.Pattern.compile("\\{[a-z_]+}").matcher(template);
    while (matcher.find()) found.add(matcher.group());
    return found;
  }

  /** A value that names something real, so only the forged parameter is wrong. */
  private String real(String param) {
    return switch (param) {
      case "{bot_key}" -> botKey;
      case "{join_code}" -> server.string("SELECT join_code FROM accounts");
      case "{message_id}" -> Long.toString(message);
      default -> Long.toString(allTalk);
    };
  }

  private String filled(String template) {
    String path = template;
    for (String param : params(template)) path = path.replace(param, param.equals("{key}") ? "0".repeat(64) : real(param));
    return path;
  }

  private static String encode(String value) { return URLEncoder.encode(value, StandardCharsets.UTF_8); }

  /** A write goes as a browser form sends it (POST with _method), with Alice's cookie and token. */
  private HttpResponse<String> ask(String verb, String path, String fields) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path))).header("Accept", "text/html");
    if (verb.equals("GET")) return alice.send(request.GET());
    String form = "authenticity_token=" + encode(alice.csrfToken()) + (verb.equals("POST") ? "" : "&_method=" + verb.toLowerCase()) + fields;
    return alice.send(request.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  /**
   * Jetty closes a connection whose body it would not read, so each such body goes on a connection
   * of its own, and asks to continue first (as curl does) so a refusal is heard before it is sent.
   */
  private HttpResponse<String> onItsOwnConnection(String verb, String path, String body, String contentType) {
    String query = "?authenticity_token=" + encode(alice.csrfToken()) + (verb.equals("POST") ? "" : "&_method=" + verb.toLowerCase());
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.url(path + query))).header("Accept", "text/html")
        .header("Cookie", alice.cookieHeader()).header("X-CSRF-Token", alice.csrfToken()).header("Content-Type", contentType)
        .expectContinue(true).method(verb, HttpRequest.BodyPublishers.ofString(body)).build();
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A bad bot key is sent to sign in with a 302, as Campfire does (scripts written for it expect that). */
  private static boolean signInRedirect(HttpResponse<String> answer) {
    return answer.statusCode() == 302 && answer.headers().firstValue("Location").orElse("").endsWith("/session/new");
  }

  private static boolean clear4xx(HttpResponse<String> answer) {
    return answer.statusCode() >= 400 && answer.statusCode() < 500 && !answer.body().contains("Exception") && !answer.body().contains("at campfire.");
  }
}
