package campfire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.Tag("database-independent")
class ConfigTest {
  @TempDir Path dir;

  Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", "sqlite:" + dir.resolve("campfire.db"));
    for (int i = 0; i < pairs.length; i += 2) env.put(pairs[i], pairs[i + 1]);
    return env;
  }

  @Test
  void defaults_listen_on_port_3000_with_sqlite_under_the_data_directory() {
    Config config = Config.from(env(), false, null);
    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.port()).isEqualTo(3000);
    assertThat(config.storagePath()).isEqualTo(dir.resolve("storage"));
    assertThat(config.logFormat()).isEqualTo("text");
    assertThat(Config.parseDatabaseUrl("sqlite:data/campfire.db").file()).isEqualTo(Path.of("data/campfire.db"));
    assertThat(Config.parseDatabaseUrl("sqlite:///srv/campfire.db").file()).isEqualTo(Path.of("/srv/campfire.db"));
  }

  @Test
  void rust_log_from_the_deployment_guide_sets_the_level_unless_log_level_is_given() {
    assertThat(Config.from(env("RUST_LOG", "debug"), false, null).logLevel()).isEqualTo("debug");
    assertThat(Config.from(env("RUST_LOG", "WARN,campfire=debug"), false, null).logLevel()).isEqualTo("warn");
    assertThat(Config.from(env("RUST_LOG", "campfire=trace,tower_http=info"), false, null).logLevel()).isEqualTo("trace");
    assertThat(Config.from(env("RUST_LOG", "debug", "LOG_LEVEL", "error"), false, null).logLevel()).isEqualTo("error");
    assertThat(Config.from(env(), false, null).logLevel()).isEqualTo("info");
    assertThatThrownBy(() -> Config.from(env("RUST_LOG", "campfire=loud"), false, null))
        .isInstanceOf(Config.Invalid.class).hasMessageStartingWith("RUST_LOG must be");
    assertThatThrownBy(() -> Config.from(env("LOG_LEVEL", "loud", "RUST_LOG", "debug"), false, null))
        .isInstanceOf(Config.Invalid.class).hasMessageStartingWith("LOG_LEVEL must be");
  }

  @Test
  void a_missing_session_secret_is_generated_once_and_kept_in_the_data_directory() throws Exception {
    Config first = Config.from(env(), false, null);
    Config second = Config.from(env(), false, null);
    assertThat(first.sessionSecretGenerated()).isTrue();
    assertThat(first.sessionSecret()).hasSizeGreaterThanOrEqualTo(64).isEqualTo(second.sessionSecret());
    assertThat(Files.readString(dir.resolve("session_secret"))).isEqualTo(first.sessionSecret());
    Config fromBase = Config.from(env("SECRET_KEY_BASE", "k".repeat(40)), false, null);
    assertThat(fromBase.sessionSecret()).isEqualTo("k".repeat(40));
    assertThat(fromBase.sessionSecretGenerated()).isFalse();
  }

  @Test
  void invalid_settings_stop_the_boot_with_a_message_that_names_the_variable() {
    assertThatThrownBy(() -> Config.from(env("BIND_ADDRESS", "nonsense"), false, null)).hasMessageStartingWith("BIND_ADDRESS");
    assertThatThrownBy(() -> Config.from(env("BIND_ADDRESS", "0.0.0.0:99999"), false, null)).hasMessageStartingWith("BIND_ADDRESS");
    assertThatThrownBy(() -> Config.from(env("DATABASE_URL", "mysql://x"), false, null)).hasMessageStartingWith("DATABASE_URL");
    assertThatThrownBy(() -> Config.from(env("DATABASE_URL", "sqlite:"), false, null)).hasMessageStartingWith("DATABASE_URL");
    assertThatThrownBy(() -> Config.from(env("LOG_LEVEL", "loud"), false, null)).hasMessageStartingWith("LOG_LEVEL");
    assertThatThrownBy(() -> Config.from(env("LOG_FORMAT", "xml"), false, null)).hasMessageStartingWith("LOG_FORMAT");
    assertThatThrownBy(() -> Config.from(env("SESSION_SECRET", "short"), false, null)).hasMessageStartingWith("SESSION_SECRET");
    assertThatThrownBy(() -> Config.from(env("DISABLE_SSL", "maybe"), false, null)).hasMessageStartingWith("DISABLE_SSL");
  }

  @Test
  void redis_is_off_unless_REDIS_URL_is_set_and_takes_redis_or_rediss_urls() {
    assertThat(Config.from(env(), false, null).redis().enabled()).isFalse();
    assertThat(Config.from(env(), false, null).redis().prefix()).isEqualTo("campfire");
    Config.Redis plain = Config.from(env("REDIS_URL", "redis://127.0.0.1:6379"), false, null).redis();
    assertThat(plain.enabled()).isTrue();
    assertThat(plain.address()).isEqualTo("127.0.0.1:6379");
    Config.Redis secure = Config.from(env("REDIS_URL", "rediss://app:s%40cret@redis.internal:6380/2", "REDIS_PREFIX", "team-a"),
        false, null).redis();
    assertThat(secure.url()).isEqualTo("rediss://app:s%40cret@redis.internal:6380/2");
    assertThat(secure.address()).isEqualTo("redis.internal:6380");
    assertThat(secure.prefix()).isEqualTo("team-a");
    assertThat(Config.from(env("REDIS_URL", "redis://cache"), false, null).redis().address()).isEqualTo("cache:6379");
  }

  @Test
  void a_wrong_REDIS_URL_stops_the_boot_with_a_message_that_says_what_to_fix_and_never_shows_the_password() {
    for (String bad : new String[] {"http://127.0.0.1:6379", "127.0.0.1:6379", "redis://", "redis://:hunter2secret@:6379",
        "redis://host:port", "redis://host:0", "redis://host:70000", "redis://host:6379/x", "redis://host:6379/0?ssl=true",
        "redis://user:hunter2secret word@host"}) {
      assertThatThrownBy(() -> Config.from(env("REDIS_URL", bad), false, null)).as(bad)
          .isInstanceOf(Config.Invalid.class).hasMessageStartingWith("REDIS_URL").hasMessageContaining("redis://")
          .hasMessageNotContaining("hunter2secret");
    }
    assertThatThrownBy(() -> Config.from(env("REDIS_URL", "redis://host:6379", "REDIS_PREFIX", "two words"), false, null))
        .hasMessageStartingWith("REDIS_PREFIX");
  }

  @Test
  void a_postgres_url_names_user_password_host_port_database_and_options() {
    var db = Config.parseDatabaseUrl("postgres://campfire:s%40cret%3A1@db.internal:6543/chat?sslmode=require");
    assertThat(db.dialect()).isEqualTo(campfire.db.Dialect.POSTGRES);
    assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/chat?sslmode=require");
    assertThat(db.user()).isEqualTo("campfire");
    assertThat(db.password()).isEqualTo("s@cret:1");
    assertThat(db.file()).isNull();
    assertThat(db.describe()).doesNotContain("s@cret");

    var defaults = Config.parseDatabaseUrl("postgresql://localhost/campfire");
    assertThat(defaults.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/campfire");
    assertThat(defaults.user()).isNull();
    assertThat(defaults.password()).isNull();
  }

  @Test
  void with_postgres_files_and_secrets_stay_in_the_data_directory() {
    Config config = Config.from(env("DATABASE_URL", "postgres://u@127.0.0.1:5432/campfire", "DATA_DIR", dir.toString()), false, null);
    assertThat(config.databasePath()).isNull();
    assertThat(config.database().dialect()).isEqualTo(campfire.db.Dialect.POSTGRES);
    assertThat(config.dataDir()).isEqualTo(dir);
    assertThat(config.storagePath()).isEqualTo(dir.resolve("storage"));
    assertThat(dir.resolve("session_secret")).exists();
  }

  @Test
  void a_bad_postgres_url_says_what_to_fix_and_never_repeats_the_password() {
    assertThatThrownBy(() -> Config.parseDatabaseUrl("postgres:///campfire"))
        .hasMessage("DATABASE_URL must name the PostgreSQL host, for example postgres://campfire:secret@db.internal:5432/campfire");
    assertThatThrownBy(() -> Config.parseDatabaseUrl("postgres://db.internal:5432"))
        .hasMessage("DATABASE_URL must name one PostgreSQL database after the host, for example postgres://campfire:secret@db.internal:5432/campfire");
    assertThatThrownBy(() -> Config.parseDatabaseUrl("postgres://db.internal/a/b")).hasMessageStartingWith("DATABASE_URL must name one PostgreSQL database");
    assertThatThrownBy(() -> Config.parseDatabaseUrl("postgres://db.internal/campfire?sslmod=require"))
        .hasMessageStartingWith("DATABASE_URL option sslmod is not supported: use ").hasMessageContaining("sslmode");
    assertThatThrownBy(() -> Config.parseDatabaseUrl("postgres://u:p w@db/campfire"))
        .hasMessageStartingWith("DATABASE_URL is not a valid PostgreSQL URL").hasMessageContaining("percent-encode");
    assertThatThrownBy(() -> Config.parseDatabaseUrl("mysql://root:hunter2@db/campfire"))
        .hasMessageStartingWith("DATABASE_URL must start with sqlite:").hasMessageContaining("root:***@db").hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> Config.from(env("DATABASE_URL", "postgres://u@db/campfire", "DATA_DIR", dir.toString(), "BACKUP_SCHEDULE", "daily"), false, null))
        .hasMessageStartingWith("BACKUP_SCHEDULE backs up the SQLite file; with PostgreSQL unset it and back up with pg_dump");
  }
}
