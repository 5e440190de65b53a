package campfire.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * An Action Cable client over {@code java.net.http.WebSocket}, speaking like the browser's: the
 * {@code actioncable-v1-json} sub-protocol and the session cookie on the handshake.
 */
public final class CableClient implements AutoCloseable {
  public static final Duration WAIT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebSocket socket;
  private final Collector collector;
  private final BlockingQueue<JsonNode> incoming;
  private final List<JsonNode> received = new ArrayList<>();
  private final CompletableFuture<Integer> closed;

  private CableClient(WebSocket socket, Collector collector, BlockingQueue<JsonNode> incoming, CompletableFuture<Integer> closed) {
    this.socket = socket;
    this.collector = collector;
    this.incoming = incoming;
    this.closed = closed;
  }

  /** Connects as the person the cookie value belongs to (null for no cookie). */
  public static CableClient connect(TestServer server, String sessionCookie) {
    return connect(server, sessionCookie, Map.of());
  }

  public static CableClient connect(TestServer server, String sessionCookie, Map<String, String> headers) {
    return connect(server.port(), sessionCookie, headers);
  }

  /** Through whatever listens on the port (a proxy in front of the servers, say). */
  public static CableClient connect(int port, String sessionCookie, Map<String, String> headers) {
    BlockingQueue<JsonNode> incoming = new LinkedBlockingQueue<>();
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
        .connectTimeout(WAIT)
        .subprotocols("actioncable-v1-json", "actioncable-unsupported");
    if (sessionCookie != null) builder.header("Cookie", "session_token=" + sessionCookie);
    headers.forEach(builder::header);
    Collector collector = new Collector(incoming, closed);
    try {
      WebSocket socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/cable"), collector)
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
      return new CableClient(socket, collector, incoming, closed);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new HandshakeFailed(e.getCause() == null ? e : e.getCause());
    }
  }

  /** Stops taking frames off the socket, like a stalled browser tab: the server's writes back up. */
  public void pauseReading() { collector.paused = true; }

  /** The sub-protocol the server chose in the handshake ("" for none). */
  public String protocol() { return socket.getSubprotocol(); }

  public void send(String text) { socket.sendText(text, true).join(); }

  public void sendBinary(byte[] bytes) { socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).join(); }

  public static String identifier(Map<String, Object> params) {
    try {
      return JSON.writeValueAsString(params);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public void subscribe(String identifier) { command("subscribe", identifier, null); }

  public void unsubscribe(String identifier) { command("unsubscribe", identifier, null); }

  public void perform(String identifier, String dataJson) { command("message", identifier, dataJson); }

  private void command(String command, String identifier, String data) {
    var node = JSON.createObjectNode().put("command", command).put("identifier", identifier);
    if (data != null) node.put("data", data);
    send(node.toString());
  }

  /** Subscribes and waits for the answer to this subscribe: true when confirmed, false when rejected. */
  public boolean subscribeAndWait(String identifier) {
    int mark = mark();
    subscribe(identifier);
    JsonNode answer = awaitAfter(mark, f -> identifier.equals(f.path("identifier").asText(null))
        && f.path("type").asText("").endsWith("_subscription"), WAIT);
    return answer.path("type").asText().equals("confirm_subscription");
  }

  /** How many frames have arrived so far, to wait for a later one with {@link #awaitAfter}. */
  public int mark() {
    synchronized (received) {
      incoming.drainTo(received);
      return received.size();
    }
  }

  /** The first frame received so far or within the timeout that matches; fails the test otherwise. */
  public JsonNode await(Predicate<JsonNode> predicate, Duration timeout) {
    return awaitAfter(0, predicate, timeout);
  }

  /** The first matching frame among those after the first {@code mark} frames, waiting up to the timeout. */
  public JsonNode awaitAfter(int mark, Predicate<JsonNode> predicate, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int checked = mark;
    try {
      while (true) {
        synchronized (received) {
          incoming.drainTo(received);
          for (; checked < received.size(); checked++) {
            if (predicate.test(received.get(checked))) return received.get(checked);
          }
        }
        long left = deadline - System.nanoTime();
        JsonNode frame = left > 0 ? incoming.poll(left, TimeUnit.NANOSECONDS) : null;
        if (frame == null) throw new AssertionError("No matching cable frame within " + timeout + "; received " + summary());
        synchronized (received) { received.add(frame); }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Every frame received within the period (waits it out), for counting. */
  public List<JsonNode> framesAfter(Duration period) {
    long deadline = System.nanoTime() + period.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        JsonNode frame = left > 0 ? incoming.poll(left, TimeUnit.NANOSECONDS) : null;
        if (frame == null) break;
        synchronized (received) { received.add(frame); }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return frames();
  }

  /** The last few frames, each cut short, for failure messages. */
  private String summary() {
    List<JsonNode> all = frames();
    StringBuilder out = new StringBuilder(all.size() + " frames, the last: ");
    for (JsonNode frame : all.subList(Math.max(0, all.size() - 5), all.size())) {
      String text = frame.toString();
      out.append(text.length() > 300 ? text.substring(0, 300) + "..." : text).append(' ');
    }
    return out.toString();
  }

  public List<JsonNode> frames() {
    synchronized (received) {
      incoming.drainTo(received);
      return List.copyOf(received);
    }
  }

  /** The close status code once the server closed the socket, or fails after the timeout. */
  public int awaitClosed(Duration timeout) {
    try {
      return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      return -1;
    } catch (TimeoutException e) {
      throw new AssertionError("The cable was not closed within " + timeout);
    }
  }

  public boolean isClosed() { return closed.isDone() || socket.isInputClosed(); }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      try {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(WAIT.toSeconds(), TimeUnit.SECONDS);
      } catch (Exception e) {
        socket.abort();
      }
    }
    socket.abort();
  }

  public static final class HandshakeFailed extends RuntimeException {
    HandshakeFailed(Throwable cause) { super(cause); }
  }

  private static final class Collector implements WebSocket.Listener {
    private final BlockingQueue<JsonNode> incoming;
    private final CompletableFuture<Integer> closed;
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean paused;

    Collector(BlockingQueue<JsonNode> incoming, CompletableFuture<Integer> closed) {
      this.incoming = incoming;
      this.closed = closed;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          incoming.add(JSON.readTree(partial.toString()));
        } catch (JsonProcessingException e) {
          incoming.add(JSON.createObjectNode().put("unparsable", partial.toString()));
        }
        partial.setLength(0);
      }
      if (!paused) webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.completeExceptionally(error);
    }
  }
}
