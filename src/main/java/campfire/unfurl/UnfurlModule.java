package campfire.unfurl;

import campfire.attachments.AttachmentsModule;
import campfire.net.Outbound;
import campfire.web.Access;
import campfire.web.Feature;
import campfire.web.Routes;

/** Link previews: a pasted address's title, description and image, fetched from public addresses only. */
public final class UnfurlModule implements Feature {
  private final UnfurlHandlers handlers;

  public UnfurlModule(Outbound outbound, AttachmentsModule attachments) {
    this.handlers = new UnfurlHandlers(new PublicFetcher(outbound), attachments.attachments());
  }

  @Override
  public void routes(Routes routes) { routes.post("/unfurl_link", handlers::create, Access.JSON_BODY); }
}
