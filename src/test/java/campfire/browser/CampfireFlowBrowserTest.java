package campfire.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.BrowserTest;
import campfire.support.Fixtures;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The whole flow of the UI contract, as a browser check written for Campfire walks it: two tabs
 * of one person, a second person joining from the invite link, and every page and action along
 * the way with zero console errors, page errors and failed requests. It runs five times, each on
 * a fresh instance: a step that passes only sometimes is a bug. The PostgreSQL execution of the
 * suite walks it once (the browser side is the same; the suite stays short).
 */
class CampfireFlowBrowserTest extends BrowserTest {
  private static final String ALL_STREAMS_CONNECTED = "() => [...document.querySelectorAll('turbo-cable-stream-source')]"
      + ".every(s => s.hasAttribute('connected'))";

  @TestFactory
  Stream<DynamicTest> the_whole_campfire_flow_runs_without_a_hiccup_on_fresh_instances() {
    // Five fresh runs on SQLite (the issue's bar: a flaky step is a bug), one on PostgreSQL; -Dcampfire.test.flowRuns=N while working on it.
    int runs = Integer.getInteger("campfire.test.flowRuns", "postgres".equals(System.getProperty("campfire.test.database")) ? 1 : 5);
    return IntStream.rangeClosed(1, runs).mapToObj(run -> DynamicTest.dynamicTest("run " + run + " of " + runs, () -> {
      if (run > 1) freshInstance();
      started = System.nanoTime();
      walkTheFlow();
    }));
  }

