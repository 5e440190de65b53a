package campfire.people;

import campfire.accounts.Authentication;
import campfire.accounts.PageFactory;
import campfire.accounts.User;
import campfire.rooms.Sidebar;
import campfire.web.Pages;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** Renders a full app page (sidebar and all) for the people, search and administration screens. */
public final class Screens {
  private final Pages pages;
  private final PageFactory pageFactory;
  private final Function<User, Sidebar> sidebarFor;

  public Screens(Pages pages, PageFactory pageFactory, Function<User, Sidebar> sidebarFor) {
    this.pages = pages;
    this.pageFactory = pageFactory;
    this.sidebarFor = sidebarFor;
  }

  public void render(Context ctx, int status, String template, String title, Map<String, Object> params) {
    User me = Authentication.currentUser(ctx);
    Map<String, Object> all = new HashMap<>(params);
    all.put("page", pageFactory.page(ctx, title));
    all.put("me", me);
    all.put("sidebar", sidebarFor.apply(me));
    ctx.status(status);
    pages.html(ctx, template, all);
  }
}
