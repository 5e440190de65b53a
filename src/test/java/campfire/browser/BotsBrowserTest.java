package campfire.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.BrowserSession;
import campfire.support.BrowserTest;
import campfire.support.Fixtures;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

// The browser checks the page, not the database: it runs in the SQLite execution; the whole flow also runs on PostgreSQL.
@org.junit.jupiter.api.Tag("sqlite-only")
class BotsBrowserTest extends BrowserTest {

  @Override
  protected void setUp() {
    Fixtures.admin(server);
  }

  @Test
  void an_admin_creates_a_bot_and_its_curl_command_posts_into_the_room_live() throws Exception {
    Page alice = browser.newPage();
    alice.navigate(server.url("/session/new"));
    alice.getByLabel("Email address").fill("alice@example.com");
    alice.getByLabel("Password").fill(Fixtures.PASSWORD);
    alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    assertThat(alice.locator("#nav")).containsText("All Talk");
    String room = alice.url();

    alice.navigate(server.url("/account/bots/new"));
    alice.getByPlaceholder("Name the bot").fill("Deploy Bot");
    alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save changes")).click();
    assertThat(alice.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit Deploy Bot"))).isVisible();
    Locator curl = alice.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("curl command for posting messages")).first();
    String command = curl.inputValue();
    String url = command.substring(command.lastIndexOf(' ') + 1);
    assertThat(url).startsWith(server.url("/rooms/")).endsWith("/messages");
    BrowserSession.screenshot(alice, "bots-desktop");

    alice.navigate(room);
    alice.waitForFunction("() => document.querySelector(\"turbo-cable-stream-source[channel='RoomMessagesChannel']\")?.hasAttribute('connected')");
    HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .POST(HttpRequest.BodyPublishers.ofString("Deployed build 42 to production")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(posted.statusCode()).isEqualTo(201);
    Locator message = alice.locator(".message").filter(new Locator.FilterOptions().setHasText("Deployed build 42 to production"));
    assertThat(message).hasCount(1);
    assertThat(message.locator(".message__author")).hasText("Deploy Bot");
    browser.assertNoProblems();
  }
}
