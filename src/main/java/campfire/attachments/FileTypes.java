package campfire.attachments;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/** What a file's first bytes say it is, and which types a browser may show inline. */
final class FileTypes {
  static final Set<String> IMAGES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp");
  static final Set<String> VIDEOS = Set.of("video/mp4", "video/webm", "video/quicktime");
  /** Shown in the page or a tab: media, PDFs. Anything else is only ever downloaded. */
  static final Set<String> INLINE = Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "video/mp4",
      "video/webm", "video/quicktime", "audio/mpeg", "audio/ogg", "audio/wav", "application/pdf");

  private FileTypes() {}

  static boolean isImage(String type) { return IMAGES.contains(type); }

  static boolean isVideo(String type) { return VIDEOS.contains(type); }

  /** A declared type in its plain form: lower case, no parameters, common aliases folded. */
  static String normalize(String declared) {
    if (declared == null) return "";
    String type = declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return switch (type) {
      case "image/jpg", "image/pjpeg" -> "image/jpeg";
      case "image/x-png" -> "image/png";
      case "audio/x-wav", "audio/wave" -> "audio/wav";
      case "video/x-m4v", "video/m4v" -> "video/mp4";
      default -> type;
    };
  }

  /** The type the bytes show, or null when they do not tell. */
  static String sniff(byte[] head, int length) {
    if (starts(head, length, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return "image/png";
    if (starts(head, length, 0xFF, 0xD8, 0xFF)) return "image/jpeg";
    if (ascii(head, length, 0, "GIF87a") || ascii(head, length, 0, "GIF89a")) return "image/gif";
    if (ascii(head, length, 0, "RIFF") && ascii(head, length, 8, "WEBP")) return "image/webp";
    if (ascii(head, length, 0, "RIFF") && ascii(head, length, 8, "WAVE")) return "audio/wav";
    if (ascii(head, length, 0, "BM") && length > 14) return "image/bmp";
    if (ascii(head, length, 4, "ftyp")) return ascii(head, length, 8, "qt  ") ? "video/quicktime" : "video/mp4";
    if (starts(head, length, 0x1A, 0x45, 0xDF, 0xA3)) return "video/webm";
    if (ascii(head, length, 0, "%PDF-")) return "application/pdf";
    if (ascii(head, length, 0, "OggS")) return "audio/ogg";
    if (ascii(head, length, 0, "ID3")) return "audio/mpeg";
    return null;
  }

  /** Whether the declared and the sniffed type are the same kind of file. */
  static boolean agree(String declared, String sniffed) {
    if (declared.equals(sniffed)) return true;
    return isVideo(declared) && isVideo(sniffed) && !declared.equals("video/webm") && !sniffed.equals("video/webm");
  }

  private static boolean starts(byte[] head, int length, int... bytes) {
    if (length < bytes.length) return false;
    for (int i = 0; i < bytes.length; i++) if ((head[i] & 0xFF) != bytes[i]) return false;
    return true;
  }

  private static boolean ascii(byte[] head, int length, int offset, String text) {
    byte[] expected = text.getBytes(StandardCharsets.US_ASCII);
    if (length < offset + expected.length) return false;
    for (int i = 0; i < expected.length; i++) if (head[offset + i] != expected[i]) return false;
    return true;
  }
}
