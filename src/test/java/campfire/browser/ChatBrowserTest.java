package campfire.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.BrowserSession;
import campfire.support.BrowserTest;
import campfire.support.Fixtures;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Locale;
import java.time.format.DateTimeFormatter;
import java.time.ZoneId;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Two people chatting live in Chromium. */
// The browser checks the page, not the database: it runs in the SQLite execution; the whole flow also runs on PostgreSQL.
@org.junit.jupiter.api.Tag("sqlite-only")
class ChatBrowserTest extends BrowserTest {
  long allTalk;

  @Override
  protected void setUp() {
    Fixtures.admin(server);
    Fixtures.member(server, "Bob Member", "bob@example.com");
    allTalk = Fixtures.allTalk(server);
  }

  /** A page's live connection, which the test can cut (every socket closed, new ones refused) and give back. */
  static final class CableSwitch {
    private final java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
    private final List<com.microsoft.playwright.WebSocketRoute> open = new java.util.concurrent.CopyOnWriteArrayList<>();

    CableSwitch(Page page) {
      page.routeWebSocket("**/cable", socket -> {
        if (down.get()) {
          socket.close();
        } else {
          socket.connectToServer();
          open.add(socket);
        }
      });
    }

    void cut() {
      down.set(true);
      open.forEach(com.microsoft.playwright.WebSocketRoute::close);
    }

    void restore() { down.set(false); }
  }

  /** A second tab in the same browser profile. */
  Page secondTab(Page first) {
    Page tab = browser.newWindow(first);
    tab.navigate(first.url());
    waitForCable(tab);
    return tab;
  }

  static void waitForCable(Page page) {
    page.waitForFunction("() => { const s = document.querySelector(\"turbo-cable-stream-source[channel='RoomMessagesChannel']\");"
        + " return s && s.hasAttribute('connected') }");
  }

