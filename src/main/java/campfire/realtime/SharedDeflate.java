package campfire.realtime;

import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.ExtensionConfig;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
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
 * <p>Large frames arrive here already compressed ({@link SharedFrames#deflated}, RSV1 set) and
 * pass through; small ones (welcome, pings, confirmations, typing) go out plain, which a receiver
 * accepts message by message. Only a large frame that was not prepared (none today) would fall
 * to Jetty's compressor. Incoming messages are inflated by Jetty as negotiated.
 */
public final class SharedDeflate extends PerMessageDeflateExtension {
  static final String NAME = "permessage-deflate";
  /** Below this many bytes compression saves too little to be worth the receiver's work. */
  static final int MIN_BYTES = SharedFrames.SHARED_BYTES;

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
    boolean wholeSmallMessage = frame.isDataFrame() && frame.getOpCode() != OpCode.CONTINUATION
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
}
