package campfire.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.Tag("sqlite-only")
class MigrationsTest {
  @TempDir Path dir;

  boolean tableExists(Database database, String name) {
    return database.read(h -> h.createQuery("SELECT COUNT(*) FROM sqlite_master WHERE name = ?").bind(0, name).mapTo(Integer.class).one()) > 0;
  }

  @Test
  void up_applies_the_whole_schema_and_rollback_undoes_only_the_latest_migration() {
    try (Database database = new Database(dir.resolve("campfire.db"))) {
      Migrations migrations = new Migrations(database);
      assertThat(migrations.pending()).isEqualTo(3);
      assertThat(migrations.up()).isEqualTo(3);
      assertThat(migrations.pending()).isZero();
      assertThat(migrations.status()).hasSize(3).allMatch(line -> line.contains("Success"));
      for (String table : new String[] {"accounts", "users", "sessions", "rooms", "memberships", "messages", "boosts", "searches",
          "push_subscriptions", "webhooks", "webhook_deliveries", "bans", "attachments", "message_search_index"}) {
        assertThat(tableExists(database, table)).as(table).isTrue();
      }

      assertThat(migrations.rollback()).isEqualTo("3");
      int bannedColumns = database.read(h -> h.createQuery("SELECT COUNT(*) FROM pragma_table_info('users') WHERE name = 'banned_at'")
          .mapTo(Integer.class).one());
      assertThat(bannedColumns).isZero();
      assertThat(migrations.rollback()).isEqualTo("2");
      assertThat(tableExists(database, "message_search_index")).isFalse();
      assertThat(tableExists(database, "messages")).isTrue();
      assertThat(migrations.pending()).isEqualTo(2);

      assertThat(migrations.up()).isEqualTo(2);
      assertThat(tableExists(database, "message_search_index")).isTrue();
    }
  }

  @Test
  void the_search_index_follows_messages_in_the_same_transaction() {
    try (Database database = new Database(dir.resolve("campfire.db"))) {
      new Migrations(database).up();
      database.writeVoid(h -> {
        h.execute("INSERT INTO users (id, name, role, created_at, updated_at) VALUES (1, 'A', 'member', 0, 0)");
        h.execute("INSERT INTO rooms (id, name, type, created_at, updated_at) VALUES (1, 'R', 'open', 0, 0)");
        h.execute("INSERT INTO messages (id, room_id, creator_id, client_message_id, body_plain, created_at, updated_at) VALUES (1, 1, 1, 'c1', 'campfires burning brightly', 0, 0)");
      });
      assertThat(matches(database, "burn")).isEqualTo(1);
      database.writeVoid(h -> h.execute("UPDATE messages SET body_plain = 'quiet night' WHERE id = 1"));
      assertThat(matches(database, "burn")).isZero();
      assertThat(matches(database, "night")).isEqualTo(1);
      database.writeVoid(h -> h.execute("DELETE FROM messages WHERE id = 1"));
      assertThat(matches(database, "night")).isZero();
    }
  }

  static int matches(Database database, String term) {
    String sql = "SELECT COUNT(*) FROM message_search_index WHERE message_search_index MATCH ?";
    Integer count = database.read(h -> h.createQuery(sql).bind(0, term).mapTo(Integer.class).one());
    return count;
  }

  @Test
  void create_writes_the_next_numbered_migration_and_its_undo_script() throws Exception {
    Path resources = dir.resolve("resources");
    Files.createDirectories(resources.resolve(Migrations.LOCATION));
    Files.writeString(resources.resolve(Migrations.LOCATION).resolve("V1__schema.sql"), "");
    Files.writeString(resources.resolve(Migrations.LOCATION).resolve("V2__search.sql"), "");
    var created = Migrations.create(resources, "add_topics");
    assertThat(created.get(0)).hasFileName("V3__add_topics.sql").exists();
    assertThat(created.get(1)).hasFileName("U3__add_topics.sql").exists();
  }
}
