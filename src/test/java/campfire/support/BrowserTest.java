package campfire.support;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every browser test shares: one Chromium per class, a fresh server per test (after
 * {@link #setUp()} names its people), pages closed and problems forgotten between tests.
 */
public abstract class BrowserTest {
  public static final int PHONE_WIDTH = 390;
  public static final int PHONE_HEIGHT = 844;
  protected static BrowserSession browser;
  protected TestServer server;

  @BeforeAll
  static void launchBrowser() { browser = new BrowserSession(); }

  @AfterAll
  static void quitBrowser() { browser.close(); }

  @BeforeEach
  void startServer() {
    browser.reset();
    server = TestServer.start();
    setUp();
  }

  @AfterEach
  void stopServer() {
    browser.reset();
    server.close();
  }

  /** Closes every page and the server, and starts a fresh instance (for a test that runs a flow more than once). */
  protected void freshInstance() {
    stopServer();
    startServer();
  }

  /** Makes the people and rooms the test starts with; nothing by default. */
  protected void setUp() { }

  protected Page signIn(String email, int width, int height) { return signIn(browser.newPage(width, height), email); }

  /** Signs in on a page the test made (a phone, another time zone). */
  protected Page signIn(Page page, String email) {
    page.navigate(server.url("/session/new"));
    page.getByLabel("Email address").fill(email);
    page.getByLabel("Password").fill(Fixtures.PASSWORD);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    assertThat(page.locator("#nav")).isVisible();
    return page;
  }

  protected Page signIn(String email) { return signIn(email, 1280, 800); }
}
