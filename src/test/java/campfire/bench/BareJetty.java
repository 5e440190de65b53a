package campfire.bench;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/** The limit baseline: a bare Jetty 12 handler answering every request with the same bytes (already gzipped when the file is .gz). */
public final class BareJetty {
  public static void main(String[] args) throws Exception {
    warnOnly();
    int port = Integer.parseInt(args[0]);
    byte[] body = args.length > 1 ? Files.readAllBytes(Path.of(args[1])) : "<body style=\"background-color: green\"></body>".getBytes();
    boolean gzipped = args.length > 1 && args[1].endsWith(".gz");
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        response.getHeaders().put("Content-Type", "text/html; charset=utf-8");
        if (gzipped) response.getHeaders().put("Content-Encoding", "gzip");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
      }
    });
    server.start();
    server.join();
  }

  /**
   * Logback with no configuration file logs Jetty at DEBUG to the console: a baseline doing that
   * spends its time formatting log lines (the first C1 baseline did), so it would mark no limit.
   * Our server runs at LOG_LEVEL=warn; the baselines match it.
   */
  static void warnOnly() {
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
  }
}
