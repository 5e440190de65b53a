package campfire.attachments;

import campfire.db.Database;
import campfire.files.Images;
import campfire.web.Feature;
import campfire.web.Routes;
import java.nio.file.Path;

/** Files people post: stored, thumbnailed within bounds, served to those who may see them; link-preview images too. */
public final class AttachmentsModule implements Feature {
  private final Attachments attachments;
  private final AttachmentHandlers handlers;

  public AttachmentsModule(Database database, Images images, Path storage, long maxBytes) {
    this.attachments = new Attachments(database, storage, images, Posters.detect(), maxBytes);
    this.handlers = new AttachmentHandlers(attachments);
  }

  public Attachments attachments() { return attachments; }

  @Override
  public void routes(Routes routes) {
    routes.get("/attachments/{id}", handlers::show)
        .get("/attachments/{id}/preview", handlers::preview)
        .get("/unfurl_images/{key}", handlers::linkImage);
  }
}
