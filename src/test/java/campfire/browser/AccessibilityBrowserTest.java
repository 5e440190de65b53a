package campfire.browser;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.BrowserTest;
import campfire.support.Fixtures;
import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every page through axe-core (every rule), as an administrator and, where pages differ, as a
 * member; in the dark theme the contrast of one page of each kind: no serious or critical
 * violation (contrast, names, landmarks, labels ...).
 */
@org.junit.jupiter.api.Tag("sqlite-only")
class AccessibilityBrowserTest extends BrowserTest {
  long allTalk;
  long ping;
  long bobId;

  @Override
  protected void setUp() {
    var alice = Fixtures.admin(server);
    var bob = Fixtures.member(server, "Bob Member", "bob@example.com");
    allTalk = Fixtures.allTalk(server);
    bobId = Fixtures.userId(server, "bob@example.com");
    Fixtures.say(server, alice, allTalk, "<p>Welcome, everyone. The <strong>plan</strong> is on the wiki.</p>");
    Fixtures.say(server, bob, allTalk, "<p>Thanks! " + Fixtures.mention(bob, allTalk, "Alice") + "</p>");
    alice.get("/rooms/directs/new");
    ping = Long.parseLong(alice.post("/rooms/directs", Map.of("user_ids[]", Long.toString(bobId))).headers().firstValue("Location")
        .orElseThrow().replaceAll(".*/rooms/", ""));
  }

  /** The dark theme changes colours only: one page of each kind is enough to check its contrast. */
  static final List<String> DARK_SAMPLE = List.of("/rooms/N", "/rooms/opens/new", "/users/me/profile", "/account/edit", "/account/bots",
      "/searches?q=plan", "/nope");

  /** Every rule in the light theme; in the dark one only what the theme changes, contrast. */
  List<String> violations(Page page, ColorScheme scheme, String where) {
    // Only violations come back in full (passes would be every node of the page, serialised for nothing).
    AxeRunOptions options = new AxeRunOptions();
    options.setResultTypes(List.of("violations"));
    // Legacy mode runs axe in the page itself; the default opens a second page per check to merge
    // the results of frames, which our pages do not have (and takes twice as long).
    AxeBuilder axe = new AxeBuilder(page).options(options).setLegacyMode(true);
    if (scheme == ColorScheme.DARK) axe.withRules(List.of("color-contrast"));
    AxeResults results = axe.analyze();
    List<String> found = new ArrayList<>();
    for (Rule rule : results.getViolations()) {
      if (!List.of("serious", "critical").contains(rule.getImpact())) continue;
      rule.getNodes().forEach(node -> found.add(where + ": " + rule.getId() + " (" + rule.getImpact() + ") " + node.getTarget() + " "
          + node.getFailureSummary().replace('\n', ' ')));
    }
    return found;
  }

  @Test
  void every_page_has_no_serious_or_critical_violation_for_admins_and_members_in_both_themes() {
    List<String> found = new ArrayList<>();
    for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
      Page out = browser.newPage(1280, 800);
      out.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(scheme));
      for (String path : List.of("/session/new", Fixtures.joinPath(server))) {
        out.navigate(server.url(path));
        found.addAll(violations(out, scheme, scheme + " signed out " + path));
      }
      // The administrator sees every page; a member, the pages that differ for members.
      Map<String, List<String>> pages = Map.of(
          "alice@example.com", List.of("/rooms/" + allTalk, "/rooms/" + ping, "/rooms/opens/new", "/rooms/closeds/new", "/rooms/directs/new",
              "/rooms/opens/" + allTalk + "/edit", "/users/me/profile", "/users/" + bobId, "/account/edit", "/account/bots",
              "/account/custom_styles/edit", "/searches?q=plan", "/users/me/sidebar", "/nope"),
          "bob@example.com", List.of("/rooms/" + allTalk, "/account/edit", "/users/me/profile"));
      for (var entry : pages.entrySet()) {
        Page page = signIn(entry.getKey(), 1280, 800);
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(scheme));
        for (String path : entry.getValue()) {
          if (scheme == ColorScheme.DARK && !DARK_SAMPLE.contains(path.replaceAll("\\d+", "N"))) continue;
          page.navigate(server.url(path));
          found.addAll(violations(page, scheme, scheme + " " + entry.getKey() + " " + path));
        }
      }
    }
    browser.takeProblems();
    assertThat(found).as("serious and critical accessibility violations").isEmpty();
  }

  /** At phone width the sidebar folds away behind its button and the composer spans the screen: the room checked with it closed and open. */
  @Test
  void the_pages_at_phone_width_have_no_serious_or_critical_violation() {
    List<String> found = new ArrayList<>();
    Page out = browser.newPage(390, 844);
    // The checker itself finds what it should: a picture without a text alternative is critical.
    out.setContent("<main><img src='data:image/gif;base64,R0lGODlhAQABAAAAACw='></main>");
    assertThat(violations(out, ColorScheme.LIGHT, "a bad page")).anyMatch(v -> v.contains("image-alt (critical)"));
    out.navigate(server.url("/session/new"));
    found.addAll(violations(out, ColorScheme.LIGHT, "phone signed out /session/new"));
    Page page = signIn("bob@example.com", 390, 844);
    // The layouts that fold differently on a phone (the forms below them are the desktop ones, checked above).
    for (String path : List.of("/rooms/" + ping, "/searches?q=plan", "/account/edit")) {
      page.navigate(server.url(path));
      found.addAll(violations(page, ColorScheme.LIGHT, "phone bob " + path));
    }
    page.navigate(server.url("/rooms/" + allTalk));
    found.addAll(violations(page, ColorScheme.LIGHT, "phone bob /rooms/" + allTalk));
    page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show rooms")).click();
    page.locator("#sidebar").waitFor();
    found.addAll(violations(page, ColorScheme.LIGHT, "phone bob /rooms/" + allTalk + " with the rooms shown"));
    browser.takeProblems();
    assertThat(found).as("serious and critical accessibility violations at phone width").isEmpty();
  }
}
