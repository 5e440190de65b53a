package campfire.realtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.Deflater;

/**
 * A broadcast's bytes, made once for every socket it goes to: the frame String is shared by all
 * its subscribers (see {@link InProcessBroadcaster}), so its UTF-8 bytes, and its compressed
 * bytes for sockets that negotiated permessage-deflate, are kept by the String's identity while
 * it is being sent. Jetty's {@code sendText} would encode it again for each socket. Each sender
 * gets its own read-only view of the shared bytes. Small frames are encoded on the spot.
 */
final class SharedFrames {
  /** Frames below this many bytes are not worth sharing or compressing. */
  static final int SHARED_BYTES = 1024;
  /** Compressed frames stay under Jetty's 64 KB frame size, so they are never split into fragments. */
  static final int MAX_DEFLATED_BYTES = 60_000;
  private static final Cache<String, ByteBuffer> UTF8 = Caffeine.newBuilder().weakKeys().maximumSize(4096).build();
  private static final Cache<String, ByteBuffer> DEFLATED = Caffeine.newBuilder().weakKeys().maximumSize(4096).build();
  private static final LongAdder COMPRESSIONS = new LongAdder();
  private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

  private SharedFrames() {}

  /** The frame as UTF-8. */
  static ByteBuffer utf8(String frame) {
    if (frame.length() < SHARED_BYTES) return ByteBuffer.wrap(frame.getBytes(StandardCharsets.UTF_8));
    return UTF8.get(frame, f -> ByteBuffer.wrap(f.getBytes(StandardCharsets.UTF_8))).asReadOnlyBuffer();
  }

  /**
   * The frame's UTF-8 bytes deflated as one stand-alone message (RFC 7692 7.2.1, trailing empty
   * block removed); null when the frame is too small to bother or too large for one frame.
   */
  static ByteBuffer deflated(String frame) {
    if (frame.length() < SHARED_BYTES) return null;
    ByteBuffer shared = DEFLATED.get(frame, SharedFrames::deflate);
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
      if (length >= 4 && Arrays.equals(bytes, length - 4, length, TAIL, 0, 4)) length -= 4;
      return ByteBuffer.wrap(bytes, 0, length).slice();
    } finally {
      deflater.end();
    }
  }
}
