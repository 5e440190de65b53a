package campfire.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Delivers broadcasts to the subscribers connected to this process. Each frame is built once per
 * distinct identifier (normally once per broadcast) and the same String goes to every subscriber.
 */
public final class InProcessBroadcaster implements Broadcaster {
  private final Frames frames;
  private final Map<String, Set<Subscription>> streams = new ConcurrentHashMap<>();
  private final Map<Long, Set<CableConnection>> connections = new ConcurrentHashMap<>();
  private final Map<String, List<Runnable>> forgetters = new ConcurrentHashMap<>();

  public InProcessBroadcaster() { this(new Frames(new ObjectMapper())); }

  InProcessBroadcaster(Frames frames) { this.frames = frames; }

  Frames frames() { return frames; }

  @Override
  public void broadcastHtml(String stream, String turboStreamHtml) {
    deliver(stream, frames.quote(turboStreamHtml));
  }

  @Override
  public void broadcastJson(String stream, String json) {
    deliver(stream, json);
  }

  @Override
  public void disconnectFromRoom(long userId, long roomId) {
    Set<CableConnection> theirs = connections.get(userId);
    if (theirs == null) return;
    for (CableConnection connection : theirs) connection.leaveRoom(roomId);
  }

  @Override
  public void changed(String topic) { forgetters.getOrDefault(topic, List.of()).forEach(Runnable::run); }

  @Override
  public void onChange(String topic, Runnable forget) { forgetters.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(forget); }

  /** After changes may have been missed: everything kept in memory is forgotten. */
  void changedEverything() { forgetters.values().forEach(list -> list.forEach(Runnable::run)); }

  @Override
  public void disconnectSessions(long userId, long sessionId) {
    Set<CableConnection> theirs = connections.get(userId);
    if (theirs == null) return;
    for (CableConnection connection : theirs) {
      if (sessionId == EVERY_SESSION || connection.user().sessionId() == sessionId) connection.revoke();
    }
  }

  private void deliver(String stream, String messageJson) {
    Set<Subscription> subscribers = streams.get(stream);
    if (subscribers == null || subscribers.isEmpty()) return;
    String lastIdentifier = null;
    String lastFrame = null;
    Map<String, String> others = null;
    for (Subscription subscription : subscribers) {
      String identifier = subscription.identifier();
      String frame;
      if (identifier.equals(lastIdentifier)) {
        frame = lastFrame;
      } else {
        if (others == null) others = new HashMap<>();
        frame = others.computeIfAbsent(identifier, id -> frames.message(id, messageJson));
        lastIdentifier = identifier;
        lastFrame = frame;
      }
      subscription.connection().send(frame);
    }
  }

  /** How many subscriptions a stream has here (for tests and metrics). */
  public int subscriberCount(String stream) {
    Set<Subscription> subscribers = streams.get(stream);
    return subscribers == null ? 0 : subscribers.size();
  }

  /** How many sockets are open here. */
  public int connectionCount() {
    return connections.values().stream().mapToInt(Set::size).sum();
  }

  void listen(Subscription subscription) {
    if (subscription.stream() == null) return;
    streams.compute(subscription.stream(), (s, subscribers) -> with(subscribers, subscription));
  }

  void unlisten(Subscription subscription) {
    if (subscription.stream() == null) return;
    streams.computeIfPresent(subscription.stream(), (s, subscribers) -> {
      subscribers.remove(subscription);
      return subscribers.isEmpty() ? null : subscribers;
    });
  }

  void opened(CableConnection connection) {
    connections.compute(connection.user().id(), (id, theirs) -> with(theirs, connection));
  }

  void closed(CableConnection connection) {
    connections.computeIfPresent(connection.user().id(), (id, theirs) -> {
      theirs.remove(connection);
      return theirs.isEmpty() ? null : theirs;
    });
  }

  /** Adds inside the map's compute, so a concurrent removal of the emptied set cannot lose it. */
  private static <T> Set<T> with(Set<T> set, T element) {
    Set<T> result = set == null ? ConcurrentHashMap.newKeySet() : set;
    result.add(element);
    return result;
  }

  void forEachConnection(Consumer<CableConnection> action) {
    for (Set<CableConnection> theirs : connections.values()) theirs.forEach(action);
  }
}
