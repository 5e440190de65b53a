package campfire.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import campfire.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.Tag("sqlite-only")
class BackupConfigTest {
  @TempDir Path dir;

  Config config(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", "sqlite:" + dir.resolve("campfire.db"));
    for (int i = 0; i < pairs.length; i += 2) env.put(pairs[i], pairs[i + 1]);
    return Config.from(env, false, null);
  }

  @Test
  void by_default_backups_go_under_the_data_directory_unencrypted_unscheduled_and_kept_30_days() {
    BackupSettings backup = config().backup();
    assertThat(backup.dir()).isEqualTo(dir.resolve("backups"));
    assertThat(backup.schedule()).isNull();
    assertThat(backup.retentionDays()).isEqualTo(30);
    assertThat(backup.encrypted()).isFalse();
  }

  @Test
  void backup_settings_are_read_from_the_environment() {
    BackupSettings backup = config("BACKUP_DIR", "/srv/backups", "BACKUP_SCHEDULE", "6h", "BACKUP_RETENTION_DAYS", "7",
        "BACKUP_PASSPHRASE", "twelve chars!").backup();
    assertThat(backup.dir()).isEqualTo(Path.of("/srv/backups"));
    assertThat(backup.schedule().every()).isEqualTo(Duration.ofHours(6));
    assertThat(backup.retentionDays()).isEqualTo(7);
    assertThat(backup.passphrase()).isEqualTo("twelve chars!");
    assertThat(backup.toString()).doesNotContain("twelve chars!");
  }

  @Test
  void bad_backup_settings_stop_the_boot_with_a_message_naming_the_variable() {
    assertThatThrownBy(() -> config("BACKUP_SCHEDULE", "weekly")).isInstanceOf(Config.Invalid.class)
        .hasMessage("BACKUP_SCHEDULE must be hourly, daily, daily@HH:MM (UTC), an interval such as 30m, 6h or 1d, or off (got \"weekly\")");
    assertThatThrownBy(() -> config("BACKUP_RETENTION_DAYS", "a month")).isInstanceOf(Config.Invalid.class)
        .hasMessage("BACKUP_RETENTION_DAYS must be a whole number of days, 0 to keep every backup (got \"a month\")");
    assertThatThrownBy(() -> config("BACKUP_PASSPHRASE", "short")).isInstanceOf(Config.Invalid.class)
        .hasMessage("BACKUP_PASSPHRASE must be at least 12 characters long (got 5)");
  }
}
