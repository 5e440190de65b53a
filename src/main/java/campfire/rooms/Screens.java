package campfire.rooms;

import campfire.accounts.Authentication;
import campfire.accounts.PageFactory;
import campfire.accounts.User;
import campfire.web.Page;
import campfire.web.Pages;
import gg.jte.generated.precompiled.Templates;
import gg.jte.models.runtime.JteModel;
import io.javalin.http.Context;

/**
 * Renders a full app page, sidebar and all: the room page and every screen beside the rooms
 * (settings, people, search, administration). The one place a page gets its frame, its person and
 * their live sidebar.
 */
public final class Screens {
  private final Templates templates;
  private final PageFactory pageFactory;
  private final LiveSidebars sidebars;

  /** One screen's template, given what every app page has: the frame, the person and their sidebar. */
  @FunctionalInterface
  public interface Screen {
    JteModel of(Templates templates, Page page, User me, Sidebar sidebar);
  }

  public Screens(Pages pages, PageFactory pageFactory, LiveSidebars sidebars) {
    this.templates = pages.templates();
    this.pageFactory = pageFactory;
    this.sidebars = sidebars;
  }

  public void render(Context ctx, int status, String title, Screen screen) { render(ctx, status, title, 0, screen); }

  /** A page about one room, which the sidebar marks as the current one. */
  public void render(Context ctx, int status, String title, long currentRoomId, Screen screen) {
    User me = Authentication.currentUser(ctx);
    ctx.status(status);
    Pages.html(ctx, screen.of(templates, pageFactory.page(ctx, title), me, sidebars.of(me, currentRoomId)));
  }
}
