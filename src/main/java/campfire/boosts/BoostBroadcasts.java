package campfire.boosts;

import campfire.domain.DomainError;
import campfire.messages.Message;
import campfire.messages.Messages;
import campfire.realtime.Broadcaster;
import campfire.realtime.Streams;
import campfire.web.Pages;
import campfire.web.Signer;
import gg.jte.generated.precompiled.Templates;
import campfire.web.TurboStreams;

/** After a boost comes or goes, the message's boosts are rendered once and replaced for the whole room. */
public final class BoostBroadcasts {
  private final Templates templates;
  private final Messages messages;
  private final Broadcaster broadcaster;
  private final Signer signer;

  public BoostBroadcasts(Pages pages, Signer signer, Messages messages, Broadcaster broadcaster) {
    this.templates = pages.templates();
    this.signer = signer;
    this.messages = messages;
    this.broadcaster = broadcaster;
  }

  /** Returns the Turbo Stream it broadcast, for the reply to the booster. */
  public String changed(Message before) {
    Message message = messages.find(before.roomId(), before.id()).orElseThrow(DomainError.NotFound::new);
    String stream = TurboStreams.replace("boosts_" + message.domId(), list(message));
    broadcaster.broadcastHtml(Streams.roomMessages(message.roomId()), stream);
    return stream;
  }

  public String list(Message message) {
    return templates.boostsList(message, signer).render();
  }
}
