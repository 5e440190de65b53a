package campfire.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.CableClient;
import campfire.support.WebClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** permessage-deflate as browsers negotiate it, read off the wire by a client that sees each frame's RSV1 bit. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.Tag("database-independent")
class PerMessageDeflateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BROWSER_OFFER = "permessage-deflate; client_max_window_bits";
  private CablePeople people;
  private long room;
  private String stream;
  private String identifier;

  @BeforeAll
  void start() {
    people = new CablePeople();
    room = people.room("Deflate room", people.aliceId, people.bobId);
    stream = Streams.roomMessages(room);
    identifier = people.roomMessages(room);
  }

  @AfterAll
  void stop() { people.close(); }

  private static String largeHtml(String marker) {
    return "<turbo-stream action=\"append\"><template><p>" + marker + " " + "the launch plan and the weekly numbers ".repeat(80)
        + "</p></template></turbo-stream>";
  }

  @Test
  void aBroadcastIsCompressedOnceAndEverySocketThatAskedGetsTheSameBytes() throws Exception {
    try (RawCable alice = RawCable.open(people.server.port(), people.alice, BROWSER_OFFER);
         RawCable bob = RawCable.open(people.server.port(), people.bob, BROWSER_OFFER);
         CableClient plain = people.cable(people.alice)) {
      assertThat(alice.extensions).startsWith("permessage-deflate").contains("server_no_context_takeover");
      RawFrame welcome = alice.next(f -> true);
      assertThat(welcome.rsv1()).as("small frames go out plain").isFalse();
      assertThat(welcome.text()).contains("welcome");
      alice.subscribe(identifier);
      bob.subscribe(identifier);
      assertThat(plain.subscribeAndWait(identifier)).isTrue();

      long before = SharedFrames.compressions();
      String html = largeHtml("once");
      people.server.app().broadcaster().broadcastHtml(stream, html);

      RawFrame toAlice = alice.next(f -> f.text().contains("\"message\"") && !f.text().contains("\"ping\""));
      RawFrame toBob = bob.next(f -> f.text().contains("\"message\"") && !f.text().contains("\"ping\""));
      assertThat(toAlice.rsv1()).isTrue();
      assertThat(toAlice.payload()).isEqualTo(toBob.payload());
      assertThat(toAlice.payload().length).isLessThan(html.length() / 4);
      JsonNode frame = JSON.readTree(toAlice.text());
      assertThat(frame.path("identifier").asText()).isEqualTo(identifier);
      assertThat(frame.path("message").asText()).isEqualTo(html);
      assertThat(plain.await(f -> f.path("message").asText().equals(html), CableClient.WAIT)).as("a socket without the extension reads it plain").isNotNull();
      assertThat(SharedFrames.compressions() - before).as("compressed once for both sockets").isEqualTo(1);

      // Every message stands alone (no context carried over): the next one decodes with a fresh inflater too.
      String second = largeHtml("twice");
      people.server.app().broadcaster().broadcastHtml(stream, second);
      RawFrame again = alice.next(f -> f.text().contains("twice"));
      assertThat(again.rsv1()).isTrue();
      assertThat(JSON.readTree(again.text()).path("message").asText()).isEqualTo(second);
    }
  }

  @Test
  void aClientThatOffersNoCompressionGetsPlainFrames() throws Exception {
    try (RawCable alice = RawCable.open(people.server.port(), people.alice, null)) {
      assertThat(alice.extensions).isNull();
      RawFrame frame = largeBroadcastTo(alice, "plain");
      assertThat(frame.rsv1()).isFalse();
      assertThat(JSON.readTree(frame.text()).path("message").asText()).isEqualTo(largeHtml("plain"));
    }
  }

  @Test
  void compressedCommandsFromTheClientAreRead() throws Exception {
    try (RawCable bob = RawCable.open(people.server.port(), people.bob, BROWSER_OFFER)) {
      bob.next(f -> f.text().contains("welcome"));
      bob.send(JSON.writeValueAsString(Map.of("command", "subscribe", "identifier", identifier)), true);
      RawFrame confirm = bob.next(f -> f.text().contains("confirm_subscription"));
      assertThat(JSON.readTree(confirm.text()).path("identifier").asText()).isEqualTo(identifier);
    }
  }

  @Test
  void aClientAskingForASmallerWindowThanWeWriteIsServedPlainly() throws Exception {
    // The JDK's deflater always writes a 32 KB window: the extension is declined, the connection kept.
    try (RawCable alice = RawCable.open(people.server.port(), people.alice, "permessage-deflate; server_max_window_bits=10")) {
      assertThat(alice.extensions).isNull();
      RawFrame frame = largeBroadcastTo(alice, "small window");
      assertThat(frame.rsv1()).isFalse();
    }
  }

  /** Waits for the welcome, subscribes to the room, broadcasts a large message and reads its frame. */
  private RawFrame largeBroadcastTo(RawCable cable, String marker) throws Exception {
    cable.next(f -> f.text().contains("welcome"));
    cable.subscribe(identifier);
    people.server.app().broadcaster().broadcastHtml(stream, largeHtml(marker));
    return cable.next(f -> f.text().contains(marker));
  }

  record RawFrame(boolean rsv1, int opcode, byte[] payload, String text) {}

  /** A blocking WebSocket client over a plain socket: sees RSV1, inflates what is compressed, masks what it sends. */
  static final class RawCable implements AutoCloseable {
    final String extensions;
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawCable(Socket socket, DataInputStream in, String extensions) throws IOException {
      this.socket = socket;
      this.in = in;
      this.out = socket.getOutputStream();
      this.extensions = extensions;
    }

    static RawCable open(int port, WebClient person, String offer) throws IOException {
      Socket socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout((int) CableClient.WAIT.toMillis());
      byte[] key = new byte[16];
      ThreadLocalRandom.current().nextBytes(key);
      String request = "GET /cable HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
          + "Sec-WebSocket-Protocol: actioncable-v1-json\r\nCookie: session_token=" + person.cookie("session_token") + "\r\n"
          + (offer == null ? "" : "Sec-WebSocket-Extensions: " + offer + "\r\n") + "\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      DataInputStream in = new DataInputStream(socket.getInputStream());
      String status = line(in);
      if (!status.startsWith("HTTP/1.1 101")) throw new IOException("not upgraded: " + status);
      String extensions = null;
      for (String header = line(in); !header.isEmpty(); header = line(in)) {
        if (header.toLowerCase(java.util.Locale.ROOT).startsWith("sec-websocket-extensions:")) extensions = header.substring(25).strip();
      }
      return new RawCable(socket, in, extensions);
    }

    private static String line(DataInputStream in) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) throw new IOException("closed during the handshake");
        if (b != '\r') bytes.write(b);
      }
      return bytes.toString(StandardCharsets.US_ASCII);
    }

    void subscribe(String identifier) throws IOException, DataFormatException {
      send(JSON.writeValueAsString(Map.of("command", "subscribe", "identifier", identifier)), false);
      next(f -> f.text().contains("confirm_subscription"));
    }

    /** The next text frame that matches, skipping the others (pings, say). */
    RawFrame next(Predicate<RawFrame> wanted) throws IOException, DataFormatException {
      while (true) {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) length = in.readUnsignedShort();
        else if (length == 127) length = in.readLong();
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        boolean rsv1 = (first & 0x40) != 0;
        int opcode = first & 0x0f;
        if ((first & 0x80) == 0) throw new IOException("a fragmented frame: this client reads whole messages only");
        if (opcode != 1) continue;
        RawFrame frame = new RawFrame(rsv1, opcode, payload, new String(rsv1 ? inflate(payload) : payload, StandardCharsets.UTF_8));
        if (wanted.test(frame)) return frame;
      }
    }

    /** A masked text frame, compressed as one stand-alone message when asked. */
    void send(String text, boolean compressed) throws IOException {
      byte[] payload = text.getBytes(StandardCharsets.UTF_8);
      if (compressed) payload = deflate(payload);
      ByteArrayOutputStream frame = new ByteArrayOutputStream();
      frame.write(0x80 | (compressed ? 0x40 : 0) | 0x1);
      if (payload.length < 126) {
        frame.write(0x80 | payload.length);
      } else {
        frame.write(0x80 | 126);
        frame.write(payload.length >> 8);
        frame.write(payload.length & 0xff);
      }
      byte[] mask = new byte[4];
      ThreadLocalRandom.current().nextBytes(mask);
      frame.write(mask);
      for (int i = 0; i < payload.length; i++) frame.write(payload[i] ^ mask[i % 4]);
      out.write(frame.toByteArray());
      out.flush();
    }

    private static byte[] inflate(byte[] payload) throws DataFormatException {
      Inflater inflater = new Inflater(true);
      try {
        byte[] whole = Arrays.copyOf(payload, payload.length + 4);
        whole[payload.length + 2] = (byte) 0xff;
        whole[payload.length + 3] = (byte) 0xff;
        inflater.setInput(whole);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        while (!inflater.needsInput()) {
          int n = inflater.inflate(chunk);
          if (n == 0 && inflater.needsInput()) break;
          out.write(chunk, 0, n);
        }
        return out.toByteArray();
      } finally {
        inflater.end();
      }
    }

    private static byte[] deflate(byte[] input) {
      Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
      try {
        deflater.setInput(input);
        byte[] chunk = new byte[input.length + 64];
        int n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
        return Arrays.copyOf(chunk, n - 4);
      } finally {
        deflater.end();
      }
    }

    @Override
    public void close() throws IOException { socket.close(); }
  }
}
