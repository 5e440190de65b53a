package campfire.web;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.Fixtures;
import campfire.support.TestServer;
import campfire.support.WebClient;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The HTTP answers scripted clients written for Campfire check (ui-contract.md, "HTTP answers"). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampfireContractTest {
  private static final Pattern MESSAGE_IDS = Pattern.compile("class=\"message[^\"]*\" id=\"message_[^\"]+\"[^>]*data-message-id=\"(\\d+)\"|"
      + "data-message-id=\"(\\d+)\"[^>]*id=\"message_[^\"]+\"");
  private static final Pattern SUBRESOURCE = Pattern.compile("<(?:link|script|img)\\b[^>]*\\b(?:href|src)=\"(/[^\"]*)\"");
  private static final Pattern CSS_URL = Pattern.compile("url\\(\"?(/[^\")]+)\"?\\)");
  private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\"[^>]*>(.*?)</script>", Pattern.DOTALL);
  private static final Pattern MAPPED = Pattern.compile("\"(/assets/[^\"]+)\"");
  private TestServer server;
  private WebClient alice;
  private WebClient bob;
  private long allTalk;

  @BeforeAll
  void start() {
    server = TestServer.start();
    alice = Fixtures.admin(server);
    bob = Fixtures.member(server, "Bob Member", "bob@example.com");
    allTalk = Fixtures.allTalk(server);
    alice.get("/rooms/" + allTalk);
  }

  @AfterAll
  void stop() { server.close(); }

  @Test
  void first_run_sign_in_and_join_answer_302_to_where_the_person_lands() {
    try (TestServer fresh = TestServer.start()) {
      WebClient ada = fresh.client();
      ada.get("/first_run");
      HttpResponse<String> created = ada.post("/first_run", Map.of("user[name]", "Ada", "user[email_address]", "ada@example.com",
          "user[password]", Fixtures.PASSWORD));
      assertThat(created.statusCode()).isEqualTo(302);
      assertThat(created.headers().firstValue("Location")).hasValue("/rooms/" + Fixtures.allTalk(fresh));

      WebClient again = fresh.client();
      again.get("/session/new");
      HttpResponse<String> signedIn = again.post("/session", Map.of("email_address", "ada@example.com", "password", Fixtures.PASSWORD));
      assertThat(signedIn.statusCode()).isEqualTo(302);
      assertThat(signedIn.headers().firstValue("Location")).hasValue("/");

      String join = Fixtures.joinPath(fresh);
      WebClient newcomer = fresh.client();
      newcomer.get(join);
      HttpResponse<String> joined = newcomer.post(join, Map.of("user[name]", "Newcomer", "user[email_address]", "new@example.com",
          "user[password]", Fixtures.PASSWORD));
      assertThat(joined.statusCode()).isEqualTo(302);
      assertThat(joined.headers().firstValue("Location")).hasValue("/");
      assertThat(newcomer.cookie("session_token")).isNotNull();
    }
  }

  @Test
  void posting_as_turbo_answers_200_with_the_message_appended_to_the_room() {
    HttpResponse<String> posted = alice.postStream("/rooms/" + allTalk + "/messages",
        Map.of("message[body]", "<p>Contract says 200</p>", "message[client_message_id]", "contract-200"));
    assertThat(posted.statusCode()).isEqualTo(200);
    assertThat(posted.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/vnd.turbo-stream.html");
    assertThat(posted.body()).startsWith("<turbo-stream action=\"append\" target=\"messages_room_" + allTalk + "\">")
        .contains("id=\"message_contract-200\"", "data-message-id=\"", "Contract says 200");
  }

  @Test
  void the_sidebar_is_a_whole_page_listing_every_room_and_ping() {
    long ping = server.count("SELECT COUNT(*) FROM rooms");
    HttpResponse<String> created = alice.post("/rooms/directs", Map.of("user_ids[]", Long.toString(Fixtures.userId(server, "bob@example.com"))));
    assertThat(created.statusCode()).isBetween(300, 399);
    ping = server.count("SELECT MAX(id) FROM rooms WHERE type = 'direct'");
    HttpResponse<String> sidebar = alice.get("/users/me/sidebar");
    assertThat(sidebar.statusCode()).isEqualTo(200);
    assertThat(sidebar.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(sidebar.body()).startsWith("<!DOCTYPE html>").contains("<head>", "<title>", "<body",
        "id=\"shared_rooms\"", "id=\"direct_rooms\"", "id=\"list_room_" + allTalk + "\"", "id=\"list_room_" + ping + "\"");
    assertThat(sidebar.body().indexOf("id=\"list_room_" + ping + "\"")).isGreaterThan(sidebar.body().indexOf("id=\"direct_rooms\""));
  }

  @Test
  void the_room_and_its_older_and_newer_pages_hold_forty_messages_oldest_first() {
    long room = newRoom("Paging");
    List<Long> posted = new ArrayList<>();
    for (int i = 1; i <= 85; i++) posted.add(Fixtures.say(server, alice, room, "<p>Paged " + i + "</p>"));

    assertThat(messageIds(alice.get("/rooms/" + room).body())).isEqualTo(posted.subList(45, 85));
    HttpResponse<String> older = alice.get("/rooms/" + room + "/messages?before=" + posted.get(45));
    assertThat(messageIds(older.body())).isEqualTo(posted.subList(5, 45));
    HttpResponse<String> newer = alice.get("/rooms/" + room + "/messages?after=" + posted.get(4));
    assertThat(messageIds(newer.body())).isEqualTo(posted.subList(5, 45));
  }

  @Test
  void search_shows_the_newest_hundred_matches_oldest_first() {
    long room = newRoom("Searching");
    List<Long> posted = new ArrayList<>();
    for (int i = 1; i <= 104; i++) posted.add(Fixtures.say(server, alice, room, "<p>zebracrossing number " + i + "</p>"));
    HttpResponse<String> results = alice.get("/searches?q=zebracrossing");
    assertThat(results.statusCode()).isEqualTo(200);
    Matcher m = Pattern.compile("data-message-id=\"(\\d+)\"").matcher(results.body().substring(results.body().indexOf("id=\"search-results\"")));
    List<Long> shown = new ArrayList<>();
    while (m.find()) shown.add(Long.parseLong(m.group(1)));
    assertThat(shown).isEqualTo(posted.subList(4, 104));
  }

  @Test
  void assets_are_digested_named_typed_cached_for_a_year_and_every_one_a_page_names_exists() {
    String page = alice.get("/rooms/" + allTalk).body();
    Matcher stylesheet = Pattern.compile("<link rel=\"stylesheet\" href=\"(/assets/app-[0-9a-f]{16}\\.css)\">").matcher(page);
    assertThat(stylesheet.find()).as("app.css is linked by its digested name").isTrue();
    HttpResponse<byte[]> css = fetch(stylesheet.group(1), Map.of());
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css");
    assertThat(css.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=31536000", "immutable");
    assertThat(stylesheet.group(1)).isEqualTo(Assets.digestedUrl("app.css", css.body()));

    Matcher importMap = IMPORT_MAP.matcher(page);
    assertThat(importMap.find()).isTrue();
    Matcher application = Pattern.compile("\"application\":\"(/assets/application-[0-9a-f]{16}\\.js)\"").matcher(importMap.group(1));
    assertThat(application.find()).isTrue();
    HttpResponse<byte[]> script = fetch(application.group(1), Map.of());
    assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript");

    Set<String> named = new LinkedHashSet<>();
    Matcher sub = SUBRESOURCE.matcher(page);
    while (sub.find()) named.add(sub.group(1).replace("&amp;", "&"));
    Matcher mapped = MAPPED.matcher(importMap.group(1));
    while (mapped.find()) if (mapped.group(1).matches(".*-[0-9a-f]{16}\\.js")) named.add(mapped.group(1));
    List<String> stylesheets = named.stream().filter(url -> url.endsWith(".css")).toList();
    for (String url : stylesheets) {
      Matcher inner = CSS_URL.matcher(new String(fetch(url, Map.of()).body(), StandardCharsets.UTF_8));
      while (inner.find()) named.add(inner.group(1));
    }
    assertThat(named).anyMatch(url -> url.startsWith("/assets/vendor/lexxy-content-"));
    Map<String, String> signedIn = Map.of("Cookie", "session_token=" + alice.cookie("session_token"));
    for (String url : named) assertThat(fetch(url, signedIn).statusCode()).as(url).isEqualTo(200);
  }

  @Test
  void every_instance_of_a_release_names_the_same_asset_urls_and_serves_them_compressed() {
    try (TestServer other = TestServer.start()) {
      WebClient visitor = other.client();
      String theirs = visitor.get("/first_run").body();
      String ours = server.client().get("/session/new").body();
      assertThat(assetUrls(theirs)).isNotEmpty().isEqualTo(assetUrls(ours));
    }
    String css = assetUrls(server.client().get("/session/new").body()).getFirst();
    HttpResponse<byte[]> gzipped = fetch(css, Map.of("Accept-Encoding", "gzip"));
    assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(gzipped.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
    assertThat(gzipped.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
    assertThat(gzipped.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(gzipped.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'");
    HttpResponse<byte[]> plain = fetch(css, Map.of());
    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    try (var unzipped = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body()))) {
      assertThat(plain.body()).isNotEmpty().isEqualTo(unzipped.readAllBytes());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(fetch(css, Map.of("If-None-Match", gzipped.headers().firstValue("ETag").orElseThrow())).statusCode()).isEqualTo(304);
    HttpResponse<byte[]> missing = fetch("/assets/app-0000000000000000.css", Map.of());
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(new String(missing.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("<html");
    assertThat(fetch("/assets/app.css", Map.of()).headers().firstValue("Cache-Control")).as("a logical name is revalidated").hasValue("no-cache");
    // Every file of /public also answers at its own path, revalidated, with the same headers.
    for (String[] file : new String[][] {{"/css/app.css", "text/css"}, {"/service-worker.js", "text/javascript"},
        {"/images/campfire.svg", "image/svg+xml"}, {"/sounds/bell.wav", "audio/wav"}}) {
      HttpResponse<byte[]> answer = fetch(file[0], Map.of());
      assertThat(answer.statusCode()).as(file[0]).isEqualTo(200);
      assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).as(file[0]).startsWith(file[1]);
      assertThat(answer.headers().firstValue("Cache-Control")).as(file[0]).hasValue("no-cache");
      assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(file[0]).hasValue("nosniff");
      assertThat(answer.body()).as(file[0]).isNotEmpty();
    }
    HttpResponse<byte[]> head = fetchWith("HEAD", "/css/app.css");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("Content-Length").map(Long::parseLong).orElseThrow()).isPositive();
    assertThat(fetch("/css/nope.css", Map.of()).statusCode()).isEqualTo(404);
  }

  @Test
  void every_avatar_decodes_as_an_image_for_people_and_bots() throws Exception {
    HttpResponse<String> bot = alice.post("/account/bots", Map.of("user[name]", "Avatar Bot", "user[webhook_url]", ""));
    assertThat(bot.statusCode()).isBetween(300, 399);
    Set<String> avatars = new LinkedHashSet<>();
    Matcher m = Pattern.compile("src=\"(/users/[^\"]+/avatar[^\"]*)\"").matcher(alice.get("/account/bots").body() + alice.get("/account/edit").body());
    while (m.find()) avatars.add(m.group(1).replace("&amp;", "&"));
    assertThat(avatars).hasSizeGreaterThanOrEqualTo(3);
    for (String url : avatars) {
      HttpResponse<byte[]> avatar = fetch(url, Map.of("Cookie", "session_token=" + alice.cookie("session_token")));
      assertThat(avatar.statusCode()).as(url).isEqualTo(200);
      String type = avatar.headers().firstValue("Content-Type").orElseThrow();
      if (type.startsWith("image/svg+xml")) {
        var svg = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().parse(new ByteArrayInputStream(avatar.body()));
        assertThat(svg.getDocumentElement().getTagName()).as(url).isEqualTo("svg");
        assertThat(svg.getDocumentElement().getAttribute("viewBox")).as(url).isNotBlank();
      } else {
        assertThat(ImageIO.read(new ByteArrayInputStream(avatar.body()))).as(url).isNotNull();
      }
    }
  }

  @Test
  void an_unknown_address_and_a_room_one_cannot_see_answer_404_with_the_app_s_own_page() {
    for (WebClient who : List.of(bob, server.client())) {
      HttpResponse<String> unknown = who.get("/nope/not/here");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(unknown.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
      assertThat(unknown.body()).contains("<html lang=\"en\">", "<title>", "That page does not exist, or you cannot see it.")
          .doesNotContain("Endpoint GET");
    }
    HttpResponse<String> json = bob.get("/nope/not/here", "application/json");
    assertThat(json.statusCode()).isEqualTo(404);
    assertThat(json.body()).isEqualTo("{\"error\":\"That page does not exist, or you cannot see it.\"}");
  }

  @Test
  void members_see_the_account_and_its_invite_link_but_no_admin_control() {
    HttpResponse<String> asMember = bob.get("/account/edit");
    assertThat(asMember.statusCode()).isEqualTo(200);
    assertThat(asMember.body()).contains("id=\"invite_url\"", "value=\"" + server.url(Fixtures.joinPath(server)) + "\"", "/account/logo")
        .doesNotContain("name=\"account[name]\"", "Set up chat bots", "Make a new invite link", "Deactivate", "Custom CSS");
    assertThat(bob.post("/account", Map.of("_method", "patch", "account[name]", "Bob's now")).statusCode()).isEqualTo(403);
    assertThat(server.string("SELECT name FROM accounts")).isNotEqualTo("Bob's now");

    assertThat(alice.get("/account/edit").body()).contains("id=\"invite_url\"", "name=\"account[name]\"", "Set up chat bots",
        "Make a new invite link");
  }

  @Test
  void by_default_a_signed_in_persons_parallel_use_is_never_refused() throws Exception {
    try (TestServer fresh = TestServer.start()) {
      WebClient ada = Fixtures.admin(fresh);
      long room = Fixtures.allTalk(fresh);
      ada.get("/rooms/" + room);
      String cookie = "session_token=" + ada.cookie("session_token") + "; csrf_seed=" + ada.cookie("csrf_seed");
      String token = ada.csrfToken();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
      // 64 clients, more requests together than a default window's 600 allows one address.
      try (ExecutorService clients = Executors.newFixedThreadPool(64)) {
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < 64; c++) {
          int client = c;
          done.add(clients.submit(() -> {
            for (int i = 0; i < 12; i++) {
              HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fresh.url(i % 4 == 0 ? "/rooms/" + room + "/messages" : "/rooms/" + room)))
                  .header("Cookie", cookie);
              if (i % 4 == 0) {
                request.header("X-CSRF-Token", token).header("Accept", "text/vnd.turbo-stream.html")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("message%5Bbody%5D=hi+" + client + "-" + i
                        + "&message%5Bclient_message_id%5D=load-" + client + "-" + i));
              }
              int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
              statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            }
            return null;
          }));
        }
        for (Future<?> f : done) f.get();
      }
      assertThat(statuses.keySet()).containsOnly(200);
      assertThat(statuses.get(200).get()).isEqualTo(64 * 12);
      assertThat(fresh.count("SELECT COUNT(*) FROM messages")).isEqualTo(64 * 3);
    }
  }

  @Test
  void anonymous_floods_are_limited_before_routing_and_sign_in_and_join_guesses_are_limited() {
    try (TestServer fresh = TestServer.start(Map.of("RATE_LIMIT_REQUESTS", "20"))) {
      Fixtures.admin(fresh);
      WebClient stranger = fresh.client();
      int refused = 0;
      for (int i = 0; i < 25; i++) if (stranger.get("/no/such/page/" + i).statusCode() == 429) refused++;
      assertThat(refused).as("the first run above spent two of the address's twenty").isEqualTo(7);
      HttpResponse<String> limited = stranger.get("/no/such/page");
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).isPresent();
      assertThat(stranger.get("/assets/app.css").statusCode()).as("files never count").isEqualTo(200);
    }
    try (TestServer fresh = TestServer.start()) {
      Fixtures.admin(fresh);
      String join = Fixtures.joinPath(fresh);
      WebClient guesser = fresh.client();
      guesser.get(join);
      List<Integer> answers = new ArrayList<>();
      for (int i = 0; i < 11; i++) {
        answers.add(guesser.post(join, Map.of("user[name]", "Guess " + i, "user[email_address]", "not-an-email",
            "user[password]", "x")).statusCode());
      }
      assertThat(answers.subList(0, 10)).containsOnly(422);
      assertThat(answers.get(10)).isEqualTo(429);
      assertThat(fresh.count("SELECT COUNT(*) FROM users")).isEqualTo(1);
    }
  }

  private long newRoom(String name) {
    HttpResponse<String> created = alice.post("/rooms/opens", Map.of("room[name]", name));
    assertThat(created.statusCode()).as(created.body()).isBetween(300, 399);
    return server.count("SELECT id FROM rooms WHERE name = ?", name);
  }

  private static List<Long> messageIds(String html) {
    List<Long> ids = new ArrayList<>();
    Matcher m = Pattern.compile("<div class=\"message(?: [^\"]*)?\"[^>]*>").matcher(html);
    while (m.find()) {
      Matcher id = Pattern.compile("data-message-id=\"(\\d+)\"").matcher(m.group());
      assertThat(m.group()).containsPattern("\\bid=\"message_[^\"]+\"");
      if (id.find()) ids.add(Long.parseLong(id.group(1)));
    }
    return ids;
  }

  private static List<String> assetUrls(String page) {
    List<String> urls = new ArrayList<>();
    Matcher m = Pattern.compile("\"(/assets/[^\"]+)\"").matcher(page);
    while (m.find()) urls.add(m.group(1));
    return urls;
  }

  private HttpResponse<byte[]> fetchWith(String method, String path) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url(path))).method(method, HttpRequest.BodyPublishers.noBody())
          .build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new IllegalStateException(path, e);
    }
  }

  private HttpResponse<byte[]> fetch(String path, Map<String, String> headers) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path)));
      headers.forEach(request::header);
      return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new IllegalStateException(path, e);
    }
  }
}
