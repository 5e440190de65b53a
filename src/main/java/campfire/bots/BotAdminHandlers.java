package campfire.bots;

import campfire.domain.DomainError;
import campfire.accounts.Authentication;
import campfire.accounts.User;
import campfire.ops.Audit;
import campfire.rooms.Screens;
import campfire.web.Requests;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;

/** /account/bots: administrators create, edit, re-key and retire bots. */
public final class BotAdminHandlers {
  private final Screens screens;
  private final Bots bots;
  private final WebhookDeliveries deliveries;

  public BotAdminHandlers(Screens screens, Bots bots, WebhookDeliveries deliveries) {
    this.screens = screens;
    this.bots = bots;
    this.deliveries = deliveries;
  }

  public void index(Context ctx) {
    List<Bot> active = bots.active();
    String origin = Requests.origin(ctx);
    screens.render(ctx, 200, "Chat bots", (t, page, admin, sidebar) -> t.botsIndex(page, admin, sidebar, active, bots, origin));
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
    List<WebhookDeliveries.DeliveryLog> recent = bot == null ? List.of() : deliveries.recent(bot.id());
    screens.render(ctx, status, bot == null ? "New bot" : "Edit " + bot.name(), (t, page, admin, sidebar) ->
        t.botsForm(page, admin, sidebar, bot, error, name == null ? "" : name, url == null ? "" : url, recent));
  }

  private Bot bot(Context ctx) {
    return bots.find(Requests.idParam(ctx, "id")).orElseThrow(DomainError.NotFound::new);
  }

  /** The administrator asking (the routes are declared Access.ADMIN). */
  private static User admin(Context ctx) { return Authentication.currentUser(ctx); }
}
