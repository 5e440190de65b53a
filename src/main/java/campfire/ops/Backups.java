package campfire.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online snapshots: {@code VACUUM INTO} copies the database as of one read transaction (the
 * server keeps writing meanwhile), then the stored files are added, then the manifest; the archive
 * is built in the data directory and appears in the backup directory only when complete.
 */
public final class Backups {
  private static final Logger log = LoggerFactory.getLogger(Backups.class);
  static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
  static final Pattern SNAPSHOT = Pattern.compile("campfire-(\\d{8}T\\d{9}Z)\\.zip(\\.enc)?");

  private final Path databasePath;
  private final Path storagePath;
  private final Clock clock;

  public Backups(Path databasePath, Path storagePath, Clock clock) {
    this.databasePath = databasePath.toAbsolutePath();
    this.storagePath = storagePath.toAbsolutePath();
    this.clock = clock;
  }

  /** What {@link #create} wrote. */
  public record Result(Path file, Manifest manifest, long bytes, boolean encrypted) {}

  /** Writes one snapshot into {@code dir}, encrypted when {@code passphrase} is not null. */
  public Result create(Path dir, String passphrase) {
    if (!Files.isRegularFile(databasePath)) throw new OperationFailed("No database at " + databasePath + ": nothing to back up");
    Instant now = clock.instant();
    String name = "campfire-" + STAMP.format(now) + ".zip" + (passphrase != null ? ".enc" : "");
    Path work = null;
    Path partial = null;
    try {
      Files.createDirectories(dir);
      removeLeftovers(databasePath.getParent(), ".backup-", now);
      removeLeftovers(dir, ".campfire-", now);
      work = Files.createTempDirectory(databasePath.getParent(), ".backup-");
      Path snapshot = work.resolve(BackupArchive.DATABASE_ENTRY);
      Map<String, Long> counts;
      String schema;
      try (var handle = SqliteFile.open(databasePath).open()) {
        handle.execute("VACUUM INTO ?", snapshot.toString());
      }
      try (var handle = SqliteFile.open(snapshot).open()) {
        counts = SqliteFile.counts(handle);
        schema = SqliteFile.schemaVersion(handle);
      }
      List<BackupArchive.Source> sources = new ArrayList<>();
      sources.add(new BackupArchive.Source(BackupArchive.DATABASE_ENTRY, snapshot));
      for (String secret : BackupArchive.SECRET_FILES) {
        Path file = databasePath.resolveSibling(secret);
        if (Files.isRegularFile(file)) sources.add(new BackupArchive.Source(BackupArchive.SECRETS_PREFIX + secret, file));
      }
      sources.addAll(storedFiles(dir.toAbsolutePath(), work));
      Manifest manifest = new Manifest(Manifest.FORMAT, Manifest.VERSION, now.toString(), version(), schema, counts, List.of());
      Path zip = work.resolve("archive.zip");
      manifest = BackupArchive.write(zip, manifest, sources);
      partial = dir.resolve("." + name + ".partial");
      if (passphrase != null) {
        BackupCrypto.encrypt(zip, partial, passphrase);
      } else {
        Files.move(zip, partial, StandardCopyOption.REPLACE_EXISTING);
      }
      Path file = dir.resolve(name);
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
      partial = null;
      Result result = new Result(file, manifest, Files.size(file), passphrase != null);
      log.info("Backup written to {} ({} bytes, {} messages, {} stored files{})", file, result.bytes(),
          manifest.count("messages"), manifest.storageFiles(), passphrase != null ? ", encrypted" : "");
      Audit.event("backup", "file", file.toString(), "bytes", result.bytes(), "messages", manifest.count("messages"),
          "encrypted", passphrase != null);
      return result;
    } catch (IOException e) {
      throw new OperationFailed("Backup failed: " + e, e);
    } finally {
      deleteQuietly(partial);
      deleteTree(work);
    }
  }

  private List<BackupArchive.Source> storedFiles(Path backupDir, Path work) throws IOException {
    if (!Files.isDirectory(storagePath)) return List.of();
    try (Stream<Path> files = Files.walk(storagePath)) {
      return files.filter(Files::isRegularFile)
          .filter(f -> !f.startsWith(backupDir) && !f.startsWith(work))
          .sorted()
          .map(f -> new BackupArchive.Source(BackupArchive.STORAGE_PREFIX + relative(f), f))
          .toList();
    }
  }

  private String relative(Path file) {
    return storagePath.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  /**
   * Deletes snapshots in {@code dir} older than {@code days} days, judged by the time in their
   * names; the newest snapshot is always kept, and other files are never touched.
   */
  public static List<Path> prune(Path dir, int days, Instant now) {
    if (days <= 0 || !Files.isDirectory(dir)) return List.of();
    Instant cutoff = now.minus(Duration.ofDays(days));
    List<Path> snapshots;
    try (Stream<Path> files = Files.list(dir)) {
      snapshots = files.filter(f -> SNAPSHOT.matcher(f.getFileName().toString()).matches())
          .sorted(Comparator.comparing(Backups::takenAt).reversed())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Path> deleted = new ArrayList<>();
    for (Path snapshot : snapshots.subList(Math.min(1, snapshots.size()), snapshots.size())) {
      if (takenAt(snapshot).isBefore(cutoff)) {
        try {
          Files.deleteIfExists(snapshot);
          deleted.add(snapshot);
        } catch (IOException e) {
          log.warn("Cannot delete old backup {}: {}", snapshot, e.toString());
        }
      }
    }
    if (!deleted.isEmpty()) log.info("Deleted {} backup(s) older than {} days from {}", deleted.size(), days, dir);
    return deleted;
  }

  static Instant takenAt(Path snapshot) {
    Matcher m = SNAPSHOT.matcher(snapshot.getFileName().toString());
    if (!m.matches()) throw new IllegalArgumentException(snapshot.toString());
    return STAMP.parse(m.group(1), Instant::from);
  }

  /** Work files of a backup that was killed (older than a day, so never one still running). */
  private static void removeLeftovers(Path dir, String prefix, Instant now) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path leftover : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
        if (Files.getLastModifiedTime(leftover).toInstant().isBefore(now.minus(Duration.ofDays(1)))) deleteTree(leftover);
      }
    }
  }

  static String version() {
    String version = Backups.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  static void deleteQuietly(Path file) {
    if (file == null) return;
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover temporary file is harmless; the next run uses a new name
    }
  }

  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) return;
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(Backups::deleteQuietly);
    } catch (IOException ignored) {
      // as above
    }
  }
}