  static Locator editor(Page page) { return page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Write a message")); }

  static void say(Page page, String text) {
    editor(page).click();
    page.keyboard().type(text);
    page.keyboard().press("Enter");
  }

  static Locator messages(Page page, String text) {
    return page.locator(".messages .message:not(.message--pending)").filter(new Locator.FilterOptions().setHasText(text));
  }

  /** Opening a room clears its unread mark at once in the tab that opened it and in the person's other tabs. */
  @Test
  void opening_a_room_clears_its_unread_mark_in_this_tab_and_the_others() {
    var aliceClient = Fixtures.signIn(server, "alice@example.com");
    aliceClient.get("/rooms/opens/new");
    String side = aliceClient.post("/rooms/opens", Map.of("room[name]", "Side room")).headers().firstValue("Location").orElseThrow();
    Page bob = signIn("bob@example.com");
    assertThat(bob.locator("lexxy-editor#message_body")).hasAttribute("placeholder", "Message #All Talk…");
    // The sidebar's footer shows the whole name, beside its two buttons.
    assertThat(bob.evaluate("() => { const name = document.querySelector('.sidebar__me'); return name.scrollWidth <= name.clientWidth }"))
        .isEqualTo(true);
    bob.navigate(server.url(side));
    waitForCable(bob);
    assertThat(bob.locator("lexxy-editor#message_body")).hasAttribute("placeholder", "Message #Side room…");
    Page bobAgain = secondTab(bob);

    Fixtures.say(server, aliceClient, allTalk, "<p>Anyone in All Talk?</p>");
    for (Page tab : List.of(bob, bobAgain)) assertThat(tab.locator("#list_room_" + allTalk)).hasClass(Pattern.compile("room-link--unread"));
    bob.locator("#list_room_" + allTalk).click();
    assertThat(messages(bob, "Anyone in All Talk?")).hasCount(1);
    for (Page tab : List.of(bob, bobAgain)) {
      assertThat(tab.locator("#list_room_" + allTalk)).not().hasClass(Pattern.compile("room-link--unread"));
    }
    browser.assertNoProblems();
  }

  /** Scrolled up with newer messages below, "Jump to newest" is offered; at the bottom it is not. */
  @Test
  void jump_to_newest_shows_while_newer_messages_are_below() {
    var aliceClient = Fixtures.signIn(server, "alice@example.com");
    for (int i = 1; i <= 40; i++) Fixtures.say(server, aliceClient, allTalk, "<p>Line " + i + " of the long story</p>");
    Page bob = signIn("bob@example.com", PHONE_WIDTH, PHONE_HEIGHT);
    waitForCable(bob);
    Locator jump = bob.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Jump to newest"));
    assertThat(messages(bob, "Line 40 of the long story")).isInViewport();
    assertThat(jump).isHidden();

    bob.locator(".messages .message").first().scrollIntoViewIfNeeded();
    assertThat(jump).isVisible();
    Fixtures.say(server, aliceClient, allTalk, "<p>A newer line</p>");
    assertThat(messages(bob, "A newer line")).hasCount(1);
    assertThat(messages(bob, "A newer line")).not().isInViewport();
    BrowserSession.screenshot(bob, "jump-to-newest-phone");
    jump.click();
    assertThat(messages(bob, "A newer line")).isInViewport();
    assertThat(jump).isHidden();
    browser.assertNoProblems();
  }

  /**
   * One way of writing a time on every page, in the reader's zone: the time alone today,
   * "Yesterday, …" and then the date; the full date and time on hover. The reader is in Auckland
   * (UTC+13 in December), so a time the server wrote in UTC would show the wrong day.
   */
  @Test
  void times_read_one_way_on_every_page_in_the_readers_own_zone() {
    var alice = Fixtures.signIn(server, "alice@example.com");
    long today = Fixtures.say(server, alice, allTalk, "<p>said today</p>");
    long yesterday = Fixtures.say(server, alice, allTalk, "<p>said yesterday</p>");
    long older = Fixtures.say(server, alice, allTalk, "<p>said long ago</p>");
    long now = System.currentTimeMillis();
    Instant longAgo = Instant.parse("2025-03-04T15:05:00Z");
    server.app().database().writeVoid(h -> {
      h.execute("UPDATE messages SET created_at = ?, updated_at = ? WHERE id = ?", now - 86_400_000L, now - 86_400_000L, yesterday);
      h.execute("UPDATE messages SET created_at = ?, updated_at = ? WHERE id = ?", longAgo.toEpochMilli(), longAgo.toEpochMilli(), older);
    });
    ZoneId auckland = ZoneId.of("Pacific/Auckland");
    DateTimeFormatter clock = DateTimeFormatter.ofPattern("h:mm a", Locale.US).withZone(auckland);
    Instant todayAt = Instant.ofEpochMilli(server.count("SELECT created_at FROM messages WHERE id = ?", today));

    Page page = signIn(browser.newPage(1280, 800, "Pacific/Auckland"), "alice@example.com");
    assertThat(label(page, "[data-message-id='" + today + "']")).isEqualTo(clock.format(todayAt));
    assertThat(label(page, "[data-message-id='" + yesterday + "']")).isEqualTo("Yesterday, " + clock.format(Instant.ofEpochMilli(now - 86_400_000L)));
    // 15:05 UTC on 4 March is 4:05 the next morning in Auckland.
    assertThat(label(page, "[data-message-id='" + older + "']")).isEqualTo("Mar 5, 2025, 4:05 AM");
    assertThat(page.locator("[data-message-id='" + older + "'] time").getAttribute("title")).contains("March 5, 2025").contains("4:05");

    page.navigate(server.url("/searches?q=long"));
    assertThat(label(page, "#search-results")).isEqualTo("Mar 5, 2025, 4:05 AM");

    // Alice's other session (the one that posted) was last seen today.
    page.navigate(server.url("/users/me/profile"));
    assertThat(label(page, ".profile__session-note")).matches("\\d{1,2}:\\d{2} [AP]M");
    browser.assertNoProblems();
  }

  /** The text of the one time inside {@code scope}, once the page has written it (Chromium puts a narrow space before AM/PM). */
  static String label(Page page, String scope) {
    Locator time = page.locator(scope + " time[datetime]");
    time.first().waitFor();
    page.waitForFunction("t => t.title !== ''", time.first().elementHandle());
    return time.first().textContent().replace('\u202f', ' ').strip();
  }

  @Test
  void messages_appear_live_once_in_every_tab_and_for_everyone_in_the_room() {
    Page alice = signIn("alice@example.com");
    waitForCable(alice);
    Page aliceAgain = secondTab(alice);
    Page bob = signIn("bob@example.com");
    waitForCable(bob);

    say(alice, "Hello from the first tab");
    for (Page page : List.of(alice, aliceAgain, bob)) assertThat(messages(page, "Hello from the first tab")).hasCount(1);
    say(bob, "Hi Alice");
    say(bob, "Shift and Enter makes");
    for (Page page : List.of(alice, aliceAgain, bob)) {
      assertThat(messages(page, "Hi Alice")).hasCount(1);
      assertThat(messages(page, "Shift and Enter makes")).hasCount(1);
      assertThat(page.locator(".messages .message--pending")).hasCount(0);
    }
    assertThat(alice.locator(".message").filter(new Locator.FilterOptions().setHasText("Shift and Enter makes")))
        .hasClass(Pattern.compile("message--followup"));
    assertThat(server.count("SELECT COUNT(*) FROM messages")).isEqualTo(3);

    editor(alice).click();
    alice.keyboard().type("line one");
    alice.keyboard().press("Shift+Enter");
    alice.keyboard().type("line two");
    alice.keyboard().press("Enter");
    assertThat(messages(bob, "line two")).hasCount(1);
    assertThat(server.string("SELECT body_html FROM messages ORDER BY id DESC LIMIT 1")).contains("line one<br />line two");
    BrowserSession.screenshot(bob, "busy-room-desktop");
    browser.assertNoProblems();
  }

  @Test
  void html_with_script_never_executes_in_any_view() {
    Page alice = signIn("alice@example.com");
    waitForCable(alice);
    Page bob = signIn("bob@example.com");
    waitForCable(bob);

    alice.evaluate("() => { document.querySelector('lexxy-editor#message_body').value = "
        + "'<p>look<img src=x onerror=\"window.__xss = 1\"></p>' }");
    alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send Message")).click();
    assertThat(messages(bob, "look")).hasCount(1);
    // Setting hostile HTML into the sender's own editor makes the editor parse it; the page's CSP
    // blocks the handler there. That refusal is the only problem allowed, and only on that page.
    assertThat(browser.takeProblems()).allMatch(problem -> problem.contains("Content Security Policy"));

    // The browser editor cleans HTML too; post raw HTML past it to prove the server does.
    alice.evaluate("async () => { const body = new FormData(); body.set('message[body]', "
        + "'<p>raw<img src=x onerror=\"window.__xss = 2\"><script>window.__xss = 3</script></p>');"
        + " body.set('message[client_message_id]', 'raw-1');"
        + " await fetch('/rooms/" + allTalk + "/messages', { method: 'POST', body, headers: { 'X-CSRF-Token':"
        + " document.querySelector('meta[name=csrf-token]').content, Accept: 'text/vnd.turbo-stream.html' } }) }");
    assertThat(messages(bob, "raw")).hasCount(1);
    bob.reload();
    assertThat(messages(bob, "raw")).hasCount(1);
    for (Page page : List.of(alice, bob)) assertThat(page.evaluate("() => window.__xss === undefined")).isEqualTo(true);
    assertThat(bob.locator(".messages img[onerror], .messages script")).hasCount(0);
    browser.allowStatus(404);
    browser.assertNoProblems();
  }

  @Test
  void an_edit_shows_live_in_the_other_tab_and_copy_link_gives_the_permalink() {
    Page alice = signIn("alice@example.com");
    waitForCable(alice);
    Page other = secondTab(alice);
    say(alice, "Helo everyone");
    Locator message = messages(alice, "Helo everyone");
    assertThat(message).hasCount(1);
    String messageId = message.getAttribute("data-message-id");

    message.hover();
    message.getByLabel("Message actions").click();
    message.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Edit")).click();
    Locator edit = alice.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Edit message"));
    assertThat(edit).isVisible();
    edit.click();
    alice.keyboard().press("Control+A");
    alice.keyboard().type("Hello everyone");
    alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save changes")).click();
    assertThat(messages(other, "Hello everyone")).hasCount(1);
    assertThat(messages(other, "Helo everyone")).hasCount(0);

    Locator updated = messages(alice, "Hello everyone");
    updated.hover();
    updated.getByLabel("Message actions").click();
    updated.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Copy link")).click();
    String copied = (String) alice.evaluate("() => navigator.clipboard.readText()");
    assertThat(copied).isEqualTo(server.url("/rooms/" + allTalk + "/@" + messageId));
    browser.assertNoProblems();
  }

  @Test
  void the_message_menu_stays_open_until_closed_and_nothing_in_it_moves() {
    Page alice = browser.newPage();
    alice.clock().install();
    alice.navigate(server.url("/session/new"));
    alice.getByLabel("Email address").fill("alice@example.com");
    alice.getByLabel("Password").fill(Fixtures.PASSWORD);
    alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    waitForCable(alice);
    say(alice, "Menu check");
    Locator message = messages(alice, "Menu check");
    assertThat(message).hasCount(1);

    // The boost picker loads lazily; hold it back to measure the menu before and after it comes.
    java.util.concurrent.CompletableFuture<com.microsoft.playwright.Route> picker = new java.util.concurrent.CompletableFuture<>();
    alice.route("**/boosts/new", picker::complete);
    message.hover();
    message.getByLabel("Message actions").click();
    Locator copy = message.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Copy link"));
    assertThat(copy).isVisible();
    alice.waitForCondition(picker::isDone);
    var before = copy.boundingBox();
    picker.join().resume();
    assertThat(message.locator(".boost-picker")).isVisible();
    alice.waitForFunction("() => document.querySelector('.message__menu turbo-frame').hasAttribute('complete')");
    var after = copy.boundingBox();
    assertThat(after.y).as("Copy link stays put when the boost picker arrives").isEqualTo(before.y);

    copy.click();
    assertThat(message.getByRole(AriaRole.STATUS)).hasText("Link copied");
    alice.clock().runFor(3000);
    Locator menu = message.locator("details.message__actions");
    assertThat(menu).hasAttribute("open", "");
    alice.keyboard().press("Escape");
    assertThat(menu).not().hasAttribute("open", "");
    message.getByLabel("Message actions").click();
    assertThat(menu).hasAttribute("open", "");
    alice.locator("#nav").click();
    assertThat(menu).not().hasAttribute("open", "");

    // Editing: what is typed the moment the textbox shows is kept and saved.
    message.hover();
    message.getByLabel("Message actions").click();
    message.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Edit")).click();
    Locator edit = alice.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Edit message"));
    assertThat(edit).isVisible();
    alice.keyboard().type(" typed at once");
    alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save changes")).click();
    assertThat(edit).hasCount(0);
    assertThat(message.locator(".message__body")).containsText("Menu check typed at once");
    assertThat(server.string("SELECT body_plain FROM messages ORDER BY id DESC LIMIT 1")).contains("typed at once");
    browser.assertNoProblems();
  }

  @Test
  void rooms_created_and_renamed_in_one_tab_appear_in_the_others_sidebar() {
    Page alice = signIn("alice@example.com");
    waitForCable(alice);
    Page other = secondTab(alice);
    other.waitForFunction("() => [...document.querySelectorAll('turbo-cable-stream-source')].every(s => s.hasAttribute('connected'))");

    alice.getByLabel("New room").click();
    alice.getByLabel("Name this room").fill("Design");
    alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
    assertThat(alice.locator("#nav")).containsText("Design");
    assertThat(other.locator("#shared_rooms")).containsText("Design");

    alice.getByLabel("Settings for this room").click();
    alice.getByLabel("Name this room").fill("Design reviews");
    alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
    assertThat(other.locator("#shared_rooms")).containsText("Design reviews");
    browser.assertNoProblems();
  }

  @Test
  void a_ping_started_from_new_ping_opens_a_room_headed_ping_with_name() {
    Page alice = signIn("alice@example.com");
    alice.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New Ping")).click();
    alice.locator("[data-autocomplete-target='input']").pressSequentially("Bob");
    alice.locator("suggestion-option").filter(new Locator.FilterOptions().setHasText("Bob Member")).click();
    assertThat(alice.locator("[data-autocomplete-target='select'] option")).hasCount(1);
    alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start Ping")).click();
    assertThat(alice.locator("#nav")).containsText("Ping with Bob Member");
    assertThat(alice.locator("#direct_rooms")).containsText("Bob Member");
    browser.assertNoProblems();
  }

  @Test
  void after_a_server_restart_clients_reconnect_and_catch_up() {
    Page alice = signIn("alice@example.com");
    waitForCable(alice);
    var bob = server.client();
    bob.get("/session/new");
    bob.post("/session", Map.of("email_address", "bob@example.com", "password", Fixtures.PASSWORD));
    bob.get("/rooms/" + allTalk);

    server.restart();
    Fixtures.say(server, bob, allTalk, "<p>posted while you reconnected</p>");
    assertThat(messages(alice, "posted while you reconnected")).hasCount(1,
        new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(30_000));
    Fixtures.say(server, bob, allTalk, "<p>and live again</p>");
    assertThat(messages(alice, "and live again")).hasCount(1);
    assertThat(messages(alice, "posted while you reconnected")).hasCount(1);
  }

  @Test
  void after_the_connection_drops_the_sidebar_catches_up_with_rooms_and_unread_marks() {
    Page alice = browser.newPage();
    CableSwitch cable = new CableSwitch(alice);
    alice.navigate(server.url("/session/new"));
    alice.getByLabel("Email address").fill("alice@example.com");
    alice.getByLabel("Password").fill(Fixtures.PASSWORD);
    alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    alice.waitForFunction("() => [...document.querySelectorAll('turbo-cable-stream-source')].every(s => s.hasAttribute('connected'))");

    cable.cut();
    alice.waitForFunction("() => [...document.querySelectorAll('turbo-cable-stream-source')].every(s => !s.hasAttribute('connected'))");
    assertThat(alice.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Reconnecting"))).isVisible();
    campfire.support.BrowserSession.screenshot(alice, "connection-lost-desktop");
    var bob = Fixtures.signIn(server, "bob@example.com");
    assertThat(bob.post("/rooms/opens", Map.of("room[name]", "Made while you were away")).statusCode()).isEqualTo(303);
    long away = server.count("SELECT id FROM rooms WHERE name = 'Made while you were away'");
    Fixtures.say(server, bob, away, "<p>news from the new room</p>");
    Fixtures.say(server, bob, allTalk, "<p>missed in the open room</p>");
    assertThat(alice.locator("#shared_rooms")).not().containsText("Made while you were away");

    cable.restore();
    var reconnect = new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(30_000);
    assertThat(alice.locator("#shared_rooms")).containsText("Made while you were away", reconnect);
    assertThat(alice.locator("#list_room_" + away)).hasClass(Pattern.compile("unread"));
    assertThat(alice.locator("#list_room_" + allTalk)).hasClass(Pattern.compile("room-link--current"));
    assertThat(messages(alice, "missed in the open room")).hasCount(1);
    assertThat(alice.locator("#connection_banner")).hasCount(0);
    browser.assertNoProblems();
  }

  @Test
  void the_message_menu_opens_upward_near_the_bottom_walks_by_keyboard_and_closes_after_edit() {
    var poster = Fixtures.signIn(server, "alice@example.com");
    for (int i = 1; i <= 30; i++) Fixtures.say(server, poster, allTalk, "<p>Line " + i + "</p>");
    Page alice = signIn("alice@example.com", 390, 844);
    waitForCable(alice);
    Locator last = messages(alice, "Line 30");
    assertThat(last).isInViewport();
    last.getByLabel("Message actions").click();
    Locator menu = last.locator(".message__menu");
    assertThat(menu).isVisible();
    alice.waitForFunction("() => document.querySelector('.message__menu turbo-frame').hasAttribute('complete')");
    assertThat(menu).hasClass(Pattern.compile("message__menu--up"));
    var box = menu.boundingBox();
    var room = alice.locator(".messages").boundingBox();
    assertThat(box.y).as("the menu's top is in the room's visible part").isGreaterThanOrEqualTo(room.y);
    assertThat(box.y + box.height).as("and so is its bottom").isLessThanOrEqualTo(room.y + room.height);
    BrowserSession.screenshot(alice, "message-menu-phone");

    alice.keyboard().press("ArrowDown");
    assertThat(alice.evaluate("() => document.activeElement.getAttribute('aria-label')")).isEqualTo("Boost 👍");
    alice.keyboard().press("End");
    assertThat(alice.evaluate("() => document.activeElement.textContent")).isEqualTo("Delete");
    alice.keyboard().press("ArrowDown");
    assertThat(alice.evaluate("() => document.activeElement.getAttribute('aria-label')")).isEqualTo("Boost 👍");
    alice.keyboard().press("ArrowUp");
    alice.keyboard().press("ArrowUp");
    assertThat(alice.evaluate("() => document.activeElement.textContent")).isEqualTo("Edit");
    alice.keyboard().press("Escape");
    assertThat(last.locator("details.message__actions")).not().hasAttribute("open", "");
    assertThat(alice.evaluate("() => document.activeElement.getAttribute('aria-label')")).isEqualTo("Message actions");

    // A message at the top of the room opens its menu downwards.
    alice.evaluate("() => document.querySelector('.messages').scrollTop = 0");
    Locator top = alice.locator(".messages .message").first();
    top.getByLabel("Message actions").click();
    assertThat(top.locator(".message__menu")).isVisible();
    assertThat(top.locator(".message__menu")).not().hasClass(Pattern.compile("message__menu--up"));
    alice.keyboard().press("Escape");

    last.getByLabel("Message actions").click();
    last.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Edit")).click();
    assertThat(alice.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Edit message"))).isVisible();
    assertThat(last.locator("details.message__actions")).not().hasAttribute("open", "");
    browser.assertNoProblems();
  }

  @Test
  void a_room_deleted_or_left_behind_sends_its_open_tabs_to_the_person_s_rooms_with_a_notice() {
    var admin = Fixtures.signIn(server, "alice@example.com");
    admin.get("/rooms/opens/new");
    long plans = Long.parseLong(admin.post("/rooms/opens", Map.of("room[name]", "Plans")).headers().firstValue("Location").orElseThrow()
        .replaceAll(".*/rooms/", ""));
    long bobId = Fixtures.userId(server, "bob@example.com");
    admin.get("/rooms/closeds/new");
    long secret = Long.parseLong(admin.post("/rooms/closeds", Map.of("room[name]", "Secret", "user_ids[]", Long.toString(bobId)))
        .headers().firstValue("Location").orElseThrow().replaceAll(".*/rooms/", ""));

    Page bob = signIn("bob@example.com", 390, 844);
    bob.navigate(server.url("/rooms/" + plans));
    waitForCable(bob);
    Page bobElsewhere = browser.newWindow(bob);
    bobElsewhere.navigate(server.url("/rooms/" + allTalk));
    waitForCable(bobElsewhere);

    admin.get("/rooms/opens/" + plans + "/edit");
    assertThat(admin.post("/rooms/" + plans, Map.of("_method", "delete")).statusCode()).isEqualTo(303);
    assertThat(bob.locator(".notice--floating")).hasText("“Plans” was deleted.");
    assertThat(bob).hasURL(server.url("/rooms/" + allTalk));
    assertThat(bob.locator("#list_room_" + plans)).hasCount(0);
    // A tab showing another room stays where it is; only the room's entry leaves its sidebar.
    assertThat(bobElsewhere.locator("#list_room_" + plans)).hasCount(0);
    assertThat(bobElsewhere.locator(".notice--floating")).hasCount(0);
    assertThat(bobElsewhere).hasURL(server.url("/rooms/" + allTalk));

    bob.navigate(server.url("/rooms/" + secret));
    waitForCable(bob);
    assertThat(bob.locator(".notice--floating")).hasCount(0);
    admin.get("/rooms/closeds/" + secret + "/edit");
    assertThat(admin.post("/rooms/closeds/" + secret, Map.of("_method", "patch", "room[name]", "Secret")).statusCode()).isEqualTo(303);
    assertThat(bob.locator(".notice--floating")).hasText("You are no longer in “Secret”.");
    assertThat(bob).hasURL(server.url("/rooms/" + allTalk));
    BrowserSession.screenshot(bob, "room-gone-phone");
    // It stays until dismissed (or the person moves on).
    bob.locator(".notice--floating").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Dismiss")).click();
    assertThat(bob.locator(".notice--floating")).hasCount(0);
    browser.assertNoProblems();
  }

  @Test
  void typing_shows_for_others_unread_rooms_go_bold_and_up_arrow_edits_your_last_message() {
    var admin = server.client();
    admin.get("/session/new");
    admin.post("/session", Map.of("email_address", "alice@example.com", "password", Fixtures.PASSWORD));
    admin.get("/rooms/opens/new");
    String other = admin.post("/rooms/opens", Map.of("room[name]", "Elsewhere")).headers().firstValue("Location").orElseThrow();

    Page alice = signIn("alice@example.com");
    alice.navigate(server.url("/rooms/" + allTalk));
    waitForCable(alice);
    Page bob = signIn("bob@example.com");
    bob.navigate(server.url(other));
    waitForCable(bob);
    bob.waitForFunction("() => [...document.querySelectorAll('turbo-cable-stream-source')].every(s => s.hasAttribute('connected'))");

    say(alice, "Anyone around?");
    assertThat(bob.locator("#list_room_" + allTalk)).hasClass(Pattern.compile("room-link--unread"));
    bob.locator("#list_room_" + allTalk).click();
    assertThat(bob.locator("#nav")).containsText("All Talk");
    waitForCable(bob);
    assertThat(messages(bob, "Anyone around?")).hasCount(1);
    bob.waitForTimeout(500);
    bob.reload();
    assertThat(bob.locator("#list_room_" + allTalk)).not().hasClass(Pattern.compile("room-link--unread"));
    waitForCable(bob);

    editor(alice).click();
    alice.keyboard().type("I am typing something long");
    assertThat(bob.locator(".typing")).hasText("Alice Admin is typing…");
    alice.keyboard().press("Control+A");
    alice.keyboard().press("Backspace");
    alice.keyboard().press("ArrowUp");
    Locator edit = alice.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Edit message"));
    assertThat(edit).isVisible();
    assertThat(edit).containsText("Anyone around?");
    browser.assertNoProblems();
  }

  @Test
  void a_busy_room_at_phone_width() {
    var alice = server.client();
    alice.get("/session/new");
    alice.post("/session", Map.of("email_address", "alice@example.com", "password", Fixtures.PASSWORD));
    String[] lines = {"Morning! Coffee’s on.", "Did the deploy go out?", "Yes, at 9. All green.", "🎉",
        "<p>Numbers look <strong>great</strong>: signups up 12%</p>", "Let’s review the mobile layout after lunch."};
    for (String line : lines) Fixtures.say(server, alice, allTalk, line.startsWith("<") ? line : "<p>" + line + "</p>");
    Page bob = signIn("bob@example.com", 390, 844);
    waitForCable(bob);
    say(bob, "Sounds good, see you at 1.");
    assertThat(messages(bob, "see you at 1")).hasCount(1);
    BrowserSession.screenshot(bob, "busy-room-phone");
    browser.assertNoProblems();
  }

  /** On a phone the connection banner and a notice stack in one column: neither covers the other. */
  @Test
  void at_phone_width_the_connection_banner_and_a_notice_stack_without_covering_each_other() {
    Page carol = browser.newPage(PHONE_WIDTH, PHONE_HEIGHT);
    CableSwitch cable = new CableSwitch(carol);
    carol.navigate(server.url(Fixtures.joinPath(server)));
    carol.getByLabel("Your name").fill("Carol Phone");
    carol.getByLabel("Email address").fill("carol@example.com");
    carol.getByLabel("Password").fill(Fixtures.PASSWORD);
    carol.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join")).click();
    Locator notice = carol.locator(".notice--floating");
    assertThat(notice).containsText("Welcome to");
    carol.waitForFunction("() => [...document.querySelectorAll('turbo-cable-stream-source')].every(s => s.hasAttribute('connected'))");

    cable.cut();
    Locator banner = carol.locator("#connection_banner");
    assertThat(banner).isVisible();
    assertThat(notice).isVisible();
    var top = banner.boundingBox();
    var below = notice.boundingBox();
    org.assertj.core.api.Assertions.assertThat(top.y + top.height).as("the banner ends above the notice").isLessThanOrEqualTo(below.y);
    org.assertj.core.api.Assertions.assertThat(below.x + below.width).as("the notice fits the screen").isLessThanOrEqualTo(PHONE_WIDTH);
    campfire.support.BrowserSession.screenshot(carol, "connection-lost-with-notice-phone");
    notice.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Dismiss")).click();
    assertThat(notice).hasCount(0);
    assertThat(banner).isVisible();
    browser.assertNoProblems();
  }

  /** The New Ping people picker behaves like every popup: keys move and name the highlighted person, Escape and a click beside close it. */
  @Test
  void the_people_picker_names_the_highlighted_person_and_closes_with_escape_or_a_click_beside_it() {
    Fixtures.member(server, "Bea Member", "bea@example.com");
    Page alice = signIn("alice@example.com");
    alice.navigate(server.url("/rooms/directs/new"));
    Locator find = alice.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Find people"));
    Locator options = alice.getByRole(AriaRole.OPTION);
    find.pressSequentially("Member");
    assertThat(options).hasCount(2);
    assertThat(find).hasAttribute("aria-expanded", "true");
    find.press("ArrowDown");
    String highlighted = alice.locator("[role=option][aria-selected=true]").getAttribute("id");
    assertThat(find).hasAttribute("aria-activedescendant", highlighted);
    find.press("Escape");
    assertThat(options).hasCount(0);
    assertThat(find).hasAttribute("aria-expanded", "false");
    org.assertj.core.api.Assertions.assertThat(find.getAttribute("aria-activedescendant")).isNull();
    assertThat(find).isFocused();

    find.fill("");
    find.pressSequentially("Member");
    assertThat(options).hasCount(2);
    alice.locator("h1, h2").first().click();
    assertThat(options).hasCount(0);
    find.fill("");
    find.pressSequentially("Bea");
    assertThat(options).hasCount(1);
    find.press("Enter");
    assertThat(alice.locator("[data-autocomplete-target='select'] option")).hasText("Bea Member");
    assertThat(find).hasValue("");
    browser.assertNoProblems();
  }
}
