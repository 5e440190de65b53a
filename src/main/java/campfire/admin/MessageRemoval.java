package campfire.admin;

import campfire.db.Database;
import campfire.messages.Messages;
import campfire.realtime.Broadcaster;
import campfire.realtime.Streams;
import campfire.web.TurboStreams;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes everything a banned person wrote, in small batches off the request, and takes it off every open screen. */
public final class MessageRemoval implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MessageRemoval.class);
  static final int BATCH = 200;
  private final Database database;
  private final Broadcaster broadcaster;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("message-removal").factory());

  public MessageRemoval(Database database, Broadcaster broadcaster) {
    this.database = database;
    this.broadcaster = broadcaster;
  }

  public Future<?> removeAllByLater(long userId) {
    return worker.submit(() -> {
      try {
        removeAllBy(userId);
      } catch (RuntimeException e) {
        LOG.error("Removing the messages of banned user {} failed", userId, e);
      }
    });
  }

  void removeAllBy(long userId) {
    while (true) {
      List<Messages.Ref> batch = database.write(h -> {
        List<Messages.Ref> found = Messages.oldestBy(h, userId, BATCH);
        for (Messages.Ref message : found) Messages.delete(h, message.id());
        return found;
      });
      for (Messages.Ref message : batch) {
        broadcaster.broadcastHtml(Streams.roomMessages(message.roomId()), TurboStreams.remove("message_" + message.clientMessageId()));
      }
      if (batch.size() < BATCH) return;
    }
  }

  @Override
  public void close() { worker.shutdown(); }
}
