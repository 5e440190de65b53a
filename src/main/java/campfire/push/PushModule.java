package campfire.push;

import campfire.accounts.AccountsModule;
import campfire.db.Database;
import campfire.messages.MessagesModule;
import campfire.net.Outbound;
import campfire.ops.Metrics;
import campfire.web.Access;
import campfire.web.Feature;
import campfire.web.Requests;
import campfire.web.Routes;
import com.interaso.webpush.VapidKeys;

/** Web Push: browsers subscribe, and people who may receive a message are told of it; the installable app's manifest. */
public final class PushModule implements Feature {
  private final PushDelivery delivery;
  private final PushHandlers handlers;
  private final AppManifestHandlers manifest;

  /**
   * @param subject the VAPID contact push services may write to
   * @param allowHttp whether endpoints may be plain http (a push service on the same network)
   */
  public PushModule(Database database, Outbound outbound, Metrics metrics, VapidKeys vapid, String subject, boolean allowHttp,
      AccountsModule accounts, MessagesModule messages) {
    PushSubscriptions subscriptions = new PushSubscriptions(database, allowHttp, outbound);
    this.delivery = new PushDelivery(vapid, subject, subscriptions::delete, outbound);
    delivery.outcomes().forEach((outcome, count) -> metrics.count("campfire.push.notifications", "Push notifications by outcome", "outcome", outcome, count));
    Notifier notifier = new Notifier(database, subscriptions, delivery);
    messages.posting().onPosted(notifier::messagePosted);
    // Signing out of a browser forgets that browser's subscription.
    accounts.access().onSignOut((ctx, session) -> {
      String endpoint = Requests.formParam(ctx, "push_subscription_endpoint");
      if (endpoint != null && !endpoint.isBlank()) subscriptions.deleteByEndpoint(session.user().id(), endpoint);
    });
    this.handlers = new PushHandlers(subscriptions, notifier);
    this.manifest = new AppManifestHandlers(accounts.accounts());
  }

  @Override
  public void routes(Routes routes) {
    routes.get("/webmanifest", manifest::show, Access.PUBLIC)
        .get("/users/me/push_subscriptions", handlers::index)
        .post("/users/me/push_subscriptions", handlers::create)
        .delete("/users/me/push_subscriptions/{id}", handlers::destroy)
        .post("/users/me/push_subscriptions/{id}/test_notifications", handlers::test);
  }

  @Override
  public void close() { delivery.close(); }
}
