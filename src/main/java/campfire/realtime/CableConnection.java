package campfire.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One signed-in browser's socket. A few objects and no thread: commands arrive on Jetty's threads,
 * frames leave through Jetty's asynchronous send. Public only because Jetty binds listener
 * methods through a public lookup.
 */
public final class CableConnection implements Session.Listener.AutoDemanding {
  private static final Logger LOG = LoggerFactory.getLogger(CableConnection.class);
  static final int MAX_COMMAND_CHARS = 64 * 1024;
  static final int MAX_SUBSCRIPTIONS = 200;

  private final CableUser user;
  private final Channels channels;
  private final InProcessBroadcaster broadcaster;
  private final Frames frames;
  private final int maxFramesInFlight;
  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Makes a subscribe (check, then add) and a removal from a room happen one after the other. */
  private final ReentrantLock lock = new ReentrantLock();
  private final org.eclipse.jetty.util.Callback sent = org.eclipse.jetty.util.Callback.from(this::sent, failure -> sent());
  private volatile Session session;
  /** Frames go out through Jetty's core session, with bytes shared by every socket of a broadcast. */
  private volatile CoreSession core;
  /** The socket negotiated permessage-deflate: large frames go out compressed (once for all). */
  private volatile boolean deflating;
  private StringBuilder partial;
  private boolean oversized;

  CableConnection(CableUser user, Channels channels, InProcessBroadcaster broadcaster, Frames frames, int maxFramesInFlight) {
    this.user = user;
    this.channels = channels;
    this.broadcaster = broadcaster;
    this.frames = frames;
    this.maxFramesInFlight = maxFramesInFlight;
  }

  CableUser user() { return user; }

  @Override
  public void onWebSocketOpen(Session session) {
    // Before the session is published: a broadcast that sees the session finds these set.
    core = ((WebSocketSession) session).getCoreSession();
    deflating = SharedDeflate.negotiated(core);
    this.session = session;
    broadcaster.opened(this);
    send(Frames.WELCOME);
  }

  /** Whole commands are small: anything longer is dropped as it streams in, and the socket stays. */
  @Override
  public void onWebSocketPartialText(String text, boolean last) {
    if (!oversized) {
      if (partial == null) partial = new StringBuilder(Math.min(text.length(), MAX_COMMAND_CHARS));
      if (partial.length() + text.length() > MAX_COMMAND_CHARS) {
        oversized = true;
        partial = null;
      } else {
        partial.append(text);
      }
    }
    if (!last) return;
    String command = partial == null ? null : partial.toString();
    partial = null;
    if (oversized) {
      oversized = false;
      LOG.debug("Ignored an oversized cable command from user {}", user.id());
      return;
    }
    try {
      handle(command);
    } catch (RuntimeException e) {
      LOG.warn("Cable command failed for user {}", user.id(), e);
    }
  }

  /** Action Cable speaks JSON text only; binary frames are dropped without closing the socket. */
  @Override
  public void onWebSocketPartialBinary(ByteBuffer payload, boolean last, Callback callback) { callback.succeed(); }

  @Override
  public void onWebSocketClose(int statusCode, String reason) { closeDown(); }

  @Override
  public void onWebSocketError(Throwable cause) {
    LOG.debug("Cable connection of user {} failed: {}", user.id(), cause.toString());
    closeDown();
  }

  void handle(String text) {
    ObjectNode command = frames.parseObject(text);
    if (command == null || !(command.get("identifier") instanceof JsonNode id) || !id.isTextual()) return;
    String identifier = id.asText();
    JsonNode verb = command.get("command");
    switch (verb == null ? "" : verb.asText()) {
      case "subscribe" -> subscribe(identifier);
      case "unsubscribe" -> unsubscribe(identifier);
      case "message" -> perform(identifier, command.get("data"));
      default -> { }
    }
  }

