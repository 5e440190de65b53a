package campfire.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a backup in place of the current data, into a stopped instance. Everything is checked in a
 * staging directory first (passphrase, checksums, integrity of the database, counts, schema); the
 * current database and files are only moved aside, as {@code *.before-restore-<time>}, once the
 * backup has passed, so a bad archive changes nothing.
 */
public final class Restore {
  private static final Logger log = LoggerFactory.getLogger(Restore.class);

  private final Path databasePath;
  private final Path storagePath;
  private final Clock clock;

  public Restore(Path databasePath, Path storagePath, Clock clock) {
    this.databasePath = databasePath.toAbsolutePath();
    this.storagePath = storagePath.toAbsolutePath();
    this.clock = clock;
  }

  /** What was restored, and where the previous database and files went (null when there were none). */
  public record Result(Manifest manifest, Path previousDatabase, Path previousStorage) {}

  public Result run(Path from, String passphrase) {
    if (!Files.isRegularFile(from)) throw new OperationFailed("No backup at " + from);
    try (ServerLock lock = ServerLock.acquire(databasePath)) {
      Path staging = Files.createTempDirectory(databasePath.getParent(), ".restore-");
      Files.createDirectories(storagePath.getParent());
      Path stagedStorage = Files.createTempDirectory(storagePath.getParent(), ".restore-storage-");
      try {
        Path stagedDatabase = staging.resolve(BackupArchive.DATABASE_ENTRY);
        Manifest manifest;
        try {
          manifest = verify(from, passphrase, staging, stagedDatabase, stagedStorage);
        } catch (OperationFailed refused) {
          Audit.event("restore_refused", "from", from.toString(), "reason", refused.getMessage());
          throw refused;
        }
        Result result = swap(manifest, stagedDatabase, stagedStorage, staging.resolve(BackupArchive.SECRETS_PREFIX));
        Audit.event("restore", "from", from.toString(), "backup_created_at", manifest.createdAt(),
            "messages", manifest.count("messages"), "previous_database", String.valueOf(result.previousDatabase()));
        return result;
      } finally {
        Backups.deleteTree(staging);
        Backups.deleteTree(stagedStorage);
      }
    } catch (IOException e) {
      throw new OperationFailed("Restore failed: " + e, e);
    }
  }

  private Manifest verify(Path from, String passphrase, Path staging, Path stagedDatabase, Path stagedStorage) throws IOException {
    Path zip = from;
    if (BackupCrypto.isEncrypted(from)) {
      if (passphrase == null) throw new OperationFailed(from + " is encrypted: set BACKUP_PASSPHRASE to the passphrase it was made with");
      zip = staging.resolve("archive.zip");
      BackupCrypto.decrypt(from, zip, passphrase);
    }
    Manifest manifest = BackupArchive.verifyAndExtract(zip, name -> {
      if (name.equals(BackupArchive.DATABASE_ENTRY)) return stagedDatabase;
      if (name.startsWith(BackupArchive.SECRETS_PREFIX)) return staging.resolve(name);
      return stagedStorage.resolve(name.substring(BackupArchive.STORAGE_PREFIX.length()));
    });
    DbMaintenance.Check check = new DbMaintenance(stagedDatabase, clock).check();
    if (!check.ok()) throw new OperationFailed("The database in " + from + " fails its integrity check: " + check.problems());
    try (var handle = SqliteFile.open(stagedDatabase).open()) {
      Map<String, Long> counts = SqliteFile.counts(handle);
      if (!counts.equals(manifest.counts())) {
        throw new OperationFailed("The database in " + from + " holds " + counts + " but its manifest says " + manifest.counts());
      }
    }
    List<String> newer = newerMigrations(stagedDatabase);
    if (!newer.isEmpty()) {
      throw new OperationFailed(from + " was made by a newer Campfire (schema versions " + newer + "): upgrade this one first");
    }
    return manifest;
  }

  private static List<String> newerMigrations(Path database) {
    Flyway flyway = Flyway.configure().dataSource("jdbc:sqlite:" + database, null, null)
        .locations("classpath:db/migration/sqlite").loggers("slf4j").load();
    return Arrays.stream(flyway.info().all())
        .filter(info -> info.getState().name().startsWith("FUTURE"))
        .map(MigrationInfo::getVersion).map(String::valueOf).toList();
  }

  private Result swap(Manifest manifest, Path stagedDatabase, Path stagedStorage, Path stagedSecrets) throws IOException {
    String stamp = Backups.STAMP.format(clock.instant());
    for (String secret : BackupArchive.SECRET_FILES) {
      Path staged = stagedSecrets.resolve(secret);
      if (!Files.exists(staged)) continue;
      Path target = databasePath.resolveSibling(secret);
      if (Files.exists(target)) Files.move(target, target.resolveSibling(secret + ".before-restore-" + stamp));
      ownerOnly(staged);
      Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
    }
    Path previousDatabase = null;
    if (Files.exists(databasePath)) {
      checkpoint(databasePath);
      previousDatabase = databasePath.resolveSibling(databasePath.getFileName() + ".before-restore-" + stamp);
      Files.move(databasePath, previousDatabase);
      for (String suffix : List.of("-wal", "-shm", "-journal")) {
        Path side = databasePath.resolveSibling(databasePath.getFileName() + suffix);
        if (Files.exists(side)) Files.move(side, previousDatabase.resolveSibling(previousDatabase.getFileName() + suffix));
      }
    }
    Files.move(stagedDatabase, databasePath, StandardCopyOption.ATOMIC_MOVE);
    Path previousStorage = null;
    if (Files.exists(storagePath)) {
      previousStorage = storagePath.resolveSibling(storagePath.getFileName() + ".before-restore-" + stamp);
      Files.move(storagePath, previousStorage);
    }
    Files.move(stagedStorage, storagePath, StandardCopyOption.ATOMIC_MOVE);
    log.info("Restored backup of {} ({} messages); previous database kept as {}", manifest.createdAt(),
        manifest.count("messages"), previousDatabase);
    return new Result(manifest, previousDatabase, previousStorage);
  }

  private static void ownerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // the file system's own permissions apply
    }
  }

  /** Folds the write-ahead log into the old database file so it can be moved as one file. */
  private static void checkpoint(Path database) {
    try (var handle = SqliteFile.open(database).open()) {
      handle.createQuery("PRAGMA wal_checkpoint(TRUNCATE)").mapToMap().list();
    } catch (RuntimeException e) {
      log.warn("Could not checkpoint {} before moving it aside ({}); its -wal file moves with it", database, e.toString());
    }
  }
}
