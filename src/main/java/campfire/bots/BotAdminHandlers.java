package campfire.bots;

import campfire.domain.DomainError;
import campfire.accounts.Authentication;
import campfire.accounts.PageFactory;
import campfire.accounts.User;
import campfire.ops.Audit;
import campfire.rooms.LiveSidebars;
import campfire.web.Pages;
import campfire.web.Requests;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;

/** /account/bots: administrators create, edit, re-key and retire bots. */
public final class BotAdminHandlers {
  private final Pages pages;
  private final PageFactory pageFactory;
  private final LiveSidebars sidebars;
  private final Bots bots;
  private final WebhookDeliveries deliveries;

  public BotAdminHandlers(Pages pages, PageFactory pageFactory, LiveSidebars sidebars, Bots bots, WebhookDeliveries deliveries) {
    this.pages = pages;
    this.pageFactory = pageFactory;
    this.sidebars = sidebars;
    this.bots = bots;
    this.deliveries = deliveries;
  }

  public void index(Context ctx) {
    User admin = admin(ctx);
    Map<String, Object> params = shell(ctx, admin, "Chat bots");
    params.put("bots", bots.active());
    params.put("bots_store", bots);
    params.put("origin", Requests.origin(ctx));
    pages.html(ctx, "bots/index.jte", params);
  }

  public void newBot(Context ctx) { form(ctx, null, null, "", "", 200); }

  public void create(Context ctx) {
    String name = Requests.formParam(ctx, "user[name]");
    String url = Requests.formParam(ctx, "user[webhook_url]");
    try {
      Bot bot = bots.create(name, url);
      Audit.event("bot_created", "bot_id", bot.id(), "by", Authentication.currentUser(ctx).id());
      ctx.redirect("/account/bots", HttpStatus.SEE_OTHER);
    } catch (DomainError.Invalid invalid) {
      form(ctx, null, invalid.getMessage(), name, url, 422);
    }
  }

  public void edit(Context ctx) {
    Bot bot = bot(ctx);
    form(ctx, bot, null, bot.name(), bot.webhookUrl() == null ? "" : bot.webhookUrl(), 200);
  }

  public void update(Context ctx) {
    Bot bot = bot(ctx);
    String name = Requests.formParam(ctx, "user[name]");
    String url = Requests.formParam(ctx, "user[webhook_url]");
    try {
      bots.update(bot, name, url);
      ctx.redirect("/account/bots", HttpStatus.SEE_OTHER);
    } catch (DomainError.Invalid invalid) {
      form(ctx, bot, invalid.getMessage(), name, url, 422);
    }
  }

  public void resetKey(Context ctx) {
    User admin = admin(ctx);
    Bot bot = bots.resetKey(bot(ctx));
    Audit.event("bot_key_reset", "bot_id", bot.id(), "by", admin.id());
    ctx.redirect("/account/bots/" + bot.id() + "/edit", HttpStatus.SEE_OTHER);
  }

  public void destroy(Context ctx) {
    User admin = admin(ctx);
    Bot bot = bot(ctx);
    bots.deactivate(bot);
    Audit.event("bot_deactivated", "bot_id", bot.id(), "by", admin.id());
    ctx.redirect("/account/bots", HttpStatus.SEE_OTHER);
  }

  private void form(Context ctx, Bot bot, String error, String name, String url, int status) {
    User admin = admin(ctx);
    Map<String, Object> params = shell(ctx, admin, bot == null ? "New bot" : "Edit " + bot.name());
    params.put("bot", bot);
    params.put("error", error);
    params.put("name", name == null ? "" : name);
    params.put("webhookUrl", url == null ? "" : url);
    params.put("deliveries", bot == null ? java.util.List.of() : deliveries.recent(bot.id()));
    ctx.status(status);
    pages.html(ctx, "bots/form.jte", params);
  }

  private Map<String, Object> shell(Context ctx, User me, String title) {
    Map<String, Object> params = new HashMap<>();
    params.put("page", pageFactory.page(ctx, title));
    params.put("me", me);
    params.put("sidebar", sidebars.of(me, 0));
    return params;
  }

  private Bot bot(Context ctx) {
    return bots.find(Requests.idParam(ctx, "id")).orElseThrow(DomainError.NotFound::new);
  }

  /** The administrator asking (the routes are declared Access.ADMIN). */
  private static User admin(Context ctx) { return Authentication.currentUser(ctx); }
}
