package campfire.boosts;

import campfire.domain.DomainError;
import campfire.accounts.Authentication;
import campfire.accounts.User;
import campfire.messages.Message;
import campfire.messages.Messages;
import campfire.web.Pages;
import gg.jte.generated.precompiled.Templates;
import campfire.web.Requests;
import campfire.web.TurboStreams;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/** GET/POST/DELETE /messages/:id/boosts[/new|/:id]; every change is shown live to the room. */
public final class BoostHandlers {
  private final Templates templates;
  private final Messages messages;
  private final Boosts boosts;
  private final BoostBroadcasts broadcasts;

  public BoostHandlers(Pages pages, Messages messages, Boosts boosts, BoostBroadcasts broadcasts) {
    this.templates = pages.templates();
    this.messages = messages;
    this.boosts = boosts;
    this.broadcasts = broadcasts;
  }

  public void index(Context ctx) {
    Message message = message(ctx);
    ctx.contentType("text/html; charset=utf-8").result(broadcasts.list(message));
  }

  public void newBoost(Context ctx) {
    Message message = message(ctx);
    Pages.html(ctx, templates.boostsNew(message));
  }

  public void create(Context ctx) {
    User me = Authentication.currentUser(ctx);
    Message message = message(ctx);
    boosts.add(message.id(), me.id(), Boosts.content(Requests.formParam(ctx, "boost[content]")));
    changed(ctx, message, 201);
  }

  public void destroy(Context ctx) {
    User me = Authentication.currentUser(ctx);
    Message message = message(ctx);
    long boostId = Requests.idParam(ctx, "boost_id");
    long booster = boosts.boosterOf(message.id(), boostId).orElseThrow(DomainError.NotFound::new);
    if (booster != me.id()) throw new DomainError.Forbidden();
    boosts.remove(boostId);
    changed(ctx, message, 200);
  }

  private void changed(Context ctx, Message before, int status) {
    String stream = broadcasts.changed(before);
    if (Requests.wantsTurboStream(ctx)) {
      ctx.status(status).contentType(TurboStreams.CONTENT_TYPE).result(stream);
    } else {
      ctx.redirect(before.path(), HttpStatus.SEE_OTHER);
    }
  }

  private Message message(Context ctx) {
    User me = Authentication.currentUser(ctx);
    return messages.findVisibleTo(me.id(), Requests.idParam(ctx, "message_id")).orElseThrow(DomainError.NotFound::new);
  }
}
