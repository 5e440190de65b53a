package campfire.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The C1/C2 limit baseline: a bare Jetty 12 WebSocket server speaking just enough Action Cable
 * (welcome, confirm_subscription, pings every 3 s like ours) and, on {@code POST /broadcast?seq=N},
 * writing one frame to every subscribed socket. The frame is a template captured from our
 * server's real broadcast (same bytes, same length), with the sequence marker replaced.
 *
 * <p>Usage: {@code BareWebSocket PORT [FRAME_TEMPLATE_FILE]}.
 */
public final class BareWebSocket {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<Session> SUBSCRIBED = ConcurrentHashMap.newKeySet();
  private static final Set<Session> OPEN = ConcurrentHashMap.newKeySet();

  public static void main(String[] args) throws Exception {
    BareJetty.warnOnly();
    int port = Integer.parseInt(args[0]);
    String template = args.length > 1 ? Files.readString(Path.of(args[1]))
        : "{\"identifier\":\"{}\",\"message\":\"" + CableLoad.marker(0) + "\"}";
    int at = template.indexOf(CableLoad.MARKER);
    if (at < 0 || CableLoad.seq(template.getBytes(StandardCharsets.UTF_8)) < 0) throw new IllegalArgumentException("no marker in the frame");
    String original = template.substring(at, at + 14);
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    connector.setAcceptQueueSize(4096);
    server.addConnector(connector);
    WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(server, container -> {
      container.setIdleTimeout(Duration.ofSeconds(60));
      container.addMapping("/cable", (request, response, callback) -> {
        if (request.hasSubProtocol("actioncable-v1-json")) response.setAcceptedSubProtocol("actioncable-v1-json");
        return new Endpoint();
      });
    });
    upgrade.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        String query = request.getHttpURI().getQuery();
        if ("POST".equals(request.getMethod()) && request.getHttpURI().getPath().equals("/broadcast") && query != null
            && query.startsWith("seq=")) {
          int seq = Integer.parseInt(query.substring(4));
          String frame = template.replace(original, CableLoad.marker(seq));
          int sent = 0;
          for (Session session : SUBSCRIBED) {
            session.sendText(frame, org.eclipse.jetty.websocket.api.Callback.NOOP);
            sent++;
          }
          response.getHeaders().put("Content-Type", "text/plain");
          response.write(true, ByteBuffer.wrap(Integer.toString(sent).getBytes(StandardCharsets.US_ASCII)), callback);
          return true;
        }
        response.getHeaders().put("Content-Type", "text/plain");
        response.write(true, ByteBuffer.wrap("ok".getBytes(StandardCharsets.US_ASCII)), callback);
        return true;
      }
    });
    server.setHandler(upgrade);
    server.start();
    var pinger = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
    pinger.scheduleAtFixedRate(() -> {
      String ping = "{\"type\":\"ping\",\"message\":" + Instant.now().getEpochSecond() + "}";
      for (Session session : OPEN) session.sendText(ping, org.eclipse.jetty.websocket.api.Callback.NOOP);
    }, 3, 3, TimeUnit.SECONDS);
    server.join();
  }

  /** One socket: welcome on open, confirm on subscribe. Public for Jetty's listener lookup. */
  public static final class Endpoint implements Session.Listener.AutoDemanding {
    private Session session;

    @Override
    public void onWebSocketOpen(Session session) {
      this.session = session;
      OPEN.add(session);
      session.sendText("{\"type\":\"welcome\"}", org.eclipse.jetty.websocket.api.Callback.NOOP);
    }

    @Override
    public void onWebSocketText(String text) {
      try {
        JsonNode command = JSON.readTree(text);
        if ("subscribe".equals(command.path("command").asText())) {
          String identifier = command.path("identifier").asText();
          session.sendText("{\"identifier\":" + JSON.writeValueAsString(identifier) + ",\"type\":\"confirm_subscription\"}",
              org.eclipse.jetty.websocket.api.Callback.NOOP);
          SUBSCRIBED.add(session);
        }
      } catch (Exception ignored) {
        // not a command
      }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
      OPEN.remove(session);
      SUBSCRIBED.remove(session);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      OPEN.remove(session);
      SUBSCRIBED.remove(session);
    }
  }
}
