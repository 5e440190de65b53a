package campfire.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.db.Database;
import campfire.support.Fixtures;
import campfire.support.TestServer;
import campfire.support.WebClient;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AttachmentsTest {
  TestServer server;
  WebClient alice;
  WebClient bob;
  long allTalk;

  @BeforeEach
  void start() {
    server = TestServer.start(Map.of("MAX_ATTACHMENT_SIZE", "2MB"));
    alice = Fixtures.admin(server);
    bob = Fixtures.member(server, "Bob Member", "bob@example.com");
    allTalk = Fixtures.allTalk(server);
    alice.get("/rooms/" + allTalk);
    bob.get("/rooms/" + allTalk);
  }

  @AfterEach
  void stop() { server.close(); }

  HttpResponse<byte[]> fetch(WebClient who, String path) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url(path)))
        .header("Cookie", "session_token=" + who.cookie("session_token")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  long attachments() { return server.count("SELECT COUNT(*) FROM attachments"); }

  long messages() { return server.count("SELECT COUNT(*) FROM messages"); }

  Path storage() { return server.directory().resolve("storage"); }

  long storedFiles() throws IOException {
    if (!Files.exists(storage())) return 0;
    try (Stream<Path> files = Files.walk(storage())) {
      return files.filter(Files::isRegularFile).filter(p -> !p.getParent().getFileName().toString().equals("tmp")).count();
    }
  }

  @Test
  void a_big_image_gets_a_thumbnail_that_fits_1200_by_800_and_opens_full_size() throws Exception {
    byte[] png = TestImages.picture(2400, 1000, "png");
    HttpResponse<String> posted = Upload.post(server, alice, allTalk, "sunset.png", "image/png", png);
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    long id = server.count("SELECT id FROM attachments");
    assertThat(posted.body()).contains("class=\"attachment attachment--image\"", "src=\"/attachments/" + id + "/preview\"",
        "href=\"/attachments/" + id + "\"", "alt=\"sunset.png\"", "width=\"1200\" height=\"500\"");
    assertThat(server.count("SELECT width FROM attachments")).isEqualTo(2400);
    assertThat(server.count("SELECT height FROM attachments")).isEqualTo(1000);

    HttpResponse<byte[]> original = fetch(bob, "/attachments/" + id);
    assertThat(original.statusCode()).isEqualTo(200);
    assertThat(original.body()).isEqualTo(png);
    assertThat(original.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/png");
    assertThat(original.headers().firstValue("X-Content-Type-Options").orElseThrow()).isEqualTo("nosniff");
    assertThat(original.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("inline; filename=\"sunset.png\"");
    assertThat(original.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=31536000", "private");
    String etag = original.headers().firstValue("ETag").orElseThrow();

    HttpResponse<byte[]> again = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url("/attachments/" + id)))
        .header("Cookie", "session_token=" + bob.cookie("session_token")).header("If-None-Match", etag).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(again.statusCode()).isEqualTo(304);

    HttpResponse<byte[]> preview = fetch(bob, "/attachments/" + id + "/preview");
    assertThat(preview.statusCode()).isEqualTo(200);
    assertThat(preview.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/jpeg");
    BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(preview.body()));
    assertThat(thumbnail.getWidth()).isEqualTo(1200);
    assertThat(thumbnail.getHeight()).isEqualTo(500);

    HttpResponse<byte[]> download = fetch(bob, "/attachments/" + id + "?disposition=attachment");
    assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment; filename=\"sunset.png\"");
    assertThat(bob.get("/rooms/" + allTalk).body()).contains("/attachments/" + id + "/preview");
  }

  @Test
  void files_are_stored_once_under_their_content_hash() throws Exception {
    byte[] jpeg = TestImages.picture(300, 200, "jpeg");
    assertThat(Upload.post(server, alice, allTalk, "a.jpg", "image/jpeg", jpeg).statusCode()).isEqualTo(200);
    assertThat(Upload.post(server, bob, allTalk, "b.jpg", "image/jpeg", jpeg).statusCode()).isEqualTo(200);
    assertThat(attachments()).isEqualTo(2);
    String key = server.string("SELECT storage_key FROM attachments ORDER BY id LIMIT 1");
    assertThat(key).matches("[0-9a-f]{64}");
    assertThat(storage().resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key)).exists();
    assertThat(storedFiles()).isEqualTo(1);
    assertThat(server.string("SELECT preview_key FROM attachments ORDER BY id LIMIT 1")).isNull();
  }

  @Test
  void other_files_show_name_and_size_and_are_only_ever_downloaded() throws Exception {
    byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> posted = Upload.post(server, alice, allTalk, "page.html", "text/html", html);
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    long id = server.count("SELECT id FROM attachments");
    assertThat(posted.body()).contains("attachment--file", "page.html", "38 B", "href=\"/attachments/" + id + "?disposition=attachment\"");
    HttpResponse<byte[]> served = fetch(bob, "/attachments/" + id);
    assertThat(served.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/octet-stream");
    assertThat(served.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
    assertThat(served.headers().firstValue("X-Content-Type-Options").orElseThrow()).isEqualTo("nosniff");
  }

  @Test
  void a_video_plays_inline_with_a_poster_and_is_served_for_seeking() throws Exception {
    byte[] mp4 = new byte[4096];
    byte[] header = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'};
    System.arraycopy(header, 0, mp4, 0, header.length);
    HttpResponse<String> posted = Upload.post(server, alice, allTalk, "demo.mp4", "video/mp4", mp4);
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    long id = server.count("SELECT id FROM attachments");
    assertThat(posted.body()).contains("<video controls", "poster=\"", "<source src=\"/attachments/" + id + "\" type=\"video/mp4\">");
    HttpResponse<byte[]> range = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url("/attachments/" + id)))
        .header("Cookie", "session_token=" + bob.cookie("session_token")).header("Range", "bytes=0-99").GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(range.statusCode()).isEqualTo(206);
    String contentRange = range.headers().firstValue("Content-Range").orElseThrow();
    assertThat(contentRange).matches("bytes 0-\\d+/4096");
    int end = Integer.parseInt(contentRange.substring("bytes 0-".length(), contentRange.indexOf('/')));
    assertThat(range.body()).hasSize(end + 1);
    assertThat(range.headers().firstValue("X-Content-Type-Options").orElseThrow()).isEqualTo("nosniff");
  }

  @Test
  void a_file_with_a_caption_keeps_both() {
    var posted = Upload.post(server, alice, allTalk, "notes.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8),
        Map.of("message[client_message_id]", "with-caption", "message[body]", "<p>the notes</p>"));
    assertThat(posted.statusCode()).isEqualTo(200);
    assertThat(posted.body()).contains("the notes", "notes.txt");
  }

  @Test
  void a_form_sent_without_javascript_and_no_file_chosen_is_a_plain_message() {
    var posted = Upload.post(server, alice, allTalk, "", "application/octet-stream", new byte[0],
        Map.of("message[client_message_id]", "no-file", "message[body]", "<p>just text</p>"));
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    assertThat(messages()).isEqualTo(1);
    assertThat(attachments()).isZero();
  }

  @Test
  void bad_uploads_get_a_clear_4xx_and_change_nothing() throws Exception {
    byte[] tooBig = new byte[3 * 1024 * 1024];
    assertThat(Upload.post(server, alice, allTalk, "big.bin", "application/octet-stream", tooBig).statusCode()).isEqualTo(413);
    byte[] justOver = new byte[2 * 1024 * 1024 + 10];
    assertThat(Upload.post(server, alice, allTalk, "over.bin", "application/octet-stream", justOver).statusCode()).isEqualTo(413);
    byte[] text = "just words, not a picture".getBytes(StandardCharsets.UTF_8);
    assertThat(Upload.post(server, alice, allTalk, "fake.png", "image/png", text).statusCode()).isEqualTo(422);
    assertThat(Upload.post(server, alice, allTalk, "fake.jpg", "image/jpeg", TestImages.picture(20, 20, "png")).statusCode()).isEqualTo(422);
    assertThat(Upload.post(server, alice, allTalk, "broken.png", "image/png", TestImages.damagedPng()).statusCode()).isEqualTo(422);
    HttpResponse<String> bomb = Upload.post(server, alice, allTalk, "bomb.png", "image/png", TestImages.bomb());
    assertThat(bomb.statusCode()).isEqualTo(422);
    assertThat(bomb.body()).contains("too large");
    assertThat(Upload.post(server, alice, allTalk, "empty.txt", "text/plain", new byte[0]).statusCode()).isEqualTo(422);
    assertThat(Upload.post(server, alice, 9999, "a.png", "image/png", TestImages.picture(10, 10, "png")).statusCode()).isEqualTo(404);
    assertThat(messages()).isZero();
    assertThat(attachments()).isZero();
    assertThat(storedFiles()).isZero();
  }

  @Test
  void only_members_of_the_room_can_fetch_its_files() throws Exception {
    WebClient carol = Fixtures.member(server, "Carol Member", "carol@example.com");
    long secret = server.app().database().write(h -> {
      long now = Database.now(h);
      long roomId = h.createUpdate("INSERT INTO rooms (name, type, creator_id, created_at, updated_at) VALUES ('Secret', 'closed', 1, ?, ?)")
          .bind(0, now).bind(1, now).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      h.execute("INSERT INTO memberships (room_id, user_id, created_at) VALUES (?, 1, ?)", roomId, now);
      return roomId;
    });
    assertThat(Upload.post(server, alice, secret, "plan.png", "image/png", TestImages.picture(50, 50, "png")).statusCode()).isEqualTo(200);
    long id = server.count("SELECT id FROM attachments");
    assertThat(fetch(alice, "/attachments/" + id).statusCode()).isEqualTo(200);
    assertThat(fetch(carol, "/attachments/" + id).statusCode()).isEqualTo(404);
    assertThat(fetch(carol, "/attachments/" + id + "/preview").statusCode()).isEqualTo(404);
    assertThat(fetch(alice, "/attachments/" + id + "/preview").statusCode()).isEqualTo(404);
  }
}
