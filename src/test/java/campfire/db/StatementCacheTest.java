package campfire.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("sqlite-only")
class StatementCacheTest {
  private Database database;

  @BeforeEach
  void open() throws Exception {
    database = new Database(Files.createTempDirectory("statement-cache").resolve("test.db"));
    database.writeVoid(h -> {
      h.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL UNIQUE)");
      for (int i = 0; i < 10; i++) h.execute("INSERT INTO notes (body) VALUES (?)", "note " + i);
    });
  }

  @AfterEach
  void close() { database.close(); }

  private String body(long id) {
    return database.read(h -> h.createQuery("SELECT body FROM notes WHERE id = ?").bind(0, id).mapTo(String.class).one());
  }

  @Test
  void aQueryIsPreparedOncePerConnectionAndAnswersWithItsOwnParameters() {
    body(1);
    long before = database.statementsPrepared();
    for (int i = 1; i <= 10; i++) assertThat(body(i)).isEqualTo("note " + (i - 1));
    // Eight reader connections at most: the other requests reused a statement.
    assertThat(database.statementsPrepared() - before).isLessThan(8);
  }

  @Test
  void theSameQueryNestedInsideItselfGetsASecondStatement() {
    List<String> pairs = database.read(h -> {
      List<String> out = new ArrayList<>();
      try (var outer = h.createQuery("SELECT id, body FROM notes WHERE id <= ? ORDER BY id").bind(0, 3)
          .map((rs, ctx) -> rs.getLong("id")).iterator()) {
        while (outer.hasNext()) {
          long id = outer.next();
          String inner = h.createQuery("SELECT id, body FROM notes WHERE id <= ? ORDER BY id").bind(0, id)
              .map((rs, ctx) -> rs.getString("body")).list().getLast();
          out.add(id + ":" + inner);
        }
      }
      return out;
    });
    assertThat(pairs).containsExactly("1:note 0", "2:note 1", "3:note 2");
  }

  @Test
  void aStatementThatFailedWorksAgainAndTheFailedWriteLeftNothing() {
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThatThrownBy(() -> database.writeVoid(h -> h.execute("INSERT INTO notes (body) VALUES (?)", "note 0")))
          .isInstanceOf(UnableToExecuteStatementException.class);
    }
    database.writeVoid(h -> h.execute("INSERT INTO notes (body) VALUES (?)", "note 10"));
    int count = database.read(h -> h.createQuery("SELECT count(*) FROM notes").mapTo(Integer.class).one());
    assertThat(count).isEqualTo(11);
  }

  @Test
  void idleStatementsHoldNoReadSnapshotSoACheckpointCompletes() {
    for (int i = 1; i <= 10; i++) body(i);
    // A query left half-read: JDBI closes its result set, which must reset the cached statement.
    database.read(h -> h.createQuery("SELECT body FROM notes ORDER BY id").mapTo(String.class).findFirst());
    database.writeVoid(h -> h.execute("UPDATE notes SET body = 'changed' WHERE id = 1"));
    // busy = 0: no reader connection is pinning an old snapshot of the WAL.
    Integer busy = database.read(h -> h.createQuery("PRAGMA wal_checkpoint(TRUNCATE)").map((rs, ctx) -> rs.getInt(1)).one());
    assertThat(busy).isZero();
    assertThat(body(1)).isEqualTo("changed");
  }

  @Test
  void moreDistinctQueriesThanTheCacheHoldsStillAnswer() {
    for (int i = 0; i < StatementCache.PER_CONNECTION + 50; i++) {
      int n = i;
      int answer = database.read(h -> h.createQuery("SELECT " + n + " + count(*) FROM notes").mapTo(Integer.class).one());
      assertThat(answer).isEqualTo(n + 10);
    }
    assertThat(body(2)).isEqualTo("note 1");
  }
}
