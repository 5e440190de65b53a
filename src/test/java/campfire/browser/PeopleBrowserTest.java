package campfire.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.BrowserSession;
import campfire.support.BrowserTest;
import campfire.support.Fixtures;
import campfire.support.WebClient;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Profiles, account settings, session transfer, invitations and search, as people use them in Chromium. */
// The browser checks the page, not the database: it runs in the SQLite execution; the whole flow also runs on PostgreSQL.
@org.junit.jupiter.api.Tag("sqlite-only")
class PeopleBrowserTest extends BrowserTest {
  long allTalk;

  @Override
  protected void setUp() {
    Fixtures.admin(server);
    Fixtures.member(server, "Bob Member", "bob@example.com");
    allTalk = Fixtures.allTalk(server);
  }

  static Locator button(Page page, String name) {
    return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
  }

  @Test
  void a_person_edits_their_bio_and_sees_it_after_a_reload() {
    Page bob = signIn("bob@example.com");
    bob.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Your profile")).click();
    assertThat(bob).hasURL(server.url("/users/me/profile"));
    bob.getByLabel("Bio").fill("Drummer. Coffee first, then code.");
    bob.getByLabel("Picture").setInputFiles(new com.microsoft.playwright.options.FilePayload("me.png", "image/png",
        campfire.support.Multipart.picture(640, 480, new java.awt.Color(40, 120, 200), "png")));
    button(bob, "Save changes").click();
    assertThat(bob.locator(".notice")).containsText("Your profile is saved.");
    assertThat(bob.locator(".notice").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Dismiss"))).isVisible();
    bob.reload();
    assertThat(bob.getByLabel("Bio")).hasValue("Drummer. Coffee first, then code.");
    assertThat(bob.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove picture"))).isVisible();
    bob.waitForFunction("() => { const imgs = [...document.querySelectorAll('.profile__avatar, .sidebar__profile img')];"
        + " return imgs.length === 2 && imgs.every(img => img.complete && img.naturalWidth === 512) }");
    assertThat(bob.locator("#session_transfer_url")).hasValue(java.util.regex.Pattern.compile("^" + server.url("/session/transfers/")));
    BrowserSession.screenshot(bob, "profile-desktop");

    Page alice = signIn("alice@example.com", PHONE_WIDTH, PHONE_HEIGHT);
    alice.navigate(server.url("/users/" + Fixtures.userId(server, "bob@example.com")));
    assertThat(alice.locator(".person__bio")).hasText("Drummer. Coffee first, then code.");
    assertThat(alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ping Bob"))).isVisible();
    BrowserSession.screenshot(alice, "person-phone");
    Page phone = signIn("bob@example.com", PHONE_WIDTH, PHONE_HEIGHT);
    phone.navigate(server.url("/users/me/profile"));
    BrowserSession.screenshot(phone, "profile-phone");
    phone.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(com.microsoft.playwright.options.ColorScheme.DARK));
    phone.locator("#session_transfer_url").scrollIntoViewIfNeeded();
    BrowserSession.screenshot(phone, "profile-transfer-phone-dark");
    // Bob joined in setUp, then signed in on the desktop and on this phone: three sessions, this one first.
    assertThat(phone.locator(".profile__session")).hasCount(3);
    assertThat(phone.locator(".profile__session").first()).containsText("This browser");
    assertThat(phone.locator(".profile__session", new Page.LocatorOptions().setHasText("This browser"))).hasCount(1);
    phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out everywhere else")).scrollIntoViewIfNeeded();
    BrowserSession.screenshot(phone, "profile-sessions-phone-dark");

    // A Ping's people may leave it; only administrators may delete it for everyone.
    alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ping Bob")).click();
    assertThat(alice).hasURL(java.util.regex.Pattern.compile("/rooms/\\d+$"));
    String ping = alice.url().replaceAll(".*/rooms/", "");
    phone.navigate(server.url("/rooms/directs/" + ping + "/edit"));
    assertThat(phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Leave this Ping"))).isVisible();
    assertThat(phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete this Ping"))).hasCount(0);
    BrowserSession.screenshot(phone, "ping-settings-phone-dark");
    browser.assertNoProblems();
  }

  @Test
  void an_administrator_renames_the_account_and_sees_it_after_a_reload() {
    Page alice = signIn("alice@example.com");
    alice.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Account settings")).click();
    assertThat(alice).hasURL(server.url("/account/edit"));
    assertThat(alice.locator("#invite_url")).hasValue(server.url(Fixtures.joinPath(server)));
    alice.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Acme Chat");
    button(alice, "Save changes").click();
    assertThat(alice.locator(".notice")).containsText("Account settings saved.");
    alice.reload();
    assertThat(alice.getByLabel("Name", new Page.GetByLabelOptions().setExact(true))).hasValue("Acme Chat");
    assertThat(alice.locator(".sidebar__account")).hasText("Acme Chat");
    assertThat(alice).hasTitle(java.util.regex.Pattern.compile("Acme Chat"));
    button(alice, "Copy").click();
    assertThat((String) alice.evaluate("() => navigator.clipboard.readText()")).isEqualTo(server.url(Fixtures.joinPath(server)));
    BrowserSession.screenshot(alice, "account-desktop");
    // The whole account downloads as a zip, from the page, without leaving it.
    com.microsoft.playwright.Download everything = alice.waitForDownload(() -> alice.getByRole(AriaRole.LINK,
        new Page.GetByRoleOptions().setName("Download everything")).click());
    assertThat(everything.suggestedFilename()).matches("campfire-export-\\d{4}-\\d{2}-\\d{2}\\.zip");
    assertThat(everything.failure()).isNull();
    assertThat(alice).hasURL(server.url("/account/edit"));
    alice.locator("#more_heading").scrollIntoViewIfNeeded();
    BrowserSession.screenshot(alice, "account-more-desktop");
    Page phone = signIn("alice@example.com", PHONE_WIDTH, PHONE_HEIGHT);
    phone.navigate(server.url("/account/edit"));
    BrowserSession.screenshot(phone, "account-phone");
    phone.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(com.microsoft.playwright.options.ColorScheme.DARK));
    phone.locator(".roster").scrollIntoViewIfNeeded();
    BrowserSession.screenshot(phone, "account-people-phone-dark");
    alice.locator(".roster").scrollIntoViewIfNeeded();
    BrowserSession.screenshot(alice, "account-people-desktop");
    browser.assertNoProblems();
  }

  @Test
  void a_new_invite_link_and_a_deactivation_are_asked_before_they_happen() {
    Page alice = signIn("alice@example.com");
    alice.navigate(server.url("/account/edit"));
    String code = server.string("SELECT join_code FROM accounts");
    java.util.List<String> asked = new java.util.ArrayList<>();
    java.util.function.Consumer<com.microsoft.playwright.Dialog> no = dialog -> { asked.add(dialog.message()); dialog.dismiss(); };
    alice.onDialog(no);
    button(alice, "Make a new invite link").click();
    button(alice, "Deactivate Bob Member").click();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> asked.size() == 2);
    assertThat(asked).containsExactly("The current invite link will stop working. Continue?", "Deactivate Bob Member?");
    assertThat(server.string("SELECT join_code FROM accounts")).as("dismissed: nothing happens").isEqualTo(code);
    assertThat(server.count("SELECT COUNT(*) FROM users WHERE name = 'Bob Member' AND active = 1")).isEqualTo(1);

    alice.offDialog(no);
    alice.onDialog(com.microsoft.playwright.Dialog::accept);
    button(alice, "Deactivate Bob Member").click();
    assertThat(alice.locator(".notice")).isVisible();
    assertThat(button(alice, "Deactivate Bob Member")).hasCount(0);
    assertThat(server.count("SELECT COUNT(*) FROM users WHERE name = 'Bob Member' AND active = 1")).isZero();
    button(alice, "Make a new invite link").click();
    assertThat(alice.locator("#invite_url")).not().hasValue(server.url("/join/" + code));
    assertThat(server.string("SELECT join_code FROM accounts")).isNotEqualTo(code);
    browser.assertNoProblems();
  }

  @Test
  void custom_css_saved_by_an_administrator_shows_on_another_page() {
    Page alice = signIn("alice@example.com");
    alice.navigate(server.url("/account/custom_styles/edit"));
    alice.getByLabel("CSS").fill(".nav { background: rgb(12, 34, 56); }");
    button(alice, "Save changes").click();
    assertThat(alice.locator(".notice")).containsText("Custom CSS saved.");
    Page bob = signIn("bob@example.com");
    bob.navigate(server.url("/rooms/" + allTalk));
    assertThat(bob.locator("#nav")).hasCSS("background-color", "rgb(12, 34, 56)");
    browser.assertNoProblems();
  }

  @Test
  void a_transfer_link_opened_in_a_fresh_browser_signs_in_the_right_person() {
    Page bob = signIn("bob@example.com");
    bob.navigate(server.url("/users/me/profile"));
    String link = bob.locator("#session_transfer_url").inputValue();
    Page fresh = browser.newPage(PHONE_WIDTH, PHONE_HEIGHT);
    fresh.navigate(link);
    assertThat(fresh.locator("#nav")).isVisible();
    fresh.navigate(server.url("/users/me/profile"));
    assertThat(fresh.getByLabel("Name", new Page.GetByLabelOptions().setExact(true))).hasValue("Bob Member");
    assertThat(fresh.getByLabel("Email address")).hasValue("bob@example.com");

    String qrHref = bob.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Show auto-login QR code")).getAttribute("href");
    var response = bob.request().get(server.url(qrHref));
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers().get("content-type")).contains("image/svg+xml");
    browser.assertNoProblems();
  }

  @Test
  void the_invite_link_signs_up_a_member_who_sees_no_admin_controls() {
    Page alice = signIn("alice@example.com");
    alice.navigate(server.url("/account/edit"));
    String invite = alice.locator("#invite_url").inputValue();
    Page dana = browser.newPage();
    dana.navigate(invite);
    dana.getByLabel("Your name").fill("Dana New");
    dana.getByLabel("Email address").fill("dana@example.com");
    dana.getByLabel("Password").fill(Fixtures.PASSWORD);
    button(dana, "Join").click();
    assertThat(dana.locator("#nav")).isVisible();
    assertThat(dana.locator("#shared_rooms")).containsText("All Talk");
    dana.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Account settings")).click();
    assertThat(dana.locator("#invite_url")).isVisible();
    assertThat(dana.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Set up chat bots"))).hasCount(0);
    assertThat(dana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Make a new invite link"))).hasCount(0);
    assertThat(dana.locator("input[name='account[name]']")).hasCount(0);
    BrowserSession.screenshot(dana, "account-member-desktop");
    dana.setViewportSize(PHONE_WIDTH, PHONE_HEIGHT);
    dana.reload();
    BrowserSession.screenshot(dana, "account-member-phone");
    dana.navigate(server.url("/users/me/sidebar"));
    assertThat(dana.locator("#shared_rooms")).containsText("All Talk");
    assertThat(dana.locator("#list_room_" + allTalk)).isInViewport();
    BrowserSession.screenshot(dana, "sidebar-page-phone");
    dana.setViewportSize(1280, 800);
    BrowserSession.screenshot(dana, "sidebar-page-desktop");
    dana.navigate(server.url("/users/me/profile"));
    assertThat(dana.getByText("Deactivate")).hasCount(0);
    browser.allowStatus(403);
    var refused = dana.navigate(server.url("/account/custom_styles/edit"));
    assertThat(refused.status()).isEqualTo(403);
    browser.assertNoProblems();
  }

  @Test
  void search_finds_an_edited_message_by_its_new_words_and_never_a_closed_room_it_is_not_in() {
    WebClient alice = server.client();
    alice.get("/session/new");
    alice.post("/session", Map.of("email_address", "alice@example.com", "password", Fixtures.PASSWORD));
    alice.get("/rooms/closeds/new");
    var closed = alice.post("/rooms/closeds", Map.of("room[name]", "Board room"));
    long boardRoom = Long.parseLong(closed.headers().firstValue("Location").orElseThrow().substring("/rooms/".length()));
    Fixtures.say(server, alice, boardRoom, "<p>the falafel budget is secret</p>");

    Page bob = signIn("bob@example.com");
    bob.navigate(server.url("/rooms/" + allTalk));
    bob.waitForFunction("() => { const s = document.querySelector(\"turbo-cable-stream-source[channel='RoomMessagesChannel']\");"
        + " return s && s.hasAttribute('connected') }");
    bob.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Write a message")).click();
    bob.keyboard().type("lunch is shawarma today");
    bob.keyboard().press("Enter");
    Locator message = bob.locator(".messages .message:not(.message--pending)").filter(new Locator.FilterOptions().setHasText("shawarma"));
    assertThat(message).hasCount(1);
    message.hover();
    message.getByLabel("Message actions").click();
    message.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Edit")).click();
    Locator edit = bob.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Edit message"));
    edit.click();
    bob.keyboard().press("Control+A");
    bob.keyboard().type("lunch is falafel today");
    button(bob, "Save changes").click();
    assertThat(bob.locator(".messages .message").filter(new Locator.FilterOptions().setHasText("falafel today"))).hasCount(1);

    bob.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Search")).click();
    bob.getByLabel("Search messages").fill("falafel");
    bob.getByLabel("Search messages").press("Enter");
    assertThat(bob).hasURL(server.url("/searches?q=falafel"));
    assertThat(bob.locator("#search-results > .message")).hasCount(1);
    assertThat(bob.locator("#search-results > .message")).containsText("lunch is falafel today");
    assertThat(bob.locator("#search-results")).not().containsText("budget");
    bob.navigate(server.url("/searches?q=" + URLEncoder.encode("shawarma", StandardCharsets.UTF_8)));
    assertThat(bob.locator("#search-results > .message")).hasCount(0);
    bob.navigate(server.url("/searches?q=" + URLEncoder.encode("\"falafel (today", StandardCharsets.UTF_8)));
    assertThat(bob.locator("#search-results > .message")).hasCount(1);
    bob.navigate(server.url("/searches?q=falafel"));
    assertThat(bob.locator(".search__recent")).containsText("falafel");
    BrowserSession.screenshot(bob, "search-desktop");
    Page phone = signIn("bob@example.com", PHONE_WIDTH, PHONE_HEIGHT);
    phone.navigate(server.url("/searches?q=falafel"));
    assertThat(phone.locator("#search-results > .message")).hasCount(1);
    BrowserSession.screenshot(phone, "search-phone");
    browser.assertNoProblems();
  }
}
