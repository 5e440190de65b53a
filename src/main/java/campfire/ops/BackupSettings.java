package campfire.ops;

import java.nio.file.Path;

/**
 * Where and when backups go: BACKUP_DIR, BACKUP_SCHEDULE (null = no scheduled backups),
 * BACKUP_RETENTION_DAYS (0 keeps every snapshot) and BACKUP_PASSPHRASE (null = not encrypted).
 */
public record BackupSettings(Path dir, BackupSchedule schedule, int retentionDays, String passphrase) {
  public boolean encrypted() { return passphrase != null; }

  @Override
  public String toString() {
    return "BackupSettings[dir=" + dir + ", schedule=" + schedule + ", retentionDays=" + retentionDays
        + ", encrypted=" + encrypted() + "]";
  }
}