  private void subscribe(String identifier) {
    lock.lock();
    try {
      if (closed.get() || subscriptions.containsKey(identifier)) return;
      ObjectNode params = frames.parseObject(identifier);
      Subscription subscription = params == null || subscriptions.size() >= MAX_SUBSCRIPTIONS
          ? null : channels.subscribe(this, identifier, params);
      if (subscription == null) {
        send(frames.reject(identifier));
        return;
      }
      subscriptions.put(identifier, subscription);
      broadcaster.listen(subscription);
      send(frames.confirm(identifier));
    } finally {
      lock.unlock();
    }
  }

  private void unsubscribe(String identifier) {
    lock.lock();
    try {
      Subscription subscription = subscriptions.remove(identifier);
      if (subscription != null) end(subscription);
    } finally {
      lock.unlock();
    }
  }

  private void perform(String identifier, JsonNode data) {
    Subscription subscription = subscriptions.get(identifier);
    if (subscription == null || data == null || !data.isTextual()) return;
    ObjectNode payload = frames.parseObject(data.asText());
    if (payload == null || !(payload.get("action") instanceof JsonNode action) || !action.isTextual()) return;
    lock.lock();
    try {
      if (subscriptions.get(identifier) == subscription) subscription.perform(action.asText(), payload);
    } finally {
      lock.unlock();
    }
  }

  /** Ends every subscription about the room at once, and tells the client they were rejected. */
  void leaveRoom(long roomId) {
    lock.lock();
    try {
      List<Subscription> cut = new ArrayList<>();
      for (Subscription subscription : subscriptions.values()) {
        if (subscription.roomId() == roomId) cut.add(subscription);
      }
      for (Subscription subscription : cut) {
        subscriptions.remove(subscription.identifier());
        end(subscription);
        send(frames.reject(subscription.identifier()));
      }
    } finally {
      lock.unlock();
    }
  }

  private void end(Subscription subscription) {
    broadcaster.unlisten(subscription);
    try {
      subscription.unsubscribed();
    } catch (RuntimeException e) {
      LOG.warn("Ending a cable subscription failed for user {}", user.id(), e);
    }
  }

  /**
   * Queues a frame without waiting. A client that lets {@code maxFramesInFlight} frames pile up is
   * cut off, so a slow reader never holds up anyone else; it reconnects and catches up.
   */
  void send(String frame) {
    Session current = session;
    if (current == null || closed.get()) return;
    if (inFlight.incrementAndGet() > maxFramesInFlight) {
      inFlight.decrementAndGet();
      if (closeDown()) {
        LOG.warn("Dropped the cable connection of user {}: {} frames unsent", user.id(), maxFramesInFlight);
        current.disconnect();
      }
      return;
    }
    ByteBuffer deflated = deflating ? SharedFrames.deflated(frame) : null;
    Frame out = deflated != null ? new Frame(OpCode.TEXT, true, deflated).setRsv1(true)
        : new Frame(OpCode.TEXT, true, SharedFrames.utf8(frame));
    core.sendFrame(out, sent, false);
  }

  private void sent() { inFlight.decrementAndGet(); }

  /** Tells the client to come back later, then closes (the server is stopping). */
  void restart() { sayAndClose(Frames.SERVER_RESTART); }

  /** Tells the client its access is gone and not to come back, then closes (signed out, deactivated, banned). */
  void revoke() { sayAndClose(Frames.UNAUTHORIZED); }

  private void sayAndClose(String frame) {
    Session current = session;
    if (current == null || closed.get()) return;
    current.sendText(frame, Callback.from(current::close, failure -> current.disconnect()));
  }

  /** Ends everything of this connection once; true for the call that did it. */
  private boolean closeDown() {
    if (!closed.compareAndSet(false, true)) return false;
    lock.lock();
    try {
      for (Subscription subscription : subscriptions.values()) end(subscription);
      subscriptions.clear();
    } finally {
      lock.unlock();
      broadcaster.closed(this);
    }
    return true;
  }
}
