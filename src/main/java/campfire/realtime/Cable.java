package campfire.realtime;

import java.io.IOException;
import java.net.HttpCookie;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeRequest;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeResponse;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketCreator;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.ExtensionConfig;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /cable} endpoint, speaking the Action Cable protocol so the stock
 * {@code @rails/actioncable} and {@code @hotwired/turbo-rails} clients work unchanged.
 *
 * <p>Mapped in Jetty's own WebSocket container rather than as a Javalin {@code ws()} route, because
 * the browser client requires the server to select the {@code actioncable-v1-json} sub-protocol,
 * which Javalin's upgrade does not do. Jetty's upgrade filter answers {@code /cable} before
 * Javalin's servlet sees the request.
 */
public final class Cable implements JettyWebSocketCreator, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Cable.class);
  public static final String PATH = "/cable";
  public static final String PROTOCOL = "actioncable-v1-json";
  public static final String SESSION_COOKIE = "session_token";
  static final Duration PING_EVERY = Duration.ofSeconds(3);
  static final int MAX_FRAMES_IN_FLIGHT = 512;

  private final Function<String, Optional<CableUser>> authenticate;
  private final InProcessBroadcaster broadcaster;
  private final Frames frames;
  private final Channels channels;
  private final int maxFramesInFlight;
  private final ScheduledExecutorService pinger;
  private volatile int maxConnections = Integer.MAX_VALUE;
  private volatile Runnable onRefused = () -> { };

  /**
   * @param authenticate the person a {@code session_token} cookie value belongs to, if any
   */
  public Cable(Function<String, Optional<CableUser>> authenticate, StreamNames streamNames, RoomGate rooms,
      InProcessBroadcaster broadcaster) {
    this(authenticate, streamNames, rooms, broadcaster, broadcaster, MAX_FRAMES_IN_FLIGHT);
  }

  /**
   * @param local the sockets of this process
   * @param everywhere what clients send to others (typing) goes out through this, to every instance
   */
  public Cable(Function<String, Optional<CableUser>> authenticate, StreamNames streamNames, RoomGate rooms,
      InProcessBroadcaster local, Broadcaster everywhere) {
    this(authenticate, streamNames, rooms, local, everywhere, MAX_FRAMES_IN_FLIGHT);
  }

  /** MAX_CONNECTIONS: past it, new sockets are refused with 503 and counted. */
  public Cable limitConnections(int max, Runnable refused) {
    this.maxConnections = max;
    this.onRefused = refused;
    return this;
  }

  Cable(Function<String, Optional<CableUser>> authenticate, StreamNames streamNames, RoomGate rooms,
      InProcessBroadcaster broadcaster, int maxFramesInFlight) {
    this(authenticate, streamNames, rooms, broadcaster, broadcaster, maxFramesInFlight);
  }

  private Cable(Function<String, Optional<CableUser>> authenticate, StreamNames streamNames, RoomGate rooms,
      InProcessBroadcaster broadcaster, Broadcaster everywhere, int maxFramesInFlight) {
    this.authenticate = authenticate;
    this.broadcaster = broadcaster;
    this.frames = broadcaster.frames();
    this.channels = new Channels(streamNames, rooms, everywhere, frames);
    this.maxFramesInFlight = maxFramesInFlight;
    this.pinger = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("cable-ping").daemon().factory());
    long every = PING_EVERY.toMillis();
    pinger.scheduleAtFixedRate(this::ping, every, every, TimeUnit.MILLISECONDS);
  }

  /** Registers {@code /cable} in Jetty's WebSocket container of Javalin's servlet context. */
  public void install(ServletContextHandler handler) {
    JettyWebSocketServletContainerInitializer.configure(handler, (servletContext, container) -> {
      SharedDeflate.install(WebSocketServerComponents.getWebSocketComponents(handler));
      container.setIdleTimeout(Duration.ofSeconds(60));
      container.addMapping(PATH, this);
    });
  }

  @Override
  public Object createWebSocket(JettyServerUpgradeRequest request, JettyServerUpgradeResponse response) throws IOException {
    String origin = request.getHeader("Origin");
    if (!sameOrigin(origin, request.getHeader("Host")) && !sameOrigin(origin, request.getHeader("X-Forwarded-Host"))) {
      response.sendForbidden("Cross-origin cable connections are refused.");
      return null;
    }
    if (broadcaster.connectionCount() >= maxConnections) {
      onRefused.run();
      response.sendError(503, "Too many connections; try again later.");
      return null;
    }
    if (request.hasSubProtocol(PROTOCOL)) response.setAcceptedSubProtocol(PROTOCOL);
    List<ExtensionConfig> offered = request.getExtensions();
    if (offered.stream().anyMatch(SharedDeflate::unsupported)) {
      response.setExtensions(offered.stream().filter(offer -> !SharedDeflate.unsupported(offer)).toList());
    }
    Optional<CableUser> user;
    try {
      user = authenticate.apply(sessionCookie(request));
    } catch (RuntimeException e) {
      LOG.warn("Cable authentication failed", e);
      response.sendError(503, "Try again later.");
      return null;
    }
    if (user.isEmpty() || user.get().bot()) return new Refusal();
    return new CableConnection(user.get(), channels, broadcaster, frames, maxFramesInFlight);
  }

  private void ping() {
    try {
      String frame = frames.ping(Instant.now().getEpochSecond());
      broadcaster.forEachConnection(connection -> connection.send(frame));
    } catch (RuntimeException e) {
      LOG.warn("Cable ping failed", e);
    }
  }

  /** Stops pinging and asks every client to reconnect later. */
  @Override
  public void close() {
    pinger.shutdownNow();
    broadcaster.forEachConnection(CableConnection::restart);
  }

  private static String sessionCookie(JettyServerUpgradeRequest request) {
    List<HttpCookie> cookies;
    try {
      cookies = request.getCookies();
    } catch (RuntimeException e) {
      return null;
    }
    if (cookies == null) return null;
    return cookies.stream().filter(c -> SESSION_COOKIE.equals(c.getName())).map(HttpCookie::getValue).findFirst().orElse(null);
  }

  /**
   * Browsers always send Origin on a WebSocket handshake, and cookies go along even when another
   * site opens the socket, so a browser's socket must come from a page of this host. Clients that
   * send no Origin are not browsers, so no one else's cookie can be riding along. (A page cannot
   * set X-Forwarded-Host on a browser's handshake, so a proxy's is as good as Host.)
   */
  static boolean sameOrigin(String origin, String host) {
    if (origin == null) return true;
    if (host == null) return false;
    try {
      String authority = URI.create(origin.strip()).getRawAuthority();
      return authority != null && authority.toLowerCase(Locale.ROOT).equals(host.strip().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The answer to a socket without a valid session (or a bot's): Action Cable's unauthorized, then
   * close. Public only because Jetty binds listener methods through a public lookup.
   */
  public static final class Refusal implements Session.Listener.AutoDemanding {
    Refusal() { }

    @Override
    public void onWebSocketOpen(Session session) {
      session.sendText(Frames.UNAUTHORIZED, Callback.from(() -> session.close(StatusCode.NORMAL, "unauthorized", Callback.NOOP),
          failure -> session.disconnect()));
    }
  }
}
