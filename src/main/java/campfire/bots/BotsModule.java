package campfire.bots;

import campfire.accounts.AccountsModule;
import campfire.attachments.AttachmentsModule;
import campfire.boosts.BoostsModule;
import campfire.db.Database;
import campfire.messages.MessagesModule;
import campfire.net.Outbound;
import campfire.rooms.RoomsModule;
import campfire.web.Access;
import campfire.web.Feature;
import campfire.web.Routes;
import campfire.web.Web;

/** Bots: managed by administrators, posting through their key, told of messages through their webhook. */
public final class BotsModule implements Feature {
  private final WebhookDeliveries deliveries;
  private final BotAdminHandlers admin;
  private final BotApiHandlers api;

  /** @param webhookSecret signs each webhook request so the bot can tell it came from here */
  public BotsModule(Database database, Web web, Outbound outbound, String webhookSecret, AccountsModule accounts, RoomsModule rooms,
      MessagesModule messages, AttachmentsModule attachments, BoostsModule boosts) {
    Bots bots = new Bots(database, outbound);
    this.deliveries = new WebhookDeliveries(database, messages.posting(), attachments.attachments(), webhookSecret, outbound);
    // Queued in the message's own transaction, sent once it has committed.
    messages.posting().recordWith(Webhooks::queue);
    messages.posting().onPosted(message -> deliveries.wake());
    this.admin = new BotAdminHandlers(rooms.screens(), bots, deliveries);
    this.api = new BotApiHandlers(bots, rooms.rooms(), messages.messages(), messages.posting(), attachments.attachments(),
        boosts.boosts(), boosts.broadcasts());
  }

  @Override
  public void routes(Routes routes) {
    routes.get("/account/bots", admin::index, Access.ADMIN)
        .get("/account/bots/new", admin::newBot, Access.ADMIN)
        .post("/account/bots", admin::create, Access.ADMIN)
        .get("/account/bots/{id}/edit", admin::edit, Access.ADMIN)
        .patch("/account/bots/{id}", admin::update, Access.ADMIN)
        .put("/account/bots/{id}", admin::update, Access.ADMIN)
        .delete("/account/bots/{id}", admin::destroy, Access.ADMIN)
        .patch("/account/bots/{id}/key", admin::resetKey, Access.ADMIN)
        .get("/rooms/{room_id}/{bot_key}/messages", api::index, Access.PUBLIC_API)
        .post("/rooms/{room_id}/{bot_key}/messages", api::create, Access.PUBLIC_API)
        .patch("/rooms/{room_id}/{bot_key}/messages/{message_id}", api::update, Access.PUBLIC_API)
        .put("/rooms/{room_id}/{bot_key}/messages/{message_id}", api::update, Access.PUBLIC_API)
        .delete("/rooms/{room_id}/{bot_key}/messages/{message_id}", api::destroy, Access.PUBLIC_API)
        .post("/rooms/{room_id}/{bot_key}/messages/{message_id}/boosts", api::boost, Access.PUBLIC_API)
        .delete("/rooms/{room_id}/{bot_key}/messages/{message_id}/boosts/{boost_id}", api::unboost, Access.PUBLIC_API);
  }

  @Override
  public void close() { deliveries.close(); }
}
