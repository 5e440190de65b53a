package campfire.db;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * SQLite's one writer, shared by every request: write transactions queue here, and one thread runs
 * whatever has queued up in a single transaction, each job inside its own savepoint so a failing
 * job rolls back alone. Nobody is answered before the commit that holds their write, so durability
 * is what one transaction per write gave; the file's commit cost is paid once per batch, not once
 * per write. A lone job runs without a savepoint and without waiting for company.
 */
final class GroupCommit implements AutoCloseable {
  /** Enough to amortise a commit; small enough that one batch stays a few milliseconds. */
  private static final int MAX_BATCH = 64;
  /** As long as a request used to wait for the single writer connection. */
  private static final long WAIT_SECONDS = 30;

  private final Jdbi jdbi;
  private final BlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;
  /** Queued by close(): the writer finishes what came before it and stops. */
  private static final Job<Object> STOP = new Job<>(h -> null, new CompletableFuture<>());

  private record Job<R>(HandleCallback<R, ?> callback, CompletableFuture<R> result) {}

  GroupCommit(Jdbi jdbi) {
    this.jdbi = jdbi;
    this.thread = Thread.ofPlatform().name("campfire-writer").daemon().start(this::loop);
  }

  /** Runs the callback in a committed transaction and returns its result, or throws what it threw. */
  <R, X extends Exception> R write(HandleCallback<R, X> callback) throws X {
    if (Thread.currentThread() == thread) throw new IllegalStateException("A write inside a write would wait for itself");
    if (closed) throw new IllegalStateException("The database is closed");
    Job<R> job = new Job<>(callback, new CompletableFuture<>());
    queue.add(job);
    try {
      return job.result().get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      // Taken back before it ran, it never will; once running, its outcome is the caller's answer.
      if (queue.remove(job)) throw new IllegalStateException("The database writer did not answer in " + WAIT_SECONDS + " s");
      return awaitRunning(job);
    } catch (ExecutionException e) {
      throw GroupCommit.<RuntimeException>sneaky(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (queue.remove(job)) throw new IllegalStateException("Interrupted while waiting for the database writer");
      return awaitRunning(job);
    }
  }

  private static <R> R awaitRunning(Job<R> job) {
    try {
      return job.result().join();
    } catch (CompletionException e) {
      throw GroupCommit.<RuntimeException>sneaky(e.getCause());
    }
  }

  private void loop() {
    List<Job<?>> batch = new ArrayList<>(MAX_BATCH);
    boolean stopping = false;
    while (!stopping) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        break;
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      stopping = batch.remove(STOP);
      if (!batch.isEmpty()) run(batch);
      batch.clear();
    }
    for (Job<?> job; (job = queue.poll()) != null; ) job.result().completeExceptionally(new IllegalStateException("The database is closed"));
  }

  private void run(List<Job<?>> batch) {
    List<Object> results = new ArrayList<>(batch.size());
    List<Throwable> failures = new ArrayList<>(batch.size());
    try (Handle handle = jdbi.open()) {
      handle.begin();
      try {
        boolean alone = batch.size() == 1;
        for (Job<?> job : batch) {
          if (!alone) handle.execute("SAVEPOINT job");
          try {
            results.add(job.callback().withHandle(handle));
            failures.add(null);
            if (!alone) handle.execute("RELEASE SAVEPOINT job");
          } catch (Throwable failure) {
            if (!alone) {
              handle.execute("ROLLBACK TO SAVEPOINT job");
              handle.execute("RELEASE SAVEPOINT job");
            }
            results.add(null);
            failures.add(failure);
          }
        }
        if (alone && failures.getFirst() != null) handle.rollback();
        else handle.commit();
      } catch (Throwable batchFailed) {
        rollbackQuietly(handle);
        batch.forEach(job -> job.result().completeExceptionally(batchFailed));
        return;
      }
    } catch (Throwable cannotOpen) {
      batch.forEach(job -> job.result().completeExceptionally(cannotOpen));
      return;
    }
    for (int i = 0; i < batch.size(); i++) complete(batch.get(i), results.get(i), failures.get(i));
  }

  @SuppressWarnings("unchecked")
  private static <R> void complete(Job<R> job, Object result, Throwable failure) {
    if (failure != null) job.result().completeExceptionally(failure);
    else job.result().complete((R) result);
  }

  private static void rollbackQuietly(Handle handle) {
    try {
      if (handle.isInTransaction()) handle.rollback();
    } catch (RuntimeException ignored) {
      // The connection is closed next; Hikari discards it if it is broken.
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }

  @Override
  public void close() {
    closed = true;
    queue.add(STOP);
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Job<?> job; (job = queue.poll()) != null; ) job.result().completeExceptionally(new IllegalStateException("The database is closed"));
  }
}
