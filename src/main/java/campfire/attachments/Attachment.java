package campfire.attachments;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;

/** A file attached to a message, as the page shows it. */
public record Attachment(long id, long messageId, String filename, String contentType, long byteSize, Integer width, Integer height,
    boolean preview) {
  private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** Decodes the attachment column of a message query (a JSON object built by SQLite), or null. */
  public static Attachment fromJson(String json) {
    if (json == null || json.isBlank()) return null;
    try {
      return JSON.readValue(json, Attachment.class);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Unreadable attachment: " + json, e);
    }
  }

  public boolean isImage() { return FileTypes.isImage(contentType); }

  public boolean isVideo() { return FileTypes.isVideo(contentType); }

  public String url() { return "/attachments/" + id; }

  public String downloadUrl() { return url() + "?disposition=attachment"; }

  /** The thumbnail for images and the poster for video; the original when it is already small. */
  public String previewUrl() {
    if (preview) return url() + "/preview";
    return isVideo() ? "/images/video-poster.svg" : url();
  }

  /** Thumbnail size, fitted in 1200x800, so the page reserves the space before it loads. */
  public int displayWidth() { return fitted()[0]; }

  public int displayHeight() { return fitted()[1]; }

  private int[] fitted() {
    int w = width == null || width <= 0 ? 1200 : width;
    int h = height == null || height <= 0 ? 800 : height;
    double scale = Math.min(1.0, Math.min(1200.0 / w, 800.0 / h));
    return new int[] {Math.max(1, (int) Math.round(w * scale)), Math.max(1, (int) Math.round(h * scale))};
  }

  public String humanSize() {
    if (byteSize < 1024) return byteSize + " B";
    String[] units = {"KB", "MB", "GB"};
    double size = byteSize;
    int unit = -1;
    while (size >= 1024 && unit < units.length - 1) {
      size /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, size < 10 ? "%.1f %s" : "%.0f %s", size, units[unit]);
  }
}
