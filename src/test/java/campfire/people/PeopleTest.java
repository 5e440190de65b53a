package campfire.people;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.Fixtures;
import campfire.support.Multipart;
import campfire.support.TestServer;
import campfire.support.WebClient;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PeopleTest {
  static final Pattern TRANSFER = Pattern.compile("id=\"session_transfer_url\" value=\"([^\"]+)\"");
  static final Pattern AVATAR = Pattern.compile("src=\"(/users/(?!me/)[^\"/]+/avatar\\?v=\\d+)\"");
  TestServer server;
  WebClient alice;
  WebClient bob;
  long aliceId;
  long bobId;

  @BeforeEach
  void start() {
    server = TestServer.start();
    alice = Fixtures.admin(server);
    bob = Fixtures.member(server, "Bob Member", "bob@example.com");
    aliceId = Fixtures.userId(server, "alice@example.com");
    bobId = Fixtures.userId(server, "bob@example.com");
  }

  @AfterEach
  void stop() { server.close(); }

  Map<String, String> profile(String name, String email, String password, String bio) {
    Map<String, String> form = new HashMap<>();
    form.put("_method", "patch");
    form.put("user[name]", name);
    form.put("user[email_address]", email);
    form.put("user[password]", password);
    form.put("user[bio]", bio);
    form.put("user[current_password]", Fixtures.PASSWORD);
    return form;
  }

  static Map<String, String> without(Map<String, String> form, String field) {
    form.remove(field);
    return form;
  }

  static Map<String, String> with(Map<String, String> form, String field, String value) {
    form.put(field, value);
    return form;
  }

  static String group(Pattern pattern, String body) {
    Matcher m = pattern.matcher(body);
    assertThat(m.find()).as(body).isTrue();
    return m.group(1).replace("&amp;", "&");
  }

  @Test
  void the_profile_shows_your_details_rooms_transfer_link_and_sign_out() {
    HttpResponse<String> page = bob.get("/users/me/profile");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("name=\"user[name]\"", "value=\"Bob Member\"", "name=\"user[email_address]\"", "name=\"user[password]\"",
        "name=\"user[bio]\"", "name=\"user[avatar]\"", "Save changes", "id=\"session_transfer_url\"", "Show auto-login QR code",
        "All Talk", "involvement_room_" + Fixtures.allTalk(server), "Sign out");
    assertThat(group(TRANSFER, page.body())).startsWith(server.url("/session/transfers/"));
    assertThat(page.body()).doesNotContain("Set up chat bots", "/account/custom_styles/edit", "Deactivate");
  }

  @Test
  void saving_the_profile_changes_name_email_bio_and_password() {
    bob.get("/users/me/profile");
    HttpResponse<String> saved = bob.post("/users/me/profile", profile("Robert Member", "Robert@Example.com ", "new-passw0rd", "  Drums and coffee. "));
    assertThat(saved.statusCode()).isEqualTo(303);
    assertThat(saved.headers().firstValue("Location")).contains("/users/me/profile");
    assertThat(server.string("SELECT name || '|' || email_address || '|' || bio FROM users WHERE id = ?", bobId))
        .isEqualTo("Robert Member|robert@example.com|Drums and coffee.");
    assertThat(bob.get("/users/me/profile").body()).contains("Drums and coffee.", "Your profile is saved, and your new password signed you out");

    WebClient again = server.client();
    again.get("/session/new");
    assertThat(again.post("/session", Map.of("email_address", "robert@example.com", "password", Fixtures.PASSWORD)).statusCode()).isEqualTo(401);
    assertThat(again.post("/session", Map.of("email_address", "robert@example.com", "password", "new-passw0rd")).statusCode()).isEqualTo(302);
  }

  @Test
  void a_new_password_signs_out_every_other_session_and_its_sockets() throws Exception {
    WebClient phone = server.client();
    phone.get("/session/new");
    assertThat(phone.post("/session", Map.of("email_address", "bob@example.com", "password", Fixtures.PASSWORD)).statusCode()).isEqualTo(302);
    String listed = bob.get("/users/me/profile").body();
    assertThat(listed).contains("Where you're signed in", "This browser", "Sign out everywhere else");
    try (var socket = campfire.support.CableClient.connect(server, phone.cookie("session_token"))) {
      assertThat(bob.post("/users/me/profile", profile("Bob Member", "bob@example.com", "new-passw0rd", "")).statusCode()).isEqualTo(303);
      assertThat(socket.await(f -> f.path("reason").asText().equals("unauthorized"), campfire.support.CableClient.WAIT)).isNotNull();
      socket.awaitClosed(campfire.support.CableClient.WAIT);
    }
    assertThat(phone.get("/users/me/profile").headers().firstValue("Location")).as("the other session is signed out").hasValue("/session/new");
    assertThat(bob.get("/users/me/profile").body()).contains("signed you out everywhere else").doesNotContain("Sign out everywhere else");
  }

  @Test
  void a_person_signs_out_their_other_sessions_from_the_profile() {
    WebClient laptop = server.client();
    laptop.get("/session/new");
    assertThat(laptop.post("/session", Map.of("email_address", "bob@example.com", "password", Fixtures.PASSWORD)).statusCode()).isEqualTo(302);
    assertThat(server.count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", bobId)).isEqualTo(2);
    assertThat(bob.post("/users/me/sessions", Map.of("_method", "delete")).statusCode()).isEqualTo(303);
    assertThat(server.count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", bobId)).isEqualTo(1);
    assertThat(laptop.get("/users/me/profile").headers().firstValue("Location")).hasValue("/session/new");
    assertThat(bob.get("/users/me/profile").body()).contains("Signed out of 1 other session.");
    assertThat(alice.get("/users/me/profile").statusCode()).as("nobody else is touched").isEqualTo(200);
  }

  @Test
  void a_blank_password_keeps_the_current_one() {
    bob.get("/users/me/profile");
    assertThat(bob.post("/users/me/profile", profile("Bob Member", "bob@example.com", "", "")).statusCode()).isEqualTo(303);
    WebClient again = server.client();
    again.get("/session/new");
    assertThat(again.post("/session", Map.of("email_address", "bob@example.com", "password", Fixtures.PASSWORD)).statusCode()).isEqualTo(302);
    assertThat(server.count("SELECT COUNT(*) FROM users WHERE id = ? AND bio IS NULL", bobId)).isEqualTo(1);
  }

  @Test
  void bad_profile_input_is_refused_with_422_and_changes_nothing() {
    bob.get("/users/me/profile");
    String before = server.string("SELECT name || email_address || COALESCE(bio, '') || password_digest FROM users WHERE id = ?", bobId);
    for (Map<String, String> bad : new Map[] {
        profile("", "bob@example.com", "", ""),
        profile("x".repeat(101), "bob@example.com", "", ""),
        profile("Bob", "not-an-email", "", ""),
        profile("Bob", "alice@example.com", "", ""),
        profile("Bob", "bob@example.com", "p".repeat(73), ""),
        profile("Bob", "bob@example.com", "short7!", ""),
        without(profile("Bob", "bob@example.com", "long-enough-1", ""), "user[current_password]"),
        with(profile("Bob", "bob@example.com", "long-enough-1", ""), "user[current_password]", "not-my-password"),
        profile("Bob", "bob@example.com", "", "b".repeat(201))}) {
      HttpResponse<String> response = bob.post("/users/me/profile", bad);
      assertThat(response.statusCode()).as(bad.toString()).isEqualTo(422);
      assertThat(response.body()).contains("form_error");
    }
    assertThat(server.string("SELECT name || email_address || COALESCE(bio, '') || password_digest FROM users WHERE id = ?", bobId))
        .isEqualTo(before);
    assertThat(bob.postRaw("/users/me/profile", profile("Hacked", "bob@example.com", "", "")).statusCode()).isEqualTo(422);
    assertThat(server.string("SELECT name FROM users WHERE id = ?", bobId)).isEqualTo("Bob Member");
  }

  @Test
  void an_uploaded_picture_shows_on_the_person_s_messages_boosts_search_results_and_in_the_people_picker() {
    long allTalk = Fixtures.allTalk(server);
    long before = Fixtures.say(server, bob, allTalk, "<p>Before my picture</p>");
    long alicesMessage = Fixtures.say(server, alice, allTalk, "<p>No picture here</p>");
    long mentioning = Fixtures.say(server, alice, allTalk, "<p>Over to " + Fixtures.mention(alice, allTalk, "Bob") + "</p>");
    String chipBefore = chip(alice.get("/rooms/" + allTalk).body(), mentioning);
    assertThat(chipBefore).contains("avatar--hue-", "mention__avatar\" aria-hidden=\"true\">").doesNotContain("<img");
    bob.get("/users/me/profile");
    var upload = Multipart.post(server, bob, "/users/me/profile", profile("Bob Member", "bob@example.com", "", ""),
        new Multipart.FilePart("user[avatar]", "me.jpg", "image/jpeg", Multipart.picture(600, 600, Color.BLUE, "jpg")));
    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(303);
    String picture = group(AVATAR, bob.get("/users/me/profile").body());

    // The room page drew Bob's earlier message with initials; it now shows his picture (a new address, so no stale copy).
    String room = alice.get("/rooms/" + allTalk).body();
    String bobs = room.substring(room.indexOf("data-message-id=\"" + before + "\""));
    bobs = bobs.substring(0, bobs.indexOf("</turbo-frame>"));
    assertThat(bobs).contains("<img class=\"avatar avatar--md message__avatar\" src=\"" + picture.replace("&", "&amp;") + "\"")
        .contains("<a class=\"message__author\" href=\"/users/" + bobId + "\"")
        .doesNotContain(">BM</span>");
    String alices = room.substring(room.indexOf("No picture here") - 1200, room.indexOf("No picture here"));
    alices = alices.substring(alices.lastIndexOf("data-message-id="));
    assertThat(alices).contains("avatar--hue-", ">AA</span>").doesNotContain("<img class=\"avatar");
    assertThat(Multipart.getBytes(null, server, picture).statusCode()).isEqualTo(200);

    String results = alice.get("/searches?q=picture").body();
    assertThat(results).contains("<img class=\"avatar avatar--md message__avatar\" src=\"" + picture.replace("&", "&amp;") + "\"", ">AA</span>");

    // Boosts: Bob's with his picture, Alice's with her initials, on the page and in the live answer.
    assertThat(bob.postStream("/messages/" + alicesMessage + "/boosts", Map.of("boost[content]", "👍")).body())
        .contains("<img class=\"avatar avatar--xs boost__avatar\" src=\"" + picture.replace("&", "&amp;") + "\"");
    assertThat(alice.postStream("/messages/" + alicesMessage + "/boosts", Map.of("boost[content]", "🎉")).statusCode()).isEqualTo(201);
    String boosts = alice.get("/rooms/" + allTalk).body();
    boosts = boosts.substring(boosts.indexOf("<div class=\"boosts\" id=\"boosts_", boosts.indexOf("data-message-id=\"" + alicesMessage + "\"")));
    boosts = boosts.substring(0, boosts.indexOf("</div>"));
    assertThat(boosts).contains("<img class=\"avatar avatar--xs boost__avatar\" src=\"" + picture.replace("&", "&amp;") + "\"")
        .contains(">AA</span>").doesNotContain(">BM</span>");

    // A mention of Bob, written before his picture, now shows it (the kept fragment was made again), here and in search.
    String tag = "<img class=\"avatar avatar--xs mention__avatar\" src=\"" + picture.replace("&", "&amp;") + "\"";
    assertThat(chip(alice.get("/rooms/" + allTalk).body(), mentioning)).contains(tag).doesNotContain("aria-hidden");
    assertThat(bob.get("/rooms/" + allTalk + "/messages/" + mentioning).body()).contains(tag);

    // The people picker of a closed room.
    String picker = alice.get("/rooms/closeds/new").body();
    assertThat(picker).contains("<img class=\"avatar avatar--sm\" src=\"" + picture.replace("&", "&amp;") + "\"").doesNotContain(">BM</span>");
  }

  /** The mention chip inside one message on a page. */
  static String chip(String page, long messageId) {
    String message = page.substring(page.indexOf("data-message-id=\"" + messageId + "\""));
    message = message.substring(message.indexOf("<span class=\"mention\""));
    return message.substring(0, message.indexOf("</span>", message.indexOf("mention__avatar") + 20) + 7);
  }

  @Test
  void an_uploaded_avatar_is_served_at_512_pixels_and_can_be_removed() {
    bob.get("/users/me/profile");
    var upload = Multipart.post(server, bob, "/users/me/profile", profile("Bob Member", "bob@example.com", "", ""),
        new Multipart.FilePart("user[avatar]", "me.jpg", "image/jpeg", Multipart.picture(1200, 800, Color.RED, "jpg")));
    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(303);
    String url = group(AVATAR, bob.get("/users/me/profile").body());
    HttpResponse<byte[]> avatar = Multipart.getBytes(null, server, url);
    assertThat(avatar.statusCode()).isEqualTo(200);
    assertThat(avatar.headers().firstValue("Content-Type")).contains("image/png");
    assertThat(avatar.headers().firstValue("Cache-Control").orElseThrow()).contains("public", "max-age=31536000");
    BufferedImage image = Multipart.read(avatar.body());
    assertThat(image.getWidth()).isEqualTo(512);
    assertThat(image.getHeight()).isEqualTo(512);
    assertThat(new Color(image.getRGB(256, 256)).getRed()).isGreaterThan(200);

    var removed = bob.post("/users/me/avatar", Map.of("_method", "delete"));
    assertThat(removed.statusCode()).isEqualTo(303);
    String after = group(AVATAR, bob.get("/users/me/profile").body());
    assertThat(after).isNotEqualTo(url);
    HttpResponse<String> svg = bob.get(after);
    assertThat(svg.headers().firstValue("Content-Type")).contains("image/svg+xml");
    assertThat(svg.body()).contains(">BM</text>");
    assertThat(server.count("SELECT COUNT(*) FROM users WHERE id = ? AND avatar_key IS NULL", bobId)).isEqualTo(1);
  }

  @Test
  void a_file_that_is_not_a_picture_or_is_too_big_is_refused() {
    bob.get("/users/me/profile");
    var text = Multipart.post(server, bob, "/users/me/profile", profile("Renamed", "bob@example.com", "", ""),
        new Multipart.FilePart("user[avatar]", "me.png", "image/png", "not a picture".getBytes(StandardCharsets.UTF_8)));
    assertThat(text.statusCode()).isEqualTo(422);
    assertThat(text.body()).contains("isn't a picture");
    // A tiny PNG header claiming 60,000 x 60,000 pixels is refused before decoding.
    byte[] huge = Multipart.picture(2, 2, Color.BLUE, "png");
    huge[16] = 0; huge[17] = 0; huge[18] = (byte) 0xea; huge[19] = 0x60;
    huge[20] = 0; huge[21] = 0; huge[22] = (byte) 0xea; huge[23] = 0x60;
    var bomb = Multipart.post(server, bob, "/users/me/profile", profile("Renamed", "bob@example.com", "", ""),
        new Multipart.FilePart("user[avatar]", "bomb.png", "image/png", huge));
    assertThat(bomb.statusCode()).isEqualTo(422);
    var large = Multipart.post(server, bob, "/users/me/profile", profile("Renamed", "bob@example.com", "", ""),
        new Multipart.FilePart("user[avatar]", "large.png", "image/png", new byte[11 * 1024 * 1024]));
    assertThat(large.statusCode()).isEqualTo(413);
    assertThat(server.string("SELECT name FROM users WHERE id = ?", bobId)).isEqualTo("Bob Member");
    assertThat(server.count("SELECT COUNT(*) FROM users WHERE avatar_key IS NOT NULL")).isZero();
  }

  @Test
  void avatars_need_a_genuine_token_and_bots_get_a_glyph() {
    String url = group(AVATAR, alice.get("/users/" + bobId).body());
    assertThat(url).doesNotContain("/users/" + bobId + "/");
    WebClient outsider = server.client();
    HttpResponse<String> initials = outsider.get(url);
    assertThat(initials.statusCode()).isEqualTo(200);
    assertThat(initials.body()).contains("<svg", ">BM</text>");
    assertThat(outsider.get("/users/" + bobId + "/avatar").statusCode()).isEqualTo(404);
    assertThat(outsider.get(url.replaceFirst("\\.[^/]+/avatar", ".forged/avatar")).statusCode()).isEqualTo(404);
    assertThat(outsider.get("/users/me/avatar").statusCode()).isEqualTo(404);
    assertThat(bob.get("/users/me/avatar").body()).contains(">BM</text>");

    server.app().database().writeVoid(h -> h.execute(
        "INSERT INTO users (id, name, role, created_at, updated_at) VALUES (99, 'Helper Bot', 'bot', 1, 1)"));
    String bot = "/users/" + new campfire.web.Signer(secret()).sign("avatar", "99") + "/avatar";
    HttpResponse<String> glyph = outsider.get(bot);
    assertThat(glyph.statusCode()).isEqualTo(200);
    assertThat(glyph.body()).contains("<svg", "<circle").doesNotContain("HB");
  }

  String secret() {
    try {
      return java.nio.file.Files.readString(server.directory().resolve("session_secret")).strip();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void small_pictures_are_scaled_up_to_the_full_size() {
    try (campfire.files.Images images = campfire.files.Images.standard()) {
      BufferedImage avatar = Multipart.read(images.square(Multipart.picture(20, 10, Color.BLUE, "gif"), Avatars.SIZE));
      assertThat(avatar.getWidth()).isEqualTo(512);
      assertThat(avatar.getHeight()).isEqualTo(512);
      BufferedImage logo = Multipart.read(images.fit(Multipart.picture(30, 10, Color.BLUE, "bmp"), 192));
      assertThat(logo.getWidth()).isEqualTo(192);
      assertThat(new Color(logo.getRGB(96, 96)).getBlue()).isGreaterThan(200);
    }
  }

  @Test
  void the_initials_colour_is_one_of_18_and_stable() {
    assertThat((Integer) campfire.accounts.User.hue(1)).isBetween(0, 17).isEqualTo(campfire.accounts.User.hue(1));
    assertThat(java.util.stream.LongStream.rangeClosed(1, 200).mapToObj(campfire.accounts.User::hue).distinct().count()).isEqualTo(18);
  }

  @Test
  void a_transfer_link_signs_in_exactly_its_person_and_a_forged_one_is_refused() {
    String link = group(TRANSFER, bob.get("/users/me/profile").body()).substring(server.url("").length());
    WebClient phone = server.client();
    HttpResponse<String> form = phone.get(link);
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("data-controller=\"auto-submit\"", "name=\"_method\" value=\"put\"");
    HttpResponse<String> signedIn = phone.post(link, Map.of("_method", "put"));
    assertThat(signedIn.statusCode()).isEqualTo(303);
    assertThat(phone.get("/users/me/profile").body()).contains("value=\"Bob Member\"");
    assertThat(server.count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", bobId)).isEqualTo(2);

    WebClient stranger = server.client();
    String forged = link.replace("/session/transfers/" + bobId + "-", "/session/transfers/" + aliceId + "-");
    assertThat(stranger.get(forged).statusCode()).isEqualTo(404);
    assertThat(stranger.get("/session/transfers/nonsense").statusCode()).isEqualTo(404);
    stranger.get("/session/new");
    assertThat(stranger.post(forged, Map.of("_method", "put")).statusCode()).isEqualTo(404);
    assertThat(stranger.cookie("session_token")).isNull();
  }

  @Test
  void an_expired_transfer_link_is_refused() {
    var signer = new campfire.web.Signer(secret());
    String expired = "/session/transfers/" + signer.sign("session_transfer", bobId + "-" + (System.currentTimeMillis() - 1));
    WebClient phone = server.client();
    assertThat(phone.get(expired).statusCode()).isEqualTo(404);
    String fresh = "/session/transfers/" + signer.sign("session_transfer", bobId + "-" + (System.currentTimeMillis() + 60_000));
    assertThat(phone.get(fresh).statusCode()).isEqualTo(200);
  }

  @Test
  void administrators_see_anyones_transfer_link_and_members_see_none_on_other_profiles() {
    HttpResponse<String> asAdmin = alice.get("/users/" + bobId);
    assertThat(asAdmin.statusCode()).isEqualTo(200);
    assertThat(asAdmin.body()).contains("Bob Member", "Ping Bob", "id=\"session_transfer_url\"", "Show auto-login QR code", "Ban Bob Member");
    assertThat(group(TRANSFER, asAdmin.body())).contains("/session/transfers/" + bobId + "-");

    HttpResponse<String> asMember = bob.get("/users/" + aliceId);
    assertThat(asMember.statusCode()).isEqualTo(200);
    assertThat(asMember.body()).contains("Alice Admin", "Ping Alice").doesNotContain("session_transfer_url", "/ban");
    assertThat(bob.get("/users/12345").statusCode()).isEqualTo(404);
    assertThat(bob.get("/users/abc").statusCode()).isEqualTo(404);
    WebClient outsider = server.client();
    assertThat(outsider.get("/users/" + bobId).statusCode()).isEqualTo(303);
    assertThat(outsider.get("/users/me/profile").statusCode()).isEqualTo(303);
  }

  @Test
  void the_qr_code_is_an_svg_of_the_url_and_bad_ids_are_refused() {
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString("https://campfire.example/join/abcd".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> qr = bob.get("/qr_code/" + id);
    assertThat(qr.statusCode()).isEqualTo(200);
    assertThat(qr.headers().firstValue("Content-Type")).contains("image/svg+xml");
    assertThat(qr.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age");
    assertThat(qr.body()).startsWith("<svg").contains("<path d=\"M");
    assertThat(bob.get("/qr_code/%25%25%25").statusCode()).isEqualTo(400);
    assertThat(bob.get("/qr_code/" + "A".repeat(3000)).statusCode()).isEqualTo(400);
    assertThat(server.client().get("/qr_code/" + id).statusCode()).isEqualTo(303);
  }

  @Test
  void outsiders_cannot_change_any_profile_and_administrators_use_the_same_profile_page() {
    WebClient outsider = server.client();
    outsider.get("/session/new");
    var before = server.strings("SELECT name || email_address || COALESCE(avatar_key, '') FROM users ORDER BY id");
    assertThat(outsider.post("/users/me/profile", profile("Intruder", "x@example.com", "", "")).statusCode()).isEqualTo(401);
    assertThat(outsider.post("/users/me/avatar", Map.of("_method", "delete")).statusCode()).isEqualTo(401);
    assertThat(server.strings("SELECT name || email_address || COALESCE(avatar_key, '') FROM users ORDER BY id")).isEqualTo(before);

    HttpResponse<String> mine = alice.get("/users/me/profile");
    assertThat(mine.statusCode()).isEqualTo(200);
    assertThat(mine.body()).contains("value=\"Alice Admin\"", "id=\"session_transfer_url\"");
    assertThat(group(TRANSFER, mine.body())).contains("/session/transfers/" + aliceId + "-");
    assertThat(alice.get("/users/" + aliceId).body()).contains("Edit your profile").doesNotContain("Ban Alice");
  }
}
