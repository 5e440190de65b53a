package campfire.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Debian's Chromium driven by Playwright, recording every console error, page error and failed request. */
public final class BrowserSession implements AutoCloseable {
  private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
  private final Playwright playwright;
  private final Browser browser;
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final List<BrowserContext> contexts = new CopyOnWriteArrayList<>();
  private final java.util.Set<Integer> allowedStatuses = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public BrowserSession() {
    if (!Files.isExecutable(CHROMIUM)) {
      throw new IllegalStateException("Chromium not found at " + CHROMIUM + ": install Debian's chromium package (apt-get install -y chromium)");
    }
    playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(CHROMIUM)
        .setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync")));
  }

  /** A new browser profile (cookies of its own), at desktop or phone width, in American English on UTC. */
  public Page newPage(int width, int height) { return newPage(width, height, "UTC"); }

  /** A new browser profile whose clock reads in {@code timezoneId} (an IANA zone, as a person's device is set). */
  public Page newPage(int width, int height, String timezoneId) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height)
        .setLocale("en-US").setTimezoneId(timezoneId).setPermissions(List.of("clipboard-read", "clipboard-write")));
    contexts.add(context);
    return watch(context.newPage());
  }

  /**
   * Another tab of the same person (the same cookies), opened in a window of its own. Chromium
   * draws only the front tab of a window at full speed (the others at one frame a second, which
   * makes every click there wait on "stable"); a person looks at the tab they use, so each tab
   * gets its own window.
   */
  public Page newWindow(Page sibling) {
    BrowserContext context = sibling.context();
    CDPSession pageSession = context.newCDPSession(sibling);
    String contextId = pageSession.send("Target.getTargetInfo").getAsJsonObject("targetInfo").get("browserContextId").getAsString();
    pageSession.detach();
    CDPSession browserSession = browser.newBrowserCDPSession();
    try {
      JsonObject target = new JsonObject();
      target.addProperty("url", "about:blank");
      target.addProperty("browserContextId", contextId);
      target.addProperty("newWindow", true);
      return watch(context.waitForPage(() -> browserSession.send("Target.createTarget", target)));
    } finally {
      browserSession.detach();
    }
  }

  /** Closes every page of the previous test and forgets its problems; call before each test. */
  public void reset() {
    contexts.forEach(BrowserContext::close);
    contexts.clear();
    problems.clear();
    allowedStatuses.clear();
  }

  public Page newPage() { return newPage(1280, 800); }

  public Page watch(Page page) {
    page.onConsoleMessage(message -> {
      // A failed load is also reported below with its URL and status, which says more.
      if ("error".equals(message.type()) && !message.text().startsWith("Failed to load resource")) {
        problems.add("console: " + message.text() + " (at " + message.location() + ")");
      }
    });
    page.onPageError(error -> problems.add("page error: " + error));
    page.onRequestFailed(request -> {
      String failure = request.failure();
      // A navigation away cancels requests still in flight; that is the browser's choice, not a fault.
      if (failure != null && !failure.contains("ERR_ABORTED")) problems.add("request failed: " + request.url() + " " + failure);
    });
    page.onResponse(response -> {
      if (response.status() >= 400 && !allowedStatuses.contains(response.status())) {
        problems.add("HTTP " + response.status() + " " + response.request().method() + " " + response.url());
      }
    });
    return page;
  }

  /** A status the test provokes on purpose (a refused sign-in answers 401, as the contract says). */
  public void allowStatus(int status) { allowedStatuses.add(status); }

  /** Forgets what was recorded so far (for a page that provokes a refusal on purpose). */
  public List<String> takeProblems() {
    List<String> taken = List.copyOf(problems);
    problems.clear();
    return taken;
  }

  public void assertNoProblems() {
    assertThat(problems).as("console errors, page errors and failed requests").isEmpty();
  }

  public static void screenshot(Page page, String name) {
    Path dir = Path.of("target", "screenshots");
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")));
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