  private void walkTheFlow() throws Exception {
    Page alice = firstRun();
    long allTalk = Long.parseLong(alice.url().replaceAll(".*/rooms/", ""));
    Page other = browser.newWindow(alice);
    other.navigate(alice.url());
    live(alice);
    live(other);

    // Post: shown once in both tabs, confirmed, never pending beside confirmed.
    step("Post");
    say(alice, "Hello from the first tab");
    for (Page tab : List.of(alice, other)) {
      assertThat(confirmed(tab, "Hello from the first tab")).hasCount(1);
      assertThat(tab.locator(".messages .message--pending")).hasCount(0);
    }
    say(other, "And hello from the second");
    for (Page tab : List.of(alice, other)) assertThat(confirmed(tab, "And hello from the second")).hasCount(1);

    // Stored markup with handlers: sent as the composer's value, never run, no noise.
    step("Stored markup with handlers");
    alice.evaluate("() => { document.querySelector('lexxy-editor#message_body').value ="
        + " '<p>look here<img src=x onerror=\"window.__xss = 1\"><svg onload=\"window.__xss = 2\"></svg></p>' }");
    send(alice);
    for (Page tab : List.of(alice, other)) {
      assertThat(confirmed(tab, "look here")).hasCount(1);
      assertThat(tab.evaluate("() => window.__xss === undefined")).isEqualTo(true);
    }
    alice.evaluate("() => { const data = new DataTransfer();"
        + " data.setData('text/html', '<p>pasted in<img src=x onerror=\"window.__xss = 3\"></p>'); data.setData('text/plain', 'pasted in');"
        + " const target = document.querySelector('lexxy-editor#message_body [contenteditable]'); target.focus();"
        + " target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })) }");
    send(alice);
    for (Page tab : List.of(alice, other)) {
      assertThat(confirmed(tab, "pasted in")).hasCount(1);
      assertThat(tab.evaluate("() => window.__xss === undefined")).isEqualTo(true);
    }
    assertThat(other.locator(".messages img[onerror], .messages svg[onload]")).hasCount(0);

    // Permalink: Copy link gives the absolute permalink, which opens the message in its room.
    step("Permalink");
    Locator hello = confirmed(alice, "Hello from the first tab");
    String messageId = hello.getAttribute("data-message-id");
    openMenu(hello);
    hello.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Copy link")).click();
    String permalink = (String) alice.evaluate("() => navigator.clipboard.readText()");
    assertThat(permalink).isEqualTo(server.url("/rooms/" + allTalk + "/@" + messageId));
    assertThat(hello.locator("details.message__actions")).hasAttribute("open", "");
    alice.keyboard().press("Escape");
    assertThat(hello.locator("details.message__actions")).not().hasAttribute("open", "");
    other.navigate(permalink);
    assertThat(other).hasURL(permalink);
    assertThat(other.locator("[data-message-id='" + messageId + "']")).hasClass(Pattern.compile("message--focused"));
    live(other);

    // Edit: the textbox takes what is typed the moment it shows; the other tab sees the change.
    step("Edit");
    openMenu(hello);
    hello.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Edit")).click();
    Locator edit = alice.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Edit message"));
    assertThat(edit).isFocused();
    alice.keyboard().press("Control+A");
    alice.keyboard().type("Hello, edited");
    alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save changes")).click();
    for (Page tab : List.of(alice, other)) {
      assertThat(confirmed(tab, "Hello, edited")).hasCount(1);
      assertThat(confirmed(tab, "Hello from the first tab")).hasCount(0);
    }

    // Search: finds the edited words, oldest first.
    step("Search");
    alice.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Search")).click();
    alice.getByLabel("Search messages").fill("hello");
    alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search").setExact(true)).click();
    Locator results = alice.locator("#search-results > .message");
    assertThat(results).hasCount(2);
    assertThat(results.first()).containsText("Hello, edited");
    assertThat(results.last()).containsText("And hello from the second");

    // Profile bio, transfer link and its QR code.
    step("Profile bio");
    alice.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Your profile")).click();
    alice.getByLabel("Bio").fill("Runs the fire.");
    button(alice, "Save changes").click();
    assertThat(alice.locator(".notice")).containsText("Your profile is saved.");
    assertThat(alice.getByLabel("Bio")).hasValue("Runs the fire.");
    assertThat(alice.locator("#session_transfer_url").inputValue()).startsWith(server.url("/session/transfers/"));
    String qr = alice.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Show auto-login QR code")).getAttribute("href");
    var qrImage = alice.request().get(server.url(qr));
    assertThat(qrImage.status()).isEqualTo(200);
    assertThat(qrImage.headers().get("content-type")).matches("image/(svg\\+xml|png).*");

    // Account name.
    step("Account name");
    alice.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Account settings")).click();
    assertThat(alice).hasURL(server.url("/account/edit"));
    alice.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Acme Fire");
    button(alice, "Save changes").click();
    assertThat(alice.locator(".notice")).containsText("Account settings saved.");
    assertThat(alice.locator(".sidebar__account")).hasText("Acme Fire");
    String invite = alice.locator("#invite_url").inputValue();
    assertThat(invite).startsWith(server.url("/join/"));
    assertThat(alice.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Set up chat bots"))).isVisible();

    // A new room shows live in the other tab's sidebar; so does its new name.
    step("A new room shows live in the other tab's sidebar");
    alice.getByLabel("New room").click();
    alice.getByLabel("Name this room").fill("Design");
    button(alice, "Save").click();
    assertThat(alice.locator("#nav")).containsText("Design");
    assertThat(other.locator("#shared_rooms")).containsText("Design");
    alice.getByLabel("Settings for this room").click();
    alice.getByLabel("Name this room").fill("Design reviews");
    button(alice, "Save").click();
    assertThat(alice.locator("#nav")).containsText("Design reviews");
    assertThat(other.locator("#shared_rooms")).containsText("Design reviews");

    // A bot: made, posts with its curl command, renamed.
    step("A bot");
    alice.navigate(server.url("/account/bots/new"));
    alice.getByPlaceholder("Name the bot").fill("Deploy Bot");
    button(alice, "Save changes").click();
    assertThat(alice.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit Deploy Bot"))).isVisible();
    String curl = alice.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("curl command for posting messages")).first().inputValue();
    String botUrl = curl.substring(curl.lastIndexOf(' ') + 1);
    assertThat(botUrl).startsWith(server.url("/rooms/" + allTalk + "/")).endsWith("/messages");
    HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(botUrl))
        .POST(HttpRequest.BodyPublishers.ofString("Deployed build 42")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(posted.statusCode()).isEqualTo(201);
    assertThat(confirmed(other, "Deployed build 42")).hasCount(1);
    assertThat(confirmed(other, "Deployed build 42").locator(".message__author")).hasText("Deploy Bot");
    alice.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit Deploy Bot")).click();
    assertThat(alice).hasURL(Pattern.compile("/account/bots/\\d+/edit$"));
    alice.getByPlaceholder("Name the bot").fill("Release Bot");
    button(alice, "Save changes").click();
    assertThat(alice.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit Release Bot"))).isVisible();

    // Custom CSS shows on other pages.
    step("Custom CSS shows on other pages");
    alice.navigate(server.url("/account/custom_styles/edit"));
    alice.getByLabel("CSS").fill(".nav { background: rgb(12, 34, 56); }");
    button(alice, "Save changes").click();
    assertThat(alice.locator(".notice")).containsText("Custom CSS saved.");
    alice.navigate(server.url("/rooms/" + allTalk));
    assertThat(alice.locator("#nav")).hasCSS("background-color", "rgb(12, 34, 56)");

    // Invite and join in a fresh browser: a member without admin or bot controls.
    step("Invite and join in a fresh browser");
    Page bob = browser.newPage(PHONE_WIDTH, PHONE_HEIGHT);
    bob.navigate(invite);
    signUp(bob, "Bob Member", "bob@example.com", "Join");
    assertThat(bob).hasURL(Pattern.compile("/rooms/\\d+$"));
    assertThat(bob.locator("#shared_rooms")).containsText("All Talk");
    bob.navigate(server.url("/account/edit"));
    assertThat(bob.locator("#invite_url")).hasValue(invite);
    assertThat(bob.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Set up chat bots"))).hasCount(0);
    assertThat(bob.locator("input[name='account[name]']")).hasCount(0);

    // New Ping with autocomplete; the picker keeps its state while the sidebar changes around it.
    step("New Ping with autocomplete");
    alice.navigate(server.url("/rooms/" + allTalk));
    alice.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New Ping")).click();
    assertThat(alice).hasURL(server.url("/rooms/directs/new"));
    Locator find = alice.locator("[data-autocomplete-target='input']");
    assertThat(find).isVisible();
    live(alice);
    find.pressSequentially("Bob");
    alice.locator("suggestion-option").filter(new Locator.FilterOptions().setHasText("Bob Member")).click();
    assertThat(alice.locator("[data-autocomplete-target='select'] option")).hasCount(1);
    find.pressSequentially("Al");
    other.getByLabel("New room").click();
    other.getByLabel("Name this room").fill("Lunch");
    button(other, "Save").click();
    assertThat(alice.locator("#shared_rooms")).containsText("Lunch");
    bob.navigate(server.url("/rooms/" + allTalk));
    live(bob);
    say(bob, "A message in another room");
    assertThat(alice.locator("#list_room_" + allTalk)).hasClass(Pattern.compile("unread"));
    assertThat(find).hasValue("Al");
    assertThat(alice.locator("[data-autocomplete-target='select'] option")).hasCount(1);
    button(alice, "Start Ping").click();
    assertThat(alice.locator("#nav")).containsText("Ping with Bob Member");
    assertThat(alice.locator("lexxy-editor#message_body")).hasAttribute("placeholder", "Message Bob Member…");
    assertThat(alice.locator("#direct_rooms")).containsText("Bob Member");
    step("done");
    browser.assertNoProblems();
  }

  private long started = System.nanoTime();

  /** Says in the test output how long each part of the flow took, to find a slow or stuck step. */
  private void step(String name) {
    System.out.printf("flow: %6d ms  %s%n", (System.nanoTime() - started) / 1_000_000, name);
  }

  private Page firstRun() {
    Page alice = browser.newPage();
    alice.navigate(server.url("/"));
    assertThat(alice).hasURL(server.url("/first_run"));
    signUp(alice, "Alice Admin", "alice@example.com", "Create account and sign in");
    assertThat(alice).hasURL(Pattern.compile("/rooms/\\d+$"));
    assertThat(alice.locator("#nav")).containsText("All Talk");
    return alice;
  }

  /** Fills the first-run or join form and sends it. */
  private static void signUp(Page page, String name, String email, String submit) {
    page.getByLabel("Your name").fill(name);
    page.getByLabel("Email address").fill(email);
    page.getByLabel("Password").fill(Fixtures.PASSWORD);
    button(page, submit).click();
  }

  /** Waits until every live stream of the page is connected. */
  static void live(Page page) { page.waitForFunction(ALL_STREAMS_CONNECTED); }

  static Locator button(Page page, String name) {
    return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
  }

  static void say(Page page, String text) {
    page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Write a message")).click();
    page.keyboard().type(text);
    page.keyboard().press("Enter");
  }

  static void send(Page page) { button(page, "Send Message").click(); }

  static Locator confirmed(Page page, String text) {
    return page.locator(".messages .message[data-message-id]:not(.message--pending)").filter(new Locator.FilterOptions().setHasText(text));
  }

  static void openMenu(Locator message) {
    message.hover();
    message.getByLabel("Message actions").click();
  }
}
