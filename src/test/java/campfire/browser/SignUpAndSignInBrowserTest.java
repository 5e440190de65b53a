package campfire.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import campfire.support.BrowserSession;
import campfire.support.BrowserTest;
import campfire.support.Fixtures;
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
}
