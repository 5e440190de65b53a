package campfire.realtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.Deflater;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.ExtensionConfig;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.internal.PerMessageDeflateExtension;

/**
 * permessage-deflate (RFC 7692) that compresses a broadcast once for every socket. Jetty's own
 * extension keeps a compressor with its sliding window per socket and runs every frame through
 * it, so a message to 10,000 browsers was compressed 10,000 times, each socket holding a
 * deflater's native memory. This one always answers {@code server_no_context_takeover}, which
 * a server may add on its own (RFC 7692, 7.1.1.1): each server message then stands alone, so the
 * same compressed bytes are right for every socket that negotiated the extension.
 *
 * <p>Large frames arrive here already compressed ({@link #deflated}, RSV1 set) and pass through;
 * small ones (welcome, pings, confirmations, typing) go out plain, which a receiver accepts
 * message by message. Only a large frame that was not prepared (none today) would fall to Jetty's
 * compressor. Incoming messages are inflated by Jetty as negotiated.
 */
public final class SharedDeflate extends PerMessageDeflateExtension {
  static final String NAME = "permessage-deflate";
  /** Below this many bytes compression saves too little to be worth the receiver's work. */
  static final int MIN_BYTES = 1024;
  /** Compressed frames stay under Jetty's 64 KB frame size, so they are never split into fragments. */
  static final int MAX_DEFLATED_BYTES = 60_000;
  /** Keyed by the identity of the frame String, shared by every socket of one broadcast. */
  private static final Cache<String, ByteBuffer> DEFLATED = Caffeine.newBuilder().weakKeys().maximumSize(4096).build();
  private static final LongAdder COMPRESSIONS = new LongAdder();
  private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

  /** Replaces Jetty's permessage-deflate for the WebSockets of this context. */
  static void install(WebSocketComponents components) {
    components.getExtensionRegistry().register(NAME, SharedDeflate.class);
  }

  @Override
  public void init(ExtensionConfig config, WebSocketComponents components) {
    config.setParameter("server_no_context_takeover");
    super.init(config, components);
  }

  @Override
  public void sendFrame(OutgoingEntry entry) {
    Frame frame = entry.getFrame();
    boolean wholeSmallMessage = frame.isDataFrame() && frame.getOpCode() != org.eclipse.jetty.websocket.core.OpCode.CONTINUATION
        && frame.isFin() && frame.getPayloadLength() < MIN_BYTES;
    if (frame.isRsv1() || !frame.isDataFrame() || wholeSmallMessage) {
      getNextOutgoing().sendFrame(entry);
      return;
    }
    super.sendFrame(entry);
  }

  /**
   * An offer this extension must decline: one asking for a smaller server window than the
   * JDK's deflater writes (it has no window-size setting). Such a client is served plainly.
   */
  static boolean unsupported(org.eclipse.jetty.websocket.api.ExtensionConfig offer) {
    if (!NAME.equalsIgnoreCase(offer.getName()) || !offer.getParameterKeys().contains("server_max_window_bits")) return false;
    return !"15".equals(offer.getParameter("server_max_window_bits", ""));
  }

  /** True when this socket compresses through a {@link SharedDeflate}. */
  static boolean negotiated(CoreSession session) {
    return session.getNegotiatedExtensions().stream().anyMatch(e -> NAME.equals(e.getName()))
        && session.isRsv1Used();
  }

  /**
   * The frame's UTF-8 bytes deflated as one stand-alone message (RFC 7692 7.2.1, trailing empty
   * block removed), made once per frame String however many sockets send it; null when the frame
   * is too small to bother or too large for one frame. Each caller gets its own read-only view.
   */
  static ByteBuffer deflated(String frame) {
    if (frame.length() < MIN_BYTES) return null;
    ByteBuffer shared = DEFLATED.get(frame, SharedDeflate::deflate);
    return shared.remaining() > MAX_DEFLATED_BYTES ? null : shared.asReadOnlyBuffer();
  }

  /** How many frames were compressed (once each, not once per socket). */
  static long compressions() { return COMPRESSIONS.sum(); }

  private static ByteBuffer deflate(String frame) {
    COMPRESSIONS.increment();
    byte[] input = frame.getBytes(StandardCharsets.UTF_8);
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    try {
      deflater.setInput(input);
      ByteArrayOutputStream out = new ByteArrayOutputStream(input.length / 2 + 64);
      byte[] chunk = new byte[Math.max(512, input.length / 2)];
      int n;
      do {
        n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
        out.write(chunk, 0, n);
      } while (n == chunk.length);
      byte[] bytes = out.toByteArray();
      int length = bytes.length;
      if (length >= 4 && java.util.Arrays.equals(bytes, length - 4, length, TAIL, 0, 4)) length -= 4;
      return ByteBuffer.wrap(bytes, 0, length).slice();
    } finally {
      deflater.end();
    }
  }
}
