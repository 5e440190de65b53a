package campfire.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/** Everything /metrics reports: HTTP, cable, messages, database, memory, business gauges, JVM. */
public final class Metrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Timer queries;
  private final Counter messagesSent;
  private final Counter connectionsRefused;
  private final Counter redisPublishFailures;
  private final Counter rateLimitFallbacks;
  private final PerMinute messages = new PerMinute();
  private final PerMinute searches = new PerMinute();
  private final JvmGcMetrics gc = new JvmGcMetrics();

  public Metrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    gc.bindTo(registry);
    queries = Timer.builder("campfire.database.query.duration").description("Time spent in SQL statements")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(10_000)).maximumExpectedValue(Duration.ofSeconds(5))
        .register(registry);
    messagesSent = Counter.builder("campfire.messages.sent").description("Messages posted").register(registry);
    connectionsRefused = Counter.builder("campfire.websocket.connections.refused")
        .description("Cable connections refused because MAX_CONNECTIONS was reached").register(registry);
    redisPublishFailures = Counter.builder("campfire.redis.publish.failures")
        .description("Broadcasts that reached this instance's clients only, because Redis could not be reached").register(registry);
    rateLimitFallbacks = Counter.builder("campfire.redis.rate.limit.fallbacks")
        .description("Rate-limit checks made on this instance's own buckets, because Redis could not be reached").register(registry);
    Gauge.builder("campfire.memory.usage.bytes", Runtime.getRuntime(), r -> r.totalMemory() - r.freeMemory())
        .tag("area", "heap").baseUnit("bytes").register(registry);
    Gauge.builder("campfire.memory.usage.bytes", () -> ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getUsed())
        .tag("area", "nonheap").baseUnit("bytes").register(registry);
    Gauge.builder("campfire.memory.usage.bytes", Metrics::residentSetBytes).tag("area", "rss").baseUnit("bytes").register(registry);
    Gauge.builder("messages_per_minute", messages, PerMinute::count).description("Messages posted in the last minute").register(registry);
    Gauge.builder("search_queries_per_minute", searches, PerMinute::count).description("Searches in the last minute").register(registry);
  }

  public PrometheusMeterRegistry registry() { return registry; }

  /** Registered once per route and status: looking meters up by their tags was a share of every cheap request. */
  private final Map<String, Counter> requestCounters = new ConcurrentHashMap<>();
  private final Map<String, Timer> requestTimers = new ConcurrentHashMap<>();

  public void request(String method, String route, int status, long nanos) {
    String statusText = Integer.toString(status);
    requestCounters.computeIfAbsent(method + " " + route + " " + statusText, k -> Counter.builder("campfire.http.requests")
        .tags("method", method, "route", route, "status", statusText).register(registry)).increment();
    requestTimers.computeIfAbsent(method + " " + route, k -> Timer.builder("campfire.http.request.duration").tags("method", method, "route", route)
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(50_000)).maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry)).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  public void query(long nanos) { queries.record(Duration.ofNanos(nanos)); }

  public void messageSent() {
    messagesSent.increment();
    messages.add();
  }

  public void searched() { searches.add(); }

  public void connectionRefused() { connectionsRefused.increment(); }

  public void redisPublishFailed() { redisPublishFailures.increment(); }

  public void rateLimitFellBack() { rateLimitFallbacks.increment(); }

  /** A gauge read when /metrics is scraped, such as a count from the database. */
  public <T> void gauge(String name, String description, T source, ToDoubleFunction<T> reading) {
    Gauge.builder(name, source, reading).description(description).register(registry);
  }

  public void gauge(String name, String description, Supplier<Number> reading) {
    Gauge.builder(name, reading).description(description).register(registry);
  }

  /**
   * A count kept by its owner (it only grows), read when /metrics is scraped; one series per tag
   * value. The registry holds the count only weakly: its owner must keep it.
   */
  public void count(String name, String description, String tag, String value, java.util.concurrent.atomic.AtomicLong count) {
    io.micrometer.core.instrument.FunctionCounter.builder(name, count, java.util.concurrent.atomic.AtomicLong::get).description(description)
        .tag(tag, value).register(registry);
  }

  /**
   * The system metrics the deployment guide names: CPU and memory of the machine (or container),
   * the disk holding the data directory, and the TCP connections established on it (from
   * /proc/net; absent elsewhere), each read when /metrics is scraped.
   */
  public void system(Path dataDirectory) {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      Gauge.builder("cpu_usage_percent", os, o -> Math.max(0, o.getCpuLoad()) * 100)
          .description("CPU in use on this machine, percent").register(registry);
      Gauge.builder("memory_usage_percent", os, o -> o.getTotalMemorySize() == 0 ? 0
          : 100.0 * (o.getTotalMemorySize() - o.getFreeMemorySize()) / o.getTotalMemorySize())
          .description("Physical memory in use on this machine, percent").register(registry);
    }
    Gauge.builder("disk_usage_percent", dataDirectory, Metrics::diskUsagePercent)
        .description("Space used on the disk that holds the data directory, percent").register(registry);
    if (Files.isReadable(Path.of("/proc/net/tcp"))) {
      Gauge.builder("network_connections_active", Metrics::establishedTcpConnections)
          .description("TCP connections established on this machine (or container)").register(registry);
    }
  }

  private static double diskUsagePercent(Path directory) {
    try {
      java.nio.file.FileStore store = Files.getFileStore(Files.exists(directory) ? directory : directory.toAbsolutePath().getRoot());
      return store.getTotalSpace() == 0 ? 0 : 100.0 * (store.getTotalSpace() - store.getUsableSpace()) / store.getTotalSpace();
    } catch (IOException e) {
      return Double.NaN;
    }
  }

  /** Lines of /proc/net/tcp and tcp6 in state 01 (ESTABLISHED). */
  private static double establishedTcpConnections() {
    long established = 0;
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try (var lines = Files.lines(Path.of(table))) {
        established += lines.skip(1).filter(line -> {
          String[] fields = line.trim().split("\\s+");
          return fields.length > 3 && "01".equals(fields[3]);
        }).count();
      } catch (IOException | java.io.UncheckedIOException e) {
        // no IPv6 table, say
      }
    }
    return established;
  }

  public String scrape() { return registry.scrape(); }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }

  private static double residentSetBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024.0;
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: report the committed heap instead
    }
    return Runtime.getRuntime().totalMemory();
  }

  /** Events in the last 60 seconds, in one-second slots. */
  static final class PerMinute {
    private final AtomicLongArray slots = new AtomicLongArray(60);
    private final AtomicLongArray stamps = new AtomicLongArray(60);

    void add() {
      long second = System.currentTimeMillis() / 1000;
      int slot = (int) (second % 60);
      if (stamps.getAndSet(slot, second) != second) slots.set(slot, 0);
      slots.incrementAndGet(slot);
    }

    double count() {
      long now = System.currentTimeMillis() / 1000;
      long total = 0;
      for (int i = 0; i < 60; i++) if (now - stamps.get(i) < 60) total += slots.get(i);
      return total;
    }
  }
}
