package campfire.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When scheduled backups run: {@code hourly} (on the hour), {@code daily} (03:00 UTC),
 * {@code daily@HH:MM} (UTC), or an interval from boot such as {@code 30m}, {@code 6h}, {@code 1d}.
 */
public record BackupSchedule(String text, LocalTime dailyAt, Duration every) {
  private static final Pattern DAILY_AT = Pattern.compile("daily@([01]\\d|2[0-3]):([0-5]\\d)");
  private static final Pattern INTERVAL = Pattern.compile("(\\d{1,5})([mhd])");

  /** Parses a schedule; {@code null} for an empty value or "off". */
  public static BackupSchedule parse(String value) {
    String text = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    if (text.isEmpty() || text.equals("off")) return null;
    if (text.equals("hourly")) return new BackupSchedule(text, null, Duration.ofHours(1));
    if (text.equals("daily")) return new BackupSchedule(text, LocalTime.of(3, 0), null);
    Matcher daily = DAILY_AT.matcher(text);
    if (daily.matches()) {
      return new BackupSchedule(text, LocalTime.of(Integer.parseInt(daily.group(1)), Integer.parseInt(daily.group(2))), null);
    }
    Matcher interval = INTERVAL.matcher(text);
    if (interval.matches() && Integer.parseInt(interval.group(1)) > 0) {
      long n = Long.parseLong(interval.group(1));
      Duration every = switch (interval.group(2)) {
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
      return new BackupSchedule(text, null, every);
    }
    throw new IllegalArgumentException("BACKUP_SCHEDULE must be hourly, daily, daily@HH:MM (UTC), an interval such as 30m, 6h or 1d, or off (got \""
        + value + "\")");
  }

  /** An interval schedule for tests and tools; runs every {@code every} from the start. */
  public static BackupSchedule every(Duration every) {
    return new BackupSchedule(every.toString(), null, every);
  }

  /** The first run strictly after {@code now}; intervals count from {@code now}, "hourly" is on the hour. */
  public Instant nextAfter(Instant now) {
    if (dailyAt != null) {
      ZonedDateTime today = now.atZone(ZoneOffset.UTC).toLocalDate().atTime(dailyAt).atZone(ZoneOffset.UTC);
      return today.toInstant().isAfter(now) ? today.toInstant() : today.plusDays(1).toInstant();
    }
    if (text.equals("hourly")) return now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    return now.plus(every);
  }

  @Override
  public String toString() { return text; }
}
