package campfire.db;

import campfire.domain.DomainError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Tag("database-independent")
class GroupCommitTest {
  private Database database;

  @BeforeEach
  void open() throws Exception {
    database = new Database(Files.createTempDirectory("group-commit").resolve("test.db"));
    database.writeVoid(h -> h.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL UNIQUE)"));
  }

  @AfterEach
  void close() { database.close(); }

  @Test
  void concurrentWritesAllCommitAndAFailingOneRollsBackAlone() throws Exception {
    int writers = 200;
    ExecutorService pool = Executors.newFixedThreadPool(32);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Long>> results = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      int n = i;
      results.add(pool.submit(() -> {
        start.await();
        return database.write(h -> {
          h.execute("INSERT INTO notes (body) VALUES (?)", "note " + n);
          // Every tenth write fails after its insert: its insert must vanish, nobody else's.
          if (n % 10 == 0) throw new DomainError.Invalid("note " + n + " is refused");
          return h.createQuery("SELECT id FROM notes WHERE body = ?").bind(0, "note " + n).mapTo(Long.class).one();
        });
      }));
    }
    start.countDown();
    int refused = 0;
    for (int i = 0; i < writers; i++) {
      try {
        assertThat(results.get(i).get()).isPositive();
      } catch (java.util.concurrent.ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(DomainError.Invalid.class).hasMessage("note " + i + " is refused");
        refused++;
      }
    }
    pool.shutdown();
    assertThat(refused).isEqualTo(writers / 10);
    List<String> stored = database.read(h -> h.createQuery("SELECT body FROM notes").mapTo(String.class).list());
    assertThat(stored).hasSize(writers - writers / 10).doesNotContain("note 0", "note 10", "note 190").contains("note 1", "note 199");
  }

  @Test
  void aFailedStatementInsideABatchLeavesTheOthersCommitted() throws Exception {
    database.writeVoid(h -> h.execute("INSERT INTO notes (body) VALUES ('taken')"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> results = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      int n = i;
      results.add(pool.submit(() -> database.writeVoid(h -> h.execute("INSERT INTO notes (body) VALUES (?)", n % 4 == 0 ? "taken" : "new " + n))));
    }
    int failed = 0;
    for (Future<?> result : results) {
      try {
        result.get();
      } catch (java.util.concurrent.ExecutionException e) {
        assertThat(e.getCause()).hasMessageContaining("UNIQUE");
        failed++;
      }
    }
    pool.shutdown();
    assertThat(failed).isEqualTo(10);
    assertThat(count()).isEqualTo(31);
  }

  @Test
  void aWriteInsideAWriteIsRefusedInsteadOfWaitingForever() {
    assertThatThrownBy(() -> database.write(h -> database.write(inner -> 1))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("inside a write");
    assertThat(count()).isZero();
  }

  private int count() {
    Integer count = database.read(h -> h.createQuery("SELECT COUNT(*) FROM notes").mapTo(Integer.class).one());
    return count;
  }

  @Test
  void writesAfterCloseAreRefused() {
    database.close();
    assertThatThrownBy(() -> database.writeVoid(h -> h.execute("INSERT INTO notes (body) VALUES ('late')")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    database = new Database(Path.of(System.getProperty("java.io.tmpdir"), "group-commit-reopen-" + System.nanoTime() + ".db"));
  }
}
