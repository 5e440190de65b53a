package campfire.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import campfire.support.BrowserSession;
import campfire.support.BrowserTest;
import campfire.support.Fixtures;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

// The browser checks the page, not the database: it runs in the SQLite execution; the whole flow also runs on PostgreSQL.
@org.junit.jupiter.api.Tag("sqlite-only")
class SignUpAndSignInBrowserTest extends BrowserTest {

  @Test
  void first_run_sign_out_sign_in_and_a_second_person_joins() {
    Page alice = browser.newPage();
    alice.navigate(server.url("/"));
    assertThat(alice).hasURL(server.url("/first_run"));
    BrowserSession.screenshot(alice, "first-run-desktop");
    Page phoneVisitor = browser.newPage(390, 844);
    phoneVisitor.navigate(server.url("/first_run"));
    assertThat(phoneVisitor.getByLabel("Your name")).isVisible();
    BrowserSession.screenshot(phoneVisitor, "first-run-phone");
    alice.getByLabel("Your name").fill("Alice Admin");
    alice.getByLabel("Email address").fill("alice@example.com");
    alice.getByLabel("Password").fill(Fixtures.PASSWORD);
    alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account and sign in")).click();

    assertThat(alice).hasURL(Pattern.compile("/rooms/\\d+$"));
    assertThat(alice.locator("#nav")).containsText("All Talk");
    assertThat(alice.locator("#shared_rooms")).containsText("All Talk");
    assertThat(alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send Message"))).isVisible();
    assertThat(alice.locator("lexxy-editor#message_body")).hasAttribute("aria-label", "Write a message");
    alice.waitForFunction("() => customElements.get('lexxy-editor') !== undefined && window.Turbo !== undefined");
    BrowserSession.screenshot(alice, "empty-room-desktop");

    alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
    assertThat(alice).hasURL(server.url("/session/new"));
    alice.navigate(server.url("/"));
    assertThat(alice).hasURL(server.url("/session/new"));
    BrowserSession.screenshot(alice, "sign-in-desktop");

    alice.getByLabel("Email address").fill("alice@example.com");
    alice.getByLabel("Password").fill("wrong password");
    browser.allowStatus(401);
    alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    assertThat(alice.getByRole(AriaRole.ALERT)).containsText("Try another email address or password.");

    alice.getByLabel("Password").fill(Fixtures.PASSWORD);
    alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    assertThat(alice).hasURL(Pattern.compile("/rooms/\\d+$"));
    assertThat(alice.locator("#nav")).containsText("All Talk");

    Page bob = browser.newPage();
    bob.navigate(server.url(Fixtures.joinPath(server)));
    assertThat(bob.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Join Campfire"))).isVisible();
    bob.getByLabel("Your name").fill("Bob Member");
    bob.getByLabel("Email address").fill("bob@example.com");
    bob.getByLabel("Password").fill(Fixtures.PASSWORD);
    bob.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join")).click();
    assertThat(bob).hasURL(Pattern.compile("/rooms/\\d+$"));
    assertThat(bob.locator("#nav")).containsText("All Talk");
    assertThat(bob.locator(".sidebar__me")).hasText("Bob Member");

    browser.assertNoProblems();
  }

  @Test
  void the_app_works_at_phone_width() {
    Fixtures.admin(server);
    Page phone = browser.newPage(390, 844);
    phone.navigate(server.url("/session/new"));
    BrowserSession.screenshot(phone, "sign-in-phone");
    phone.getByLabel("Email address").fill("alice@example.com");
    phone.getByLabel("Password").fill(Fixtures.PASSWORD);
    phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    assertThat(phone.locator("#nav")).containsText("All Talk");
    assertThat(phone.locator("#sidebar")).not().isInViewport();
    BrowserSession.screenshot(phone, "empty-room-phone");
    // The menu button works once the page's controllers are connected (right after a Turbo visit they may not be yet).
    phone.waitForFunction("() => window.Stimulus && window.Stimulus.getControllerForElementAndIdentifier(document.body, 'sidebar')");
    phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show rooms")).click();
    phone.waitForFunction("() => document.getElementById('sidebar').getBoundingClientRect().left >= 0");
    assertThat(phone.locator("#shared_rooms")).isInViewport();
    BrowserSession.screenshot(phone, "sidebar-phone");
    browser.assertNoProblems();
  }

  /**
   * The rich text editor (Lexxy and Lexical, most of the page's script) loads only where there is
   * an editor; a room reached by Turbo from a page without one still gets a working composer.
   */
  @Test
  void only_pages_with_an_editor_load_it_and_a_room_reached_from_another_page_gets_a_working_one() {
    Fixtures.admin(server);
    Page alice = browser.newPage();
    java.util.List<String> scripts = new java.util.concurrent.CopyOnWriteArrayList<>();
    alice.onRequest(request -> { if (request.url().endsWith(".js")) scripts.add(request.url()); });
    alice.navigate(server.url("/session/new"));
    alice.waitForFunction("() => window.Stimulus !== undefined");
    org.assertj.core.api.Assertions.assertThat(alice.evaluate("() => customElements.get('lexxy-editor') === undefined")).isEqualTo(true);
    org.assertj.core.api.Assertions.assertThat(scripts).noneMatch(url -> url.contains("lexxy") || url.contains("lexical") || url.contains("prism"));

    signIn(alice, "alice@example.com");
    alice.navigate(server.url("/users/me/profile"));
    alice.waitForFunction("() => window.Stimulus !== undefined");
    org.assertj.core.api.Assertions.assertThat(alice.evaluate("() => customElements.get('lexxy-editor') === undefined")).isEqualTo(true);
    alice.locator("#shared_rooms").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("All Talk")).click();
    assertThat(alice).hasURL(Pattern.compile("/rooms/\\d+$"));
    Locator editor = alice.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Write a message"));
    editor.click();
    alice.keyboard().type("Reached by a link");
    alice.keyboard().press("Enter");
    assertThat(alice.locator(".messages .message:not(.message--pending)").filter(new Locator.FilterOptions().setHasText("Reached by a link")))
        .hasCount(1);
    browser.assertNoProblems();
  }
}
