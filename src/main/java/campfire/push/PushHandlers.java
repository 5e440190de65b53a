package campfire.push;

import campfire.domain.DomainError;
import campfire.accounts.Authentication;
import campfire.accounts.User;
import campfire.web.Requests;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;

/** /users/me/push_subscriptions: a browser subscribes, unsubscribes, and asks for a test. */
public final class PushHandlers {
  private final PushSubscriptions subscriptions;
  private final Notifier notifier;

  public PushHandlers(PushSubscriptions subscriptions, Notifier notifier) {
    this.subscriptions = subscriptions;
    this.notifier = notifier;
  }

  record SubscriptionJson(long id, String endpoint) {}

  record CreatedJson(long id) {}

  public void index(Context ctx) {
    User me = Authentication.currentUser(ctx);
    ctx.json(subscriptions.of(me.id()).stream().map(s -> new SubscriptionJson(s.id(), s.endpoint())).toList());
  }

  public void create(Context ctx) {
    User me = Authentication.currentUser(ctx);
    var subscription = subscriptions.subscribe(me.id(), Requests.formParam(ctx, "push_subscription[endpoint]"),
        Requests.formParam(ctx, "push_subscription[p256dh_key]"), Requests.formParam(ctx, "push_subscription[auth_key]"), ctx.userAgent());
    ctx.status(HttpStatus.CREATED).json(new CreatedJson(subscription.id()));
  }

  public void destroy(Context ctx) {
    User me = Authentication.currentUser(ctx);
    var subscription = subscriptions.find(me.id(), Requests.idParam(ctx, "id")).orElseThrow(DomainError.NotFound::new);
    subscriptions.delete(subscription.id());
    ctx.status(HttpStatus.NO_CONTENT);
  }

  public void test(Context ctx) {
    User me = Authentication.currentUser(ctx);
    notifier.test(subscriptions.find(me.id(), Requests.idParam(ctx, "id")).orElseThrow(DomainError.NotFound::new));
    ctx.status(HttpStatus.ACCEPTED);
  }
}
