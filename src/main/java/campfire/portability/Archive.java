package campfire.portability;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The export format (docs/MIGRATING.md, "The export archive"), version 1: a zip holding
 * {@code manifest.json}, one {@code <table>.jsonl} per table (one JSON object per row, in id
 * order, keys in a fixed order) and the stored files under {@code files/}, at the paths they have
 * under STORAGE_PATH. Entries carry a fixed time, so the same data always makes the same bytes;
 * only the manifest's {@code exported_at} changes from one export to the next.
 */
final class Archive {
  static final String FORMAT = "campfire-export";
  static final int VERSION = 1;
  static final String MANIFEST = "manifest.json";
  static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

  /** The only file paths the format has: attachments and their previews, avatars, logos, link-preview images. */
  static final Pattern FILE = Pattern.compile("files/(?:[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{64}|avatars/[A-Za-z0-9_-]{1,60}\\.png"
      + "|logos/[A-Za-z0-9_-]{1,60}-(?:512|192)\\.png|unfurl/[0-9a-f]{2}/[0-9a-f]{64})");

  /** Our stored mentions carry a signature made with this install's secret; archives carry the person's id alone. */
  private static final Pattern SIGNED_MENTION = Pattern.compile("sgid=\"(\\d{1,18})\\.[A-Za-z0-9_-]{20,100}\"");
  private static final Pattern UNSIGNED_MENTION = Pattern.compile("sgid=\"(\\d{1,18})\"");
  static final Pattern LINK_IMAGE = Pattern.compile("image=\"/unfurl_images/([0-9a-f]{64})\"");

  private Archive() {}

  record TableEntry(long rows, String sha256) {}

  record Manifest(String format, int version, @JsonProperty("exported_at") String exportedAt, String campfire, Map<String, TableEntry> tables,
      long files) {
    Manifest {
      tables = tables == null ? Map.of() : new LinkedHashMap<>(tables);
    }
  }

  static String tableEntry(String table) { return table + ".jsonl"; }

  static String withoutSignatures(String html) {
    return html == null ? null : SIGNED_MENTION.matcher(html).replaceAll("sgid=\"$1\"");
  }

  /** Signs each mention's id with this install's secret; ids not in {@code known} stay unsigned and are dropped by the allowlist. */
  static String signed(String html, java.util.function.LongPredicate known, java.util.function.LongFunction<String> sign) {
    if (html == null) return null;
    Matcher mention = UNSIGNED_MENTION.matcher(html);
    return mention.replaceAll(m -> {
      long id = Long.parseLong(m.group(1));
      return Matcher.quoteReplacement(known.test(id) ? "sgid=\"" + sign.apply(id) + "\"" : "sgid=\"\"");
    });
  }
}
