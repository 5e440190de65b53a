package campfire.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * The C1/C2 load generator: N Action Cable clients on non-blocking sockets (a hand-written
 * client, so one JVM can hold 10,000 sockets on a few threads and spread them over several
 * 127.0.0.x source addresses), each subscribing with the same command a browser sends.
 *
 * <p>Each broadcast carries a marker {@code qzx########qzx} (the message's sequence number); every
 * client records every marker it receives, so a missing or duplicated delivery is counted per
 * client, and the time the last client received a message is its post-to-all time.
 */
final class CableLoad implements AutoCloseable {
  static final String MARKER = "qzx";
  static final int SOURCE_ADDRESSES = 8;
  static final int MAX_PENDING_HANDSHAKES = 256;

  private final InetSocketAddress server;
  private final String handshake;
  private final byte[] subscribe;
  private final int clients;
  private final int maxMessages;
  private final Worker[] workers;
  private final List<Conn> conns = new ArrayList<>();
  private final Semaphore pending = new Semaphore(MAX_PENDING_HANDSHAKES);
  private final AtomicInteger confirmed = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong unexpected = new AtomicLong();
  private final AtomicLong deliveries = new AtomicLong();
  private final boolean deflate;
  private final AtomicInteger negotiated = new AtomicInteger();
  private final AtomicLong compressedMessages = new AtomicLong();
  private final AtomicLong wireBytes = new AtomicLong();
  private final AtomicIntegerArray received;
  private final long[] sentAt;
  private final long[] completedAt;
  private volatile boolean closing;
  private volatile String firstFrame;
  private volatile String firstError;

  /**
   * @param cookie the Cookie header for the handshake (null for none)
   * @param identifier the subscription identifier (a JSON object as a string, like the browser's)
   */
  CableLoad(InetSocketAddress server, String cookie, String identifier, int clients, int maxMessages) throws IOException {
    this(server, cookie, identifier, clients, maxMessages, false);
  }

  /** @param deflate offer permessage-deflate as browsers do (and inflate what comes compressed) */
  CableLoad(InetSocketAddress server, String cookie, String identifier, int clients, int maxMessages, boolean deflate) throws IOException {
    this.server = server;
    this.deflate = deflate;
    this.clients = clients;
    this.maxMessages = maxMessages;
    this.received = new AtomicIntegerArray(maxMessages);
    this.sentAt = new long[maxMessages];
    this.completedAt = new long[maxMessages];
    StringBuilder request = new StringBuilder()
        .append("GET /cable HTTP/1.1\r\nHost: ").append(server.getHostString()).append(':').append(server.getPort()).append("\r\n")
        .append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
        .append("Sec-WebSocket-Protocol: actioncable-v1-json, actioncable-unsupported\r\n");
    if (cookie != null) request.append("Cookie: ").append(cookie).append("\r\n");
    if (deflate) request.append("Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n");
    this.handshake = request.toString();
    this.subscribe = ("{\"command\":\"subscribe\",\"identifier\":" + jsonQuote(identifier) + "}").getBytes(StandardCharsets.UTF_8);
    this.workers = new Worker[2];
    for (int i = 0; i < workers.length; i++) {
      workers[i] = new Worker(i);
      workers[i].thread.start();
    }
  }

  static String identifier(String signedStreamName) {
    return "{\"channel\":\"RoomMessagesChannel\",\"signed_stream_name\":" + jsonQuote(signedStreamName) + "}";
  }

  static String jsonQuote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          else out.append(c);
        }
      }
    }
    return out.append('"').toString();
  }

  static String marker(int seq) { return String.format(Locale.ROOT, "%s%08d%s", MARKER, seq, MARKER); }

  /** Opens every client and waits until each is confirmed subscribed; the seconds it took. */
  double connectAll(Duration timeout) throws Exception {
    long t0 = System.nanoTime();
    long deadline = t0 + timeout.toNanos();
    for (int i = 0; i < clients; i++) {
      if (!pending.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        throw new IllegalStateException("connecting timed out after " + i + " clients (" + confirmed.get() + " confirmed)");
      }
      if (failed.get() > 0) throw new IllegalStateException(failed.get() + " clients failed to connect: " + firstError);
      Conn conn = new Conn(i);
      conns.add(conn);
      SocketChannel channel = SocketChannel.open();
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      channel.bind(new InetSocketAddress("127.0.0." + (1 + i % SOURCE_ADDRESSES), 0));
      conn.channel = channel;
      channel.connect(server);
      workers[i % workers.length].register(conn);
      if (i > 0 && i % 1000 == 0) System.err.printf(Locale.ROOT, "  cable: %d opened, %d subscribed%n", i, confirmed.get());
    }
    while (confirmed.get() < clients && System.nanoTime() < deadline && failed.get() == 0) Thread.sleep(2);
    if (failed.get() > 0) throw new IllegalStateException(failed.get() + " clients failed to connect: " + firstError);
    if (confirmed.get() < clients) throw new IllegalStateException("only " + confirmed.get() + " of " + clients + " subscribed in time");
    return (System.nanoTime() - t0) / 1e9;
  }

  record FanOut(int posted, int acknowledged, double p50Millis, double p99Millis, double deliveriesPerSecond, long missing,
      long duplicates, long unexpected, int dropped, long invalidPosts, String compression) {
    String describe() {
      return String.format(Locale.ROOT, "%d posts (%d acknowledged), %d missing, %d duplicates, %d unexpected frames, %d dropped clients%s",
          posted, acknowledged, missing, duplicates, unexpected, dropped, compression);
    }

    boolean valid() { return missing == 0 && duplicates == 0 && dropped == 0 && invalidPosts == 0 && acknowledged == posted; }
  }

  /**
   * Posts {@code messages} messages at a steady rate (open loop: each send at its scheduled time,
   * whatever the previous answered), then waits for every client to receive every acknowledged one.
   */
  FanOut fanOut(int messages, double perSecond, IntFunction<HttpRequest> post, Predicate<HttpResponse<String>> valid, Duration drain)
      throws Exception {
    if (messages > maxMessages) throw new IllegalArgumentException("at most " + maxMessages + " messages");
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    List<CompletableFuture<Boolean>> answers = new ArrayList<>();
    long periodNanos = (long) (1e9 / perSecond);
    long start = System.nanoTime();
    long deliveredBefore = deliveries.get();
    long compressedBefore = compressedMessages.get();
    long wireBefore = wireBytes.get();
    for (int seq = 0; seq < messages; seq++) {
      long due = start + seq * periodNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
      HttpRequest request = post.apply(seq);
      sentAt[seq] = System.nanoTime();
      answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).orTimeout(30, TimeUnit.SECONDS)
          .thenApply(valid::test).exceptionally(e -> false));
      if (seq > 0 && seq % 50 == 0) System.err.printf(Locale.ROOT, "  cable: %d posted%n", seq);
    }
    int acknowledged = 0;
    long invalid = 0;
    boolean[] ok = new boolean[messages];
    for (int seq = 0; seq < messages; seq++) {
      ok[seq] = answers.get(seq).get(35, TimeUnit.SECONDS);
      if (ok[seq]) acknowledged++;
      else invalid++;
    }
    long drainDeadline = System.nanoTime() + drain.toNanos();
    while (System.nanoTime() < drainDeadline && !allReceived(messages)) Thread.sleep(5);
    Thread.sleep(200); // late duplicates, if any, arrive now
    long missing = 0;
    long last = start;
    long[] latencies = new long[messages];
    int complete = 0;
    for (int seq = 0; seq < messages; seq++) {
      missing += clients - received.get(seq);
      if (received.get(seq) == clients) {
        latencies[complete++] = completedAt[seq] - sentAt[seq];
        last = Math.max(last, completedAt[seq]);
      }
    }
    long[] sorted = Arrays.copyOf(latencies, complete);
    Arrays.sort(sorted);
    double seconds = Math.max(1e-9, (last - start) / 1e9);
    int dropped = 0;
    for (Conn conn : conns) if (conn.closed) dropped++;
    long delivered = Math.max(1, deliveries.get() - deliveredBefore);
    String compression = !deflate ? "" : String.format(Locale.ROOT, "; permessage-deflate negotiated by %d of %d clients, %d of %d deliveries "
        + "compressed, %.0f bytes on the wire per delivery", negotiated.get(), clients, compressedMessages.get() - compressedBefore,
        delivered, (wireBytes.get() - wireBefore) / (double) delivered);
    return new FanOut(messages, acknowledged, Load.percentile(sorted, 0.50), Load.percentile(sorted, 0.99),
        (deliveries.get() - deliveredBefore) / seconds, missing, duplicates.get(), unexpected.get(), dropped, invalid, compression);
  }

  private boolean allReceived(int messages) {
    for (int seq = 0; seq < messages; seq++) if (received.get(seq) < clients) return false;
    return true;
  }

  /** The first data frame a client received, as the server wrote it (for the baseline's frame). */
  String firstFrame() { return firstFrame; }

  int confirmed() { return confirmed.get(); }

  @Override
  public void close() {
    closing = true;
    for (Worker worker : workers) {
      worker.thread.interrupt();
      worker.selector.wakeup();
    }
    for (Worker worker : workers) {
      try {
        worker.thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (Conn conn : conns) {
      if (conn.inflater != null) conn.inflater.end();
      try {
        if (conn.channel != null) conn.channel.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    for (Worker worker : workers) {
      try {
        worker.selector.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  // ---- one client ----
  private enum State { CONNECTING, HANDSHAKE, WELCOME, SUBSCRIBING, SUBSCRIBED }

  private final class Conn {
    final int index;
    final byte[] seen = new byte[maxMessages];
    SocketChannel channel;
    SelectionKey key;
    State state = State.CONNECTING;
    ByteBuffer in = ByteBuffer.allocate(4096);
    ByteBuffer out;
    byte[] fragments;
    boolean compressed;
    java.util.zip.Inflater inflater;
    String acceptKey;
    volatile boolean closed;

    Conn(int index) { this.index = index; }
  }

  private final class Worker {
    final Selector selector;
    final Thread thread;
    final ConcurrentLinkedQueue<Conn> incoming = new ConcurrentLinkedQueue<>();

    Worker(int index) throws IOException {
      this.selector = Selector.open();
      this.thread = Thread.ofPlatform().name("cable-load-" + index).daemon().unstarted(this::loop);
    }

    void register(Conn conn) {
      incoming.add(conn);
      selector.wakeup();
    }

    void loop() {
      while (!closing && !Thread.currentThread().isInterrupted()) {
        try {
          selector.select(100);
          Conn added;
          while ((added = incoming.poll()) != null) added.key = added.channel.register(selector, SelectionKey.OP_CONNECT, added);
          var selected = selector.selectedKeys().iterator();
          while (selected.hasNext()) {
            SelectionKey key = selected.next();
            selected.remove();
            Conn conn = (Conn) key.attachment();
            try {
              if (!key.isValid()) continue;
              if (key.isConnectable()) connected(conn);
              else {
                if (key.isWritable()) flush(conn);
                if (key.isValid() && key.isReadable()) read(conn);
              }
            } catch (IOException | RuntimeException e) {
              fail(conn, e.toString());
            }
          }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
          if (!closing) System.err.println("  cable: selector failed: " + e);
          return;
        }
      }
    }
  }

  private void connected(Conn conn) throws IOException {
    conn.channel.finishConnect();
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    String key = Base64.getEncoder().encodeToString(nonce);
    try {
      conn.acceptKey = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
          .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    conn.state = State.HANDSHAKE;
    conn.key.interestOps(SelectionKey.OP_READ);
    write(conn, (handshake + "Sec-WebSocket-Key: " + key + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
  }

  private void write(Conn conn, byte[] bytes) throws IOException {
    if (conn.out != null) {
      ByteBuffer joined = ByteBuffer.allocate(conn.out.remaining() + bytes.length);
      joined.put(conn.out).put(bytes).flip();
      conn.out = joined;
    } else {
      conn.out = ByteBuffer.wrap(bytes);
    }
    flush(conn);
  }

  private void flush(Conn conn) throws IOException {
    if (conn.out == null) return;
    conn.channel.write(conn.out);
    if (conn.out.hasRemaining()) {
      conn.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    } else {
      conn.out = null;
      conn.key.interestOps(SelectionKey.OP_READ);
    }
  }

  /** A masked client text frame. */
  private static byte[] clientFrame(int opcode, byte[] payload) {
    int n = payload.length;
    int header = n < 126 ? 2 : n < 65536 ? 4 : 10;
    byte[] frame = new byte[header + 4 + n];
    frame[0] = (byte) (0x80 | opcode);
    if (n < 126) {
      frame[1] = (byte) (0x80 | n);
    } else if (n < 65536) {
      frame[1] = (byte) (0x80 | 126);
      frame[2] = (byte) (n >>> 8);
      frame[3] = (byte) n;
    } else {
      frame[1] = (byte) (0x80 | 127);
      for (int i = 0; i < 8; i++) frame[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    System.arraycopy(mask, 0, frame, header, 4);
    for (int i = 0; i < n; i++) frame[header + 4 + i] = (byte) (payload[i] ^ mask[i & 3]);
    return frame;
  }

  private void read(Conn conn) throws IOException {
    while (true) {
      if (!conn.in.hasRemaining()) {
        ByteBuffer bigger = ByteBuffer.allocate(conn.in.capacity() * 2);
        conn.in.flip();
        bigger.put(conn.in);
        conn.in = bigger;
      }
      int n = conn.channel.read(conn.in);
      if (n < 0) {
        fail(conn, "server closed the socket");
        return;
      }
      if (n == 0) return;
      conn.in.flip();
      if (conn.state == State.HANDSHAKE && !handshake(conn)) {
        conn.in.compact();
        continue;
      }
      frames(conn);
      if (conn.closed) return;
      conn.in.compact();
    }
  }

  /** True once the 101 answer is in (and consumed). */
  private boolean handshake(Conn conn) {
    ByteBuffer in = conn.in;
    int end = -1;
    for (int i = in.position(); i + 3 < in.limit(); i++) {
      if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
        end = i + 4;
        break;
      }
    }
    if (end < 0) return false;
    byte[] head = new byte[end - in.position()];
    in.get(head);
    String answer = new String(head, StandardCharsets.US_ASCII);
    String lower = answer.toLowerCase(Locale.ROOT);
    if (!answer.startsWith("HTTP/1.1 101") || !lower.contains("sec-websocket-protocol: actioncable-v1-json")
        || !answer.contains(conn.acceptKey)) {
      throw new IllegalStateException("bad handshake answer: " + answer.lines().findFirst().orElse(""));
    }
    if (deflate && lower.contains("sec-websocket-extensions: permessage-deflate")) {
      conn.inflater = new java.util.zip.Inflater(true);
      negotiated.incrementAndGet();
    }
    conn.state = State.WELCOME;
    return true;
  }

  private void frames(Conn conn) throws IOException {
    ByteBuffer in = conn.in;
    while (in.remaining() >= 2) {
      int start = in.position();
      int b0 = in.get(start) & 0xff;
      int b1 = in.get(start + 1) & 0xff;
      if ((b1 & 0x80) != 0) throw new IllegalStateException("masked server frame");
      long length = b1 & 0x7f;
      int header = 2;
      if (length == 126) {
        if (in.remaining() < 4) return;
        length = ((in.get(start + 2) & 0xff) << 8) | (in.get(start + 3) & 0xff);
        header = 4;
      } else if (length == 127) {
        if (in.remaining() < 10) return;
        length = in.getLong(start + 2);
        header = 10;
      }
      if (length > 16 * 1024 * 1024) throw new IllegalStateException("frame too long: " + length);
      if (in.remaining() < header + length) return;
      byte[] payload = new byte[(int) length];
      in.position(start + header);
      in.get(payload);
      boolean fin = (b0 & 0x80) != 0;
      int opcode = b0 & 0x0f;
      if (opcode == 0x1) conn.compressed = (b0 & 0x40) != 0;
      switch (opcode) {
        case 0x1, 0x0 -> {
          if (!fin) {
            conn.fragments = conn.fragments == null ? payload : concat(conn.fragments, payload);
          } else {
            byte[] whole = conn.fragments == null ? payload : concat(conn.fragments, payload);
            conn.fragments = null;
            int onWire = whole.length;
            if (conn.compressed) whole = inflate(conn, whole);
            if (text(conn, whole)) {
              wireBytes.addAndGet(onWire);
              if (conn.compressed) compressedMessages.incrementAndGet();
            }
          }
        }
        case 0x8 -> {
          fail(conn, "server sent close");
          return;
        }
        case 0x9 -> write(conn, clientFrame(0xA, payload));
        case 0xA -> { }
        default -> unexpected.incrementAndGet();
      }
    }
  }

  /** One inflater per socket, kept across messages: right with and without the server's context takeover. */
  private static byte[] inflate(Conn conn, byte[] payload) {
    if (conn.inflater == null) throw new IllegalStateException("a compressed frame on a socket that did not negotiate it");
    byte[] whole = Arrays.copyOf(payload, payload.length + 4);
    whole[payload.length + 2] = (byte) 0xff;
    whole[payload.length + 3] = (byte) 0xff;
    conn.inflater.setInput(whole);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(payload.length * 4);
    byte[] chunk = new byte[16 * 1024];
    try {
      while (true) {
        int n = conn.inflater.inflate(chunk);
        out.write(chunk, 0, n);
        if (n == 0 || n < chunk.length && conn.inflater.needsInput()) break;
      }
    } catch (java.util.zip.DataFormatException e) {
      throw new IllegalStateException("a compressed frame that does not inflate", e);
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }

  private static final byte[] TYPE_PREFIX = "{\"type\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] WELCOME = "{\"type\":\"welcome\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PING = "{\"type\":\"ping\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CONFIRM = "\"type\":\"confirm_subscription\"}".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] REJECT = "\"type\":\"reject_subscription\"}".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MARK = MARKER.getBytes(StandardCharsets.US_ASCII);

  /** True when the frame was a delivery of a posted message. */
  private boolean text(Conn conn, byte[] text) throws IOException {
    if (startsWith(text, TYPE_PREFIX)) {
      if (startsWith(text, PING)) return false;
      if (startsWith(text, WELCOME) && conn.state == State.WELCOME) {
        conn.state = State.SUBSCRIBING;
        write(conn, clientFrame(0x1, subscribe));
        return false;
      }
      unexpected.incrementAndGet();
      fail(conn, "unexpected frame: " + new String(text, StandardCharsets.UTF_8));
      return false;
    }
    if (endsWith(text, CONFIRM)) {
      if (conn.state != State.SUBSCRIBING) {
        unexpected.incrementAndGet();
        return false;
      }
      conn.state = State.SUBSCRIBED;
      confirmed.incrementAndGet();
      pending.release();
      return false;
    }
    if (endsWith(text, REJECT)) {
      fail(conn, "subscription rejected");
      return false;
    }
    int seq = seq(text);
    if (seq < 0 || seq >= maxMessages || conn.state != State.SUBSCRIBED) {
      unexpected.incrementAndGet();
      return false;
    }
    if (firstFrame == null) firstFrame = new String(text, StandardCharsets.UTF_8);
    if (conn.seen[seq] != 0) {
      duplicates.incrementAndGet();
      return false;
    }
    conn.seen[seq] = 1;
    deliveries.incrementAndGet();
    if (received.incrementAndGet(seq) == clients) completedAt[seq] = System.nanoTime();
    return true;
  }

  /** The sequence number of the first qzx########qzx marker, or -1. */
  static int seq(byte[] text) {
    outer:
    for (int i = 0; i + 14 <= text.length; i++) {
      if (text[i] != 'q' || text[i + 1] != 'z' || text[i + 2] != 'x') continue;
      int value = 0;
      for (int d = 0; d < 8; d++) {
        byte c = text[i + 3 + d];
        if (c < '0' || c > '9') continue outer;
        value = value * 10 + (c - '0');
      }
      if (text[i + 11] == MARK[0] && text[i + 12] == MARK[1] && text[i + 13] == MARK[2]) return value;
    }
    return -1;
  }

  private static boolean startsWith(byte[] text, byte[] prefix) {
    if (text.length < prefix.length) return false;
    for (int i = 0; i < prefix.length; i++) if (text[i] != prefix[i]) return false;
    return true;
  }

  private static boolean endsWith(byte[] text, byte[] suffix) {
    if (text.length < suffix.length) return false;
    int offset = text.length - suffix.length;
    for (int i = 0; i < suffix.length; i++) if (text[offset + i] != suffix[i]) return false;
    return true;
  }

  private void fail(Conn conn, String why) {
    if (conn.closed) return;
    conn.closed = true;
    if (conn.key != null) conn.key.cancel();
    try {
      conn.channel.close();
    } catch (IOException ignored) {
      // already failing
    }
    if (closing) return;
    if (conn.state != State.SUBSCRIBED) {
      failed.incrementAndGet();
      pending.release();
    }
    if (firstError == null) firstError = "client " + conn.index + ": " + why;
    System.err.println("  cable: client " + conn.index + " failed: " + why);
  }
}
