package campfire.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.Tag("sqlite-only")
class BackupScheduleTest {
  static final Instant NOW = Instant.parse("2026-03-10T10:20:30Z");
  @TempDir Path dir;

  @Test
  void schedules_name_the_next_run() {
    assertThat(BackupSchedule.parse("hourly").nextAfter(NOW)).isEqualTo(Instant.parse("2026-03-10T11:00:00Z"));
    assertThat(BackupSchedule.parse("daily").nextAfter(NOW)).isEqualTo(Instant.parse("2026-03-11T03:00:00Z"));
    assertThat(BackupSchedule.parse("daily@23:15").nextAfter(NOW)).isEqualTo(Instant.parse("2026-03-10T23:15:00Z"));
    assertThat(BackupSchedule.parse("DAILY@10:20").nextAfter(NOW)).isEqualTo(Instant.parse("2026-03-11T10:20:00Z"));
    assertThat(BackupSchedule.parse("6h").nextAfter(NOW)).isEqualTo(NOW.plus(Duration.ofHours(6)));
    assertThat(BackupSchedule.parse("30m").nextAfter(NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
    assertThat(BackupSchedule.parse("1d").nextAfter(NOW)).isEqualTo(NOW.plus(Duration.ofDays(1)));
    assertThat(BackupSchedule.parse("off")).isNull();
    assertThat(BackupSchedule.parse("")).isNull();
    for (String bad : List.of("weekly", "daily@25:00", "daily@3:00", "0h", "6 hours", "-1h")) {
      assertThatThrownBy(() -> BackupSchedule.parse(bad)).hasMessageStartingWith("BACKUP_SCHEDULE").hasMessageContaining(bad);
    }
  }

  @Test
  void retention_deletes_snapshots_older_than_the_limit_and_nothing_else() throws Exception {
    Path old1 = touch("campfire-20260101T030000000Z.zip");
    Path old2 = touch("campfire-20260207T030000000Z.zip.enc");
    Path edge = touch("campfire-20260208T110000000Z.zip");
    Path recent = touch("campfire-20260309T030000000Z.zip");
    Path other = touch("notes.txt");
    Path partial = touch(".campfire-20260101T030000000Z.zip.partial");

    List<Path> deleted = Backups.prune(dir, 30, NOW);

    assertThat(deleted).containsExactlyInAnyOrder(old1, old2);
    assertThat(files()).containsExactlyInAnyOrder(edge, recent, other, partial);
    assertThat(Backups.prune(dir, 0, NOW)).isEmpty();
    assertThat(Backups.prune(dir, 1, NOW)).containsExactly(edge);
    assertThat(Backups.prune(dir, 1, NOW.plus(Duration.ofDays(400)))).as("the newest snapshot is always kept").isEmpty();
    assertThat(files()).contains(recent);
  }

  @Test
  void the_scheduler_writes_snapshots_on_its_own_thread_and_prunes_old_ones() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    try (var h = SqliteFile.open(data.resolve("campfire.db")).open()) {
      h.execute("CREATE TABLE messages (id INTEGER PRIMARY KEY, body_plain TEXT)");
      h.execute("INSERT INTO messages (body_plain) VALUES ('hello')");
    }
    Path backups = Files.createDirectories(dir.resolve("backups"));
    Path ancient = Files.createFile(backups.resolve("campfire-20200101T000000000Z.zip"));
    BackupSettings settings = new BackupSettings(backups, BackupSchedule.every(Duration.ofMillis(50)), 30, null);
    Backups source = new Backups(data.resolve("campfire.db"), data.resolve("storage"), Clock.systemUTC());
    try (BackupScheduler scheduler = new BackupScheduler(source, settings, Clock.systemUTC()).start()) {
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(ancient) && snapshots(backups) >= 2);
    }
    assertThat(snapshots(backups)).isGreaterThanOrEqualTo(2);
    assertThat(ancient).doesNotExist();
  }

  long snapshots(Path backups) throws Exception {
    try (Stream<Path> files = Files.list(backups)) {
      return files.filter(f -> Backups.SNAPSHOT.matcher(f.getFileName().toString()).matches())
          .filter(f -> !f.getFileName().toString().startsWith("campfire-2020")).count();
    }
  }

  Path touch(String name) throws Exception { return Files.createFile(dir.resolve(name)); }

  List<Path> files() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}
