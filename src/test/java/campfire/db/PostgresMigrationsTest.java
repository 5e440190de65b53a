package campfire.db;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The PostgreSQL migrations: same versions as SQLite, undo scripts that work, the search vector in the row's transaction. */
@Tag("postgres")
class PostgresMigrationsTest {
  String name;
  Database database;

  @BeforeEach
  void fresh() {
    name = TestPostgres.createDatabase();
    database = new Database(DatabaseUrl.postgres(TestPostgres.jdbcUrl(name), "postgres", null));
  }

  @AfterEach
  void drop() {
    database.close();
    TestPostgres.dropDatabase(name);
  }

  boolean columnExists(String table, String column) {
    return database.read(h -> h.createQuery("SELECT COUNT(*) FROM information_schema.columns WHERE table_name = ? AND column_name = ?")
        .bind(0, table).bind(1, column).mapTo(Integer.class).one()) > 0;
  }

  long matches(String word) {
    return database.read(h -> h.createQuery("SELECT COUNT(*) FROM messages WHERE search_vector @@ plainto_tsquery('campfire_english', ?)")
        .bind(0, word).mapTo(Long.class).one());
  }

  @Test
  void up_applies_the_same_versions_as_sqlite_and_rollback_undoes_only_the_latest() {
    Migrations migrations = new Migrations(database);
    assertThat(database.dialect()).isEqualTo(Dialect.POSTGRES);
    assertThat(migrations.pending()).isEqualTo(3);
    assertThat(migrations.up()).isEqualTo(3);
    assertThat(migrations.status()).hasSize(3).allMatch(line -> line.contains("Success"));
    assertThat(columnExists("users", "banned_at")).isTrue();

    assertThat(migrations.rollback()).isEqualTo("3");
    assertThat(columnExists("users", "banned_at")).isFalse();
    assertThat(migrations.rollback()).isEqualTo("2");
    assertThat(columnExists("messages", "search_vector")).isFalse();
    assertThat(migrations.up()).isEqualTo(2);
    assertThat(columnExists("messages", "search_vector")).isTrue();
  }

  @Test
  void the_search_vector_follows_the_body_in_the_same_transaction_with_english_stems() {
    new Migrations(database).up();
    database.writeVoid(h -> {
      h.execute("INSERT INTO users (id, name, role, created_at, updated_at) VALUES (1, 'A', 'member', 0, 0)");
      h.execute("INSERT INTO rooms (id, name, type, created_at, updated_at) VALUES (1, 'R', 'open', 0, 0)");
      h.execute("INSERT INTO messages (id, room_id, creator_id, client_message_id, body_plain, created_at, updated_at) "
          + "VALUES (1, 1, 1, 'c1', 'Campfires burning brightly at example.com, not here', 0, 0)");
    });
    assertThat(matches("burn")).isEqualTo(1);
    assertThat(matches("campfire")).isEqualTo(1);
    assertThat(matches("example com")).as("punctuation splits words as the query does").isEqualTo(1);
    assertThat(matches("not here")).as("stop words are kept, as on SQLite").isEqualTo(1);
    assertThat(matches("not there")).isZero();
    database.writeVoid(h -> h.execute("UPDATE messages SET body_plain = 'quiet night' WHERE id = 1"));
    assertThat(matches("burn")).isZero();
    assertThat(matches("night")).isEqualTo(1);
  }

  @Test
  void the_db_commands_check_rebuild_and_count_on_postgres() {
    new Migrations(database).up();
    database.writeVoid(h -> {
      h.execute("INSERT INTO users (id, name, role, created_at, updated_at) VALUES (1, 'A', 'member', 0, 0)");
      h.execute("INSERT INTO rooms (id, name, type, created_at, updated_at) VALUES (1, 'R', 'open', 0, 0)");
      h.execute("INSERT INTO messages (room_id, creator_id, client_message_id, body_plain, created_at, updated_at) VALUES (1, 1, 'c1', 'hello', ?, ?)",
          System.currentTimeMillis(), System.currentTimeMillis());
    });
    var maintenance = new campfire.ops.PostgresMaintenance(DatabaseUrl.postgres(TestPostgres.jdbcUrl(name), "postgres", null), java.time.Clock.systemUTC());
    var check = maintenance.check();
    assertThat(check.ok()).as(check.problems()).isTrue();
    assertThat(check.messages()).isEqualTo(1);
    assertThat(check.searchComplete()).isTrue();
    maintenance.analyze();
    maintenance.vacuum();
    assertThat(maintenance.reindexSearch()).isEqualTo(1);
    var stats = maintenance.stats();
    assertThat(stats.rows()).containsEntry("messages", 1L).containsEntry("users", 1L);
    assertThat(stats.fileBytes().get("messages")).isPositive();
    assertThat(stats.messagesPerDay().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
  }
}
