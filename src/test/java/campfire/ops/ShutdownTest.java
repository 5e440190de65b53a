package campfire.ops;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.CableClient;
import campfire.support.Fixtures;
import campfire.support.TestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ShutdownTest {
  @Test
  void a_request_in_flight_finishes_and_cable_clients_are_told_to_reconnect() throws Exception {
    TestServer server = TestServer.start();
    var alice = Fixtures.admin(server);
    CableClient cable = CableClient.connect(server, alice.cookie("session_token"));
    cable.await(f -> f.path("type").asText().equals("welcome"), CableClient.WAIT);

    String body = "email_address=alice%40example.com&password=" + "x".repeat(200);
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
          + "Content-Length: " + body.length() + "\r\n\r\n" + body.substring(0, 40)).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(300);
      CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
      var disconnect = cable.await(f -> f.path("type").asText().equals("disconnect"), CableClient.WAIT);
      assertThat(disconnect.path("reconnect").asBoolean()).isTrue();
      out.write(body.substring(40).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(response).startsWith("HTTP/1.1 4");
      stopping.get();
    } finally {
      cable.close();
    }
  }
}
