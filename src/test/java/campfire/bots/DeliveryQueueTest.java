package campfire.bots;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.db.Database;
import campfire.db.DatabaseUrl;
import campfire.db.Migrations;
import campfire.support.TestPostgres;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Two instances on one PostgreSQL claim webhook deliveries at the same moment: each job goes to exactly one. */
@Tag("postgres")
class DeliveryQueueTest {
  static final int JOBS = 400;
  String name;
  Database first;
  Database second;

  @BeforeEach
  void twoInstances() {
    name = TestPostgres.createDatabase();
    DatabaseUrl url = DatabaseUrl.postgres(TestPostgres.jdbcUrl(name), "postgres", null);
    first = new Database(url);
    second = new Database(url);
    new Migrations(first).up();
    first.writeVoid(h -> {
      h.execute("INSERT INTO users (id, name, role, created_at, updated_at) VALUES (1, 'Echo', 'bot', 0, 0)");
      h.execute("INSERT INTO webhooks (id, user_id, url, created_at) VALUES (1, 1, 'http://127.0.0.1:9/hook', 0)");
      for (int i = 0; i < JOBS; i++) {
        h.execute("INSERT INTO webhook_deliveries (webhook_id, payload, status, attempts, next_attempt_at, created_at, updated_at) "
            + "VALUES (1, '{}', 'queued', 0, 0, 0, 0)");
      }
    });
  }

  @AfterEach
  void drop() {
    first.close();
    second.close();
    TestPostgres.dropDatabase(name);
  }

  @Test
  void concurrent_claimers_on_two_instances_get_disjoint_deliveries_and_together_all_of_them() throws Exception {
    List<DeliveryQueue> queues = List.of(new DeliveryQueue(first), new DeliveryQueue(second));
    ExecutorService threads = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<Long>>> claimers = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      DeliveryQueue queue = queues.get(t % 2);
      claimers.add(threads.submit(() -> {
        start.await();
        List<Long> mine = new ArrayList<>();
        for (var next = queue.claim(); next.isPresent(); next = queue.claim()) mine.add(next.get().id());
        return mine;
      }));
    }
    start.countDown();
    List<Long> all = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (Future<List<Long>> claimer : claimers) {
      List<Long> mine = claimer.get();
      sizes.add(mine.size());
      all.addAll(mine);
    }
    threads.shutdown();

    Set<Long> distinct = new HashSet<>(all);
    assertThat(all).as("no delivery claimed twice").hasSize(distinct.size());
    assertThat(distinct).hasSize(JOBS);
    assertThat(Collections.max(sizes)).as("the work was shared, not serialised behind one claimer").isLessThan(JOBS);
    long sending = first.read(h -> h.createQuery("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'sending' AND attempts = 1")
        .mapTo(Long.class).one());
    assertThat(sending).isEqualTo(JOBS);
  }

  @Test
  void a_booting_instance_leaves_another_instances_fresh_claims_alone_and_takes_back_abandoned_ones() {
    DeliveryQueue running = new DeliveryQueue(first);
    long claimed = running.claim().orElseThrow().id();
    first.writeVoid(h -> h.execute("UPDATE webhook_deliveries SET status = 'sending', updated_at = ? WHERE id = 2",
        Database.now(h) - DeliveryQueue.LEASE_MILLIS - 1000));
    new DeliveryQueue(second).requeueAbandoned();
    String fresh = first.read(h -> h.createQuery("SELECT status FROM webhook_deliveries WHERE id = ?").bind(0, claimed).mapTo(String.class).one());
    String abandoned = first.read(h -> h.createQuery("SELECT status FROM webhook_deliveries WHERE id = 2").mapTo(String.class).one());
    assertThat(fresh).isEqualTo("sending");
    assertThat(abandoned).isEqualTo("queued");
  }
}
