package campfire.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled snapshots while serving, on one background thread (never a request thread): a backup
 * into BACKUP_DIR at each time of BACKUP_SCHEDULE, then snapshots older than
 * BACKUP_RETENTION_DAYS are deleted. A failed run is logged and the next one is still scheduled.
 */
public final class BackupScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BackupScheduler.class);

  private final Backups backups;
  private final BackupSettings settings;
  private final Clock clock;
  private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, runnable -> {
    Thread t = new Thread(runnable, "campfire-backups");
    t.setDaemon(true);
    return t;
  });

  public BackupScheduler(Backups backups, BackupSettings settings, Clock clock) {
    this.backups = backups;
    this.settings = settings;
    this.clock = clock;
    thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  public BackupScheduler start() {
    scheduleNext();
    log.info("Scheduled backups: {} into {}, kept {}", settings.schedule(), settings.dir(),
        settings.retentionDays() == 0 ? "forever" : settings.retentionDays() + " days");
    return this;
  }

  private void scheduleNext() {
    Instant now = clock.instant();
    long delay = Math.max(0, Duration.between(now, settings.schedule().nextAfter(now)).toMillis());
    if (!thread.isShutdown()) thread.schedule(this::runAndReschedule, delay, TimeUnit.MILLISECONDS);
  }

  private void runAndReschedule() {
    try {
      runOnce();
    } finally {
      scheduleNext();
    }
  }

  /** One scheduled run: a snapshot, then pruning. Never throws. */
  void runOnce() {
    try {
      backups.create(settings.dir(), settings.passphrase());
      Backups.prune(settings.dir(), settings.retentionDays(), clock.instant());
    } catch (RuntimeException e) {
      log.error("Scheduled backup into {} failed: {}", settings.dir(), e.getMessage(), e);
    }
  }

  /** Stops scheduling; a backup in progress gets 30 seconds to finish before it is interrupted (and its partial file removed). */
  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(30, TimeUnit.SECONDS)) thread.shutdownNow();
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
