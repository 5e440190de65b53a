package campfire.browser;

import static campfire.browser.CampfireFlowBrowserTest.confirmed;
import static campfire.browser.CampfireFlowBrowserTest.live;
import static campfire.browser.CampfireFlowBrowserTest.say;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.BrowserTest;
import campfire.support.Fixtures;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.WebSocketRoute;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The poster's own copy: whichever of the POST answer and the live broadcast arrives first turns
 * the pending copy into the confirmed message, in place; the other changes nothing. The race is
 * forced both ways by holding one of them back in the browser.
 */
// The browser checks the page, not the database: it runs in the SQLite execution; the whole flow also runs on PostgreSQL.
@org.junit.jupiter.api.Tag("sqlite-only")
class PosterCopyBrowserTest extends BrowserTest {
  /** Counts the message appends the page has taken, and says when none is still being rendered. */
  private static final String COUNT_ARRIVALS = "() => { window.__arrivals = 0; document.addEventListener('turbo:before-stream-render', e =>"
      + " { if (e.target.getAttribute('action') === 'append' && e.target.templateContent.querySelector('.message')) window.__arrivals++ }) }";
  private static final String SETTLED = "n => window.__arrivals >= n && !document.querySelector('turbo-stream')";

  long allTalk;

  @Override
  protected void setUp() {
    Fixtures.admin(server);
    Fixtures.member(server, "Bob Member", "bob@example.com");
    allTalk = Fixtures.allTalk(server);
  }

  @Test
  void the_broadcast_before_the_answer_confirms_the_copy_and_the_late_answer_changes_nothing() {
    Page alice = signIn("alice@example.com");
    Page bob = signIn("bob@example.com");
    live(alice);
    live(bob);
    say(alice, "Before anything else");
    assertThat(confirmed(alice, "Before anything else")).hasCount(1);
    alice.evaluate(COUNT_ARRIVALS);

    CompletableFuture<Route> heldRoute = new CompletableFuture<>();
    CompletableFuture<APIResponse> heldAnswer = new CompletableFuture<>();
    alice.route("**/rooms/" + allTalk + "/messages", route -> {
      if (!"POST".equals(route.request().method())) {
        route.resume();
        return;
      }
      heldAnswer.complete(route.fetch());
      heldRoute.complete(route);
    });
    say(alice, "Broadcast wins");
    Locator mine = confirmed(alice, "Broadcast wins");
    assertThat(mine).hasCount(1);
    assertThat(alice.locator(".messages .message--pending")).hasCount(0);
    String id = mine.getAttribute("id");

    // An edit lands while the answer is still held: the late answer must not undo it.
    say(bob, "Someone else talks meanwhile");
    assertThat(confirmed(alice, "Someone else talks meanwhile")).hasCount(1);
    String messageId = mine.getAttribute("data-message-id");
    alice.evaluate("async ([room, message]) => { const body = new FormData(); body.set('_method', 'patch');"
        + " body.set('message[body]', '<p>Broadcast wins, edited</p>');"
        + " await fetch(`/rooms/${room}/messages/${message}`, { method: 'POST', body, headers: { Accept: 'text/vnd.turbo-stream.html',"
        + " 'X-CSRF-Token': document.querySelector('meta[name=csrf-token]').content } }) }", List.of(String.valueOf(allTalk), messageId));
    assertThat(confirmed(alice, "Broadcast wins, edited")).hasCount(1);

    alice.waitForCondition(heldRoute::isDone);
    heldRoute.join().fulfill(new Route.FulfillOptions().setResponse(heldAnswer.join()));
    alice.waitForFunction(SETTLED, 3);
    assertOneConfirmedCopy(alice, id, "Broadcast wins, edited");
    assertThat(alice.locator(".messages .message").last()).containsText("Someone else talks meanwhile");
    assertOneConfirmedCopy(bob, id, "Broadcast wins, edited");
    browser.assertNoProblems();
  }

  @Test
  void the_answer_before_the_broadcast_confirms_the_copy_and_the_late_broadcast_changes_nothing() {
    List<String> held = new CopyOnWriteArrayList<>();
    CompletableFuture<WebSocketRoute> toPage = new CompletableFuture<>();
    Page alice = browser.newPage();
    alice.routeWebSocket("**/cable", page -> {
      WebSocketRoute cable = page.connectToServer();
      cable.onMessage(frame -> {
        String text = frame.text();
        if (text != null && text.contains("Answer wins")) held.add(text);
        else if (text != null) page.send(text);
      });
      toPage.complete(page);
    });
    alice.navigate(server.url("/session/new"));
    alice.getByLabel("Email address").fill("alice@example.com");
    alice.getByLabel("Password").fill(Fixtures.PASSWORD);
    CampfireFlowBrowserTest.button(alice, "Sign in").click();
    live(alice);
    Page bob = signIn("bob@example.com");
    live(bob);
    alice.evaluate(COUNT_ARRIVALS);

    say(alice, "Answer wins");
    Locator mine = confirmed(alice, "Answer wins");
    assertThat(mine).hasCount(1);
    assertThat(alice.locator(".messages .message--pending")).hasCount(0);
    assertThat(confirmed(bob, "Answer wins")).hasCount(1);
    String id = mine.getAttribute("id");
    alice.waitForCondition(() -> held.size() == 1);
    alice.waitForFunction(SETTLED, 1);

    held.forEach(toPage.join()::send);
    alice.waitForFunction(SETTLED, 2);
    assertOneConfirmedCopy(alice, id, "Answer wins");
    assertOneConfirmedCopy(bob, id, "Answer wins");
    browser.assertNoProblems();
  }

  private static void assertOneConfirmedCopy(Page page, String id, String text) {
    assertThat(page.locator("[id='" + id + "']")).hasCount(1);
    assertThat(page.locator("[id='" + id + "']")).hasAttribute("data-message-id", java.util.regex.Pattern.compile("\\d+"));
    assertThat(page.locator("[id='" + id + "']")).containsText(text);
    assertThat(page.locator(".messages .message--pending")).hasCount(0);
  }
}
