package campfire.portability;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.Fixtures;
import campfire.support.TestServer;
import campfire.support.WebClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** The administrator downloads the whole account; each person downloads their own data, and only theirs. */
class DownloadsTest {
  @Test
  void administrators_download_everything_and_each_person_their_own_data() throws Exception {
    try (TestServer server = TestServer.start()) {
      WebClient alice = Fixtures.admin(server);
      WebClient bob = Fixtures.member(server, "Bob Member", "bob@example.com");
      long room = Fixtures.allTalk(server);
      Fixtures.say(server, alice, room, "<p>Alice's secret recipe</p>");
      Fixtures.say(server, bob, room, "<p>Bob's own words</p>");

      HttpResponse<byte[]> everything = alice.sendBytes(HttpRequest.newBuilder(URI.create(server.url("/account/export"))));
      assertThat(everything.statusCode()).isEqualTo(200);
      assertThat(everything.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/zip"));
      assertThat(everything.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment; filename=\"campfire-export-");
      assertThat(everything.headers().firstValue("Content-Length")).hasValue(Integer.toString(everything.body().length));
      Map<String, String> account = unzip(everything.body());
      assertThat(account.keySet()).contains("manifest.json", "users.jsonl", "messages.jsonl");
      assertThat(account.get("messages.jsonl")).contains("Alice's secret recipe", "Bob's own words");

      // Members may not download the account; the page shows them no link to it.
      assertThat(bob.sendBytes(HttpRequest.newBuilder(URI.create(server.url("/account/export")))).statusCode()).isEqualTo(403);
      assertThat(bob.get("/account/edit").body()).doesNotContain("/account/export");
      assertThat(alice.get("/account/edit").body()).contains("href=\"/account/export\"");

      HttpResponse<byte[]> mine = bob.sendBytes(HttpRequest.newBuilder(URI.create(server.url("/users/me/data"))));
      assertThat(mine.statusCode()).isEqualTo(200);
      assertThat(mine.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment; filename=\"campfire-my-data-");
      Map<String, String> data = unzip(mine.body());
      assertThat(data.keySet()).containsExactly("profile.json", "messages.jsonl", "boosts.jsonl", "searches.jsonl");
      assertThat(data.get("profile.json")).contains("\"name\" : \"Bob Member\"", "\"email_address\" : \"bob@example.com\"", "\"All Talk\"")
          .doesNotContain("password", "digest");
      assertThat(data.get("messages.jsonl")).contains("Bob's own words").doesNotContain("Alice's secret recipe");
      assertThat(bob.get("/users/me/profile").body()).contains("href=\"/users/me/data\"");

      // Signed out, neither is there.
      WebClient stranger = server.client();
      assertThat(stranger.sendBytes(HttpRequest.newBuilder(URI.create(server.url("/users/me/data")))).statusCode()).isEqualTo(303);
    }
  }

  private static Map<String, String> unzip(byte[] zip) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return entries;
  }
}
