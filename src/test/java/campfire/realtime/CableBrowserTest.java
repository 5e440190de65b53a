package campfire.realtime;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.BrowserSession;
import campfire.support.Fixtures;
import campfire.support.TestServer;
import campfire.support.WebClient;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stock @rails/actioncable and turbo-rails clients, unchanged, in a real Chromium. */
// The browser checks the page, not the database: it runs in the SQLite execution; the whole flow also runs on PostgreSQL.
@org.junit.jupiter.api.Tag("sqlite-only")
class CableBrowserTest {
  static BrowserSession browser;

  @BeforeAll
  static void launch() { browser = new BrowserSession(); }

  @AfterAll
  static void quit() { browser.close(); }

  @Test
  void aTurboCableStreamSourceConnectsAndAppliesBroadcastTurboStreams() {
    try (TestServer server = TestServer.start()) {
      WebClient alice = Fixtures.admin(server);
      long aliceId = server.count("SELECT id FROM users WHERE email_address = 'alice@example.com'");
      long room = server.count("SELECT id FROM rooms WHERE name = 'All Talk'");
      Page page = browser.newPage();
      List<String> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();
      page.onWebSocket(socket -> sockets.add(socket.url()));
      page.context().addCookies(List.of(new Cookie("session_token", alice.cookie("session_token")).setUrl(server.url("/"))));
      page.navigate(server.url("/rooms/" + room));
      page.waitForFunction("() => window.Turbo !== undefined && customElements.get('turbo-cable-stream-source') !== undefined");

      // The room page carries its own sources: the room's messages and the person's sidebar.
      assertThat(page.locator("turbo-cable-stream-source[channel='RoomMessagesChannel'][connected]")).hasCount(1);
      assertThat(page.locator("turbo-cable-stream-source[channel='Turbo::StreamsChannel'][connected]")).hasCount(1);

      server.app().broadcaster().broadcastHtml(Streams.roomMessages(room), "<turbo-stream action=\"append\" target=\"messages_room_"
          + room + "\"><template><p id=\"live_hello\">Hello from the cable</p></template></turbo-stream>");
      assertThat(page.locator("#messages_room_" + room + " #live_hello")).hasText("Hello from the cable");

      // The page's presence controller says Alice is here, through turbo-rails' own consumer.
      CablePeople.eventually(() -> assertThat(
          server.count("SELECT connections FROM memberships WHERE user_id = ? AND room_id = ?", aliceId, room)).isEqualTo(1));

      // Action Cable's monitor reconnects a socket silent for 6 s; pings every 3 s keep it fresh.
      page.waitForTimeout(7_000);
      Object silentFor = page.evaluate("() => import('@hotwired/turbo-rails').then(async ({ cable }) =>"
          + " Date.now() - (await cable.getConsumer()).connection.monitor.refreshedAt)");
      assertThat(((Number) silentFor).longValue()).isLessThan(3_500);
      assertThat(page.locator("turbo-cable-stream-source[channel='RoomMessagesChannel'][connected]")).hasCount(1);
      server.app().broadcaster().broadcastHtml(Streams.roomMessages(room), "<turbo-stream action=\"append\" target=\"messages_room_"
          + room + "\"><template><p id=\"live_again\">Still here</p></template></turbo-stream>");
      assertThat(page.locator("#live_again")).hasText("Still here");
      assertThat(page.locator("#live_hello")).hasCount(1);
      assertThat(sockets).containsExactly(server.url("/cable").replace("http:", "ws:"));

      page.close();
      CablePeople.eventually(() -> assertThat(
          server.count("SELECT connections FROM memberships WHERE user_id = ? AND room_id = ?", aliceId, room)).isZero());
      browser.assertNoProblems();
    }
  }
}
