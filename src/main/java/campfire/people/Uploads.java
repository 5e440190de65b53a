package campfire.people;

import campfire.domain.DomainError;
import campfire.files.Images;
import campfire.web.Requests;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reads one uploaded picture from a multipart form, refusing oversized ones before they are held in memory. */
public final class Uploads {
  private Uploads() {}

  public static Optional<byte[]> picture(Context ctx, String field) {
    UploadedFile file = Requests.uploadedFile(ctx, field, Images.PICTURE_MAX_BYTES, "Pictures can be at most 10 MB.");
    if (file == null || file.size() == 0) return Optional.empty();
    if (file.size() > Images.PICTURE_MAX_BYTES) throw new DomainError.TooLarge("Pictures can be at most 10 MB.");
    try (InputStream in = file.content()) {
      return Optional.of(in.readNBytes(Images.PICTURE_MAX_BYTES + 1));
    } catch (IOException e) {
      throw new DomainError.Malformed("The upload did not arrive whole. Please try again.");
    }
  }
}
