package campfire.unfurl;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A fake outside web site on 127.0.0.1, counting the requests it gets. */
public final class LoopbackSite implements AutoCloseable {
  public interface Page { void serve(HttpExchange exchange) throws IOException; }

  public final HttpServer server;
  public final AtomicInteger hits = new AtomicInteger();

  public LoopbackSite() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.start();
  }

  public LoopbackSite page(String path, Page page) {
    server.createContext(path, exchange -> {
      hits.incrementAndGet();
      try (exchange) {
        page.serve(exchange);
      }
    });
    return this;
  }

  public String url(String path) { return "http://127.0.0.1:" + server.getAddress().getPort() + path; }

  public static void html(HttpExchange exchange, String html) throws IOException {
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  public static void redirect(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    exchange.sendResponseHeaders(302, -1);
  }

  @Override
  public void close() { server.stop(0); }
}
