package campfire.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** What a backup holds, written last into the archive as manifest.json. */
public record Manifest(
    String format,
    int formatVersion,
    String createdAt,
    String campfireVersion,
    String schemaVersion,
    Map<String, Long> counts,
    List<Entry> files) {

  public static final String FORMAT = "campfire-backup";
  public static final int VERSION = 1;
  static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT);

  /** One file in the archive: its path there ({@code campfire.db} or {@code storage/...}), size and SHA-256 (hex). */
  public record Entry(String path, long size, String sha256) {}

  Manifest withFiles(List<Entry> entries) {
    return new Manifest(format, formatVersion, createdAt, campfireVersion, schemaVersion, counts, List.copyOf(entries));
  }

  byte[] toJson() throws IOException { return JSON.writeValueAsBytes(this); }

  static Manifest fromJson(byte[] json) throws IOException { return JSON.readValue(json, Manifest.class); }

  public long count(String table) { return counts.getOrDefault(table, 0L); }

  public long storageFiles() { return files.stream().filter(f -> f.path().startsWith(BackupArchive.STORAGE_PREFIX)).count(); }
}
