package campfire.bench;

import campfire.db.Database;
import campfire.db.Migrations;
import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * The benchmark runner (bench/run): our server and its limit baseline, side by side, in separate
 * processes on loopback, every response validated and every acknowledged post audited.
 * Workloads: B1 (cold start, idle RSS), H1 (room page), H3 (post a message), H2 (paging, sidebar,
 * search, /up), C1/C2 (cable fan-out, connect and subscribe) and S1 (search over a seeded
 * database); the last three live in {@link Workloads}.
 */
public final class Bench {
  final boolean quick;
  final int rounds;
  final Duration duration;
  final Path work;
  final List<String> table = new ArrayList<>();

  Bench(boolean quick) throws IOException {
    this.quick = quick;
    this.rounds = quick ? 1 : 3;
    this.duration = Duration.ofSeconds(quick ? 3 : 20);
    this.work = Files.createTempDirectory("campfire-bench");
  }

  public static void main(String[] args) throws Exception {
    Bench bench = new Bench(List.of(args).contains("--quick"));
    String only = List.of(args).stream().filter(a -> a.startsWith("--only=")).map(a -> a.substring(7)).findFirst().orElse("B1,W,H,C,S");
    List<String> picked = List.of(only.split(","));
    if (List.of(args).contains("--seed-only")) {
      // Seeds (and caches) S1's databases ahead of a run, so a full run starts on a quiet machine.
      for (int size : Workloads.searchSizes(bench.quick)) Seeder.cached(size);
      return;
    }
    if (only.contains("B1")) bench.coldStart();
    if (picked.contains("W")) Workloads.reads(bench);
    if (picked.contains("H") || only.contains("H1") || only.contains("H3")) bench.http();
    if (picked.contains("H") || only.contains("H2")) bench.pages();
    if (only.contains("C")) bench.cable();
    if (only.contains("S")) bench.search();
    bench.print();
  }

  // ---- B1: cold start to /up and idle RSS ----
  void coldStart() throws Exception {
    // Both sides start from an AOT cache (JDK 25) trained once on their own first requests, as deployed.
    Path oursCache = work.resolve("campfire.aot"), baseCache = work.resolve("bare.aot");
    int trainPort = port();
    Started training = start(ours(Files.createTempDirectory(work, "train"), trainPort, "-XX:AOTCacheOutput=" + oursCache), trainPort, "/up");
    HttpClient http = HttpClient.newHttpClient();
    for (String path : List.of("/first_run", "/session/new", "/health", "/ready", "/up")) get(http, "http://127.0.0.1:" + trainPort + path);
    stop(training.process());
    int bareTrainPort = port();
    stop(start(baseline(bareTrainPort, null, "-XX:AOTCacheOutput=" + baseCache), bareTrainPort, "/").process());
    if (!Files.exists(oursCache) || !Files.exists(baseCache)) throw new IllegalStateException("the AOT caches were not written");
    List<Double> oursMs = new ArrayList<>(), baseMs = new ArrayList<>(), oursRss = new ArrayList<>(), baseRss = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      Path dir = Files.createTempDirectory(work, "start");
      int oursPort = port();
      Started ours = start(ours(dir, oursPort, "-XX:AOTCache=" + oursCache), oursPort, "/up");
      oursMs.add(ours.millis());
      Thread.sleep(2000);
      oursRss.add(rssMb(ours.process()));
      stop(ours.process());
      int basePort = port();
      Started base = start(baseline(basePort, null, "-XX:AOTCache=" + baseCache), basePort, "/");
      baseMs.add(base.millis());
      Thread.sleep(2000);
      baseRss.add(rssMb(base.process()));
      stop(base.process());
    }
    row("B1 cold start to 200 (ms)", oursMs, baseMs, false);
    row("B1 idle RSS (MB)", oursRss, baseRss, false);
  }

  // ---- H2: messages page ?before=, sidebar, search, /up ----
  void pages() throws Exception { Workloads.pages(this); }

  // ---- C1 fan-out and C2 connect and subscribe, 1,000 and 10,000 clients (quick: 2,000) ----
  void cable() throws Exception { Workloads.cable(this); }

  // ---- S1: search over 1M and 2M seeded messages (quick: 200k) ----
  void search() throws Exception { Workloads.search(this); }

  // ---- H1 and H3 against one seeded server ----
  void http() throws Exception {
    Path dir = Files.createTempDirectory(work, "http");
    int port = port();
    Started server = start(ours(dir, port), port, "/up");
    String base = "http://127.0.0.1:" + port;
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String token = csrf(get(browser, base + "/first_run"));
    send(browser, post(base + "/first_run", "authenticity_token=" + enc(token)
        + "&user%5Bname%5D=Bench&user%5Bemail_address%5D=bench%40example.com&user%5Bpassword%5D=bench-password"));
    String room = get(browser, base + "/rooms/1");
    String roomToken = csrf(room);
    for (int i = 0; i < 40; i++) {
      send(browser, post(base + "/rooms/1/messages", "authenticity_token=" + enc(roomToken) + "&message%5Bbody%5D="
          + enc("<p>Seed message " + i + " about the launch plan and the weekly numbers</p>")));
    }
    String cookie = browser.cookieHandler().orElseThrow().get(URI.create(base), java.util.Map.of()).get("Cookie").stream()
        .collect(java.util.stream.Collectors.joining("; "));
    byte[] page = get(browser, base + "/rooms/1").getBytes(StandardCharsets.UTF_8);
    Path pageFile = dir.resolve("page.html.gz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(pageFile))) {
      out.write(page);
    }

    List<Load.Result> h1 = new ArrayList<>(), h1base = new ArrayList<>(), h3 = new ArrayList<>();
    List<Double> sqliteTx = new ArrayList<>();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    IntFunction<HttpRequest> roomPage = i -> HttpRequest.newBuilder(URI.create(base + "/rooms/1")).header("Cookie", cookie)
        .header("Accept-Encoding", "gzip").build();
    Predicate<HttpResponse<String>> fullPage = r -> r.statusCode() == 200 && "gzip".equals(r.headers().firstValue("Content-Encoding").orElse(""))
        && r.body().contains("Seed message 39") && r.body().strip().endsWith("</html>");
    for (int round = 0; round < rounds; round++) {
      h1.add(warmThenRun(roomPage, fullPage, 5_000_000));
      int basePort = port();
      Started bare = start(baseline(basePort, pageFile), basePort, "/");
      h1base.add(warmThenRun(i -> HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + basePort + "/rooms/1")).header("Accept-Encoding", "gzip").build(),
          r -> r.statusCode() == 200 && r.body().contains("Seed message 39"), 5_000_000));
      stop(bare.process());
    }
    // H3 after every H1 round: its posts would push the 40 seeded messages off the room page.
    Predicate<HttpResponse<String>> acknowledgedPost = r -> {
      boolean ok = r.statusCode() == 200 && r.body().contains("message_" + prefixOf(r));
      if (ok) acknowledged.add(prefixOf(r));
      return ok;
    };
    for (int round = 0; round < rounds; round++) {
      String prefix = "r" + round + "-";
      Load.Result warm = Load.run(16, warmUp(), 1_000_000, post(base, cookie, roomToken, "w" + prefix), acknowledgedPost);
      Load.Result measured = Load.run(16, duration, 1_000_000, post(base, cookie, roomToken, prefix), acknowledgedPost);
      h3.add(measured.plusInvalid(warm.invalid()));
      sqliteTx.add(rawSqlite(Files.createTempDirectory(work, "sqlite")));
    }
    // L1: one person's 64 keep-alive clients from one address, reading the room and posting, under
    // the default limits: not one of them may be refused (issue 15).
    java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();
    IntFunction<HttpRequest> onePostInTen = post(base, cookie, roomToken, "l-");
    Load.Result l1 = Load.run(64, duration, 1_000_000, i -> i % 10 == 0 ? onePostInTen.apply(i) : roomPage.apply(i), r -> {
      if (r.statusCode() == 429) refused.incrementAndGet();
      return r.statusCode() == 200;
    });
    stop(server.process());
    table.add(String.format(Locale.ROOT, "| L1 64 clients of one person, pages and posts (req/s) | %.0f | | %d refused (429) |",
        l1.perSecond(), refused.get()));
    if (refused.get() > 0 || l1.invalid() > 0) {
      print();
      throw new IllegalStateException("a signed-in person was refused under the default limits: the run is void");
    }
    long lost = audit(dir.resolve("campfire.db"), acknowledged);
    row("H1 room page (req/s)", h1.stream().map(Load.Result::perSecond).toList(), h1base.stream().map(Load.Result::perSecond).toList(), true);
    row("H1 room page p99 (ms)", h1.stream().map(Load.Result::p99Millis).toList(), h1base.stream().map(Load.Result::p99Millis).toList(), false);
    row("H3 post a message (posts/s vs raw SQLite tx/s)", h3.stream().map(Load.Result::perSecond).toList(), sqliteTx, true);
    row("H3 post p99 (ms)", h3.stream().map(Load.Result::p99Millis).toList(), List.of(), false);
    long invalid = h1.stream().mapToLong(Load.Result::invalid).sum() + h3.stream().mapToLong(Load.Result::invalid).sum();
    table.add(String.format(Locale.ROOT, "| validation | %d invalid responses, %d acknowledged posts, %d lost | | | |", invalid, acknowledged.size(), lost));
    if (invalid > 0 || lost > 0) {
      print();
      throw new IllegalStateException("invalid responses or lost writes: the run is void");
    }
  }

  /** A post with a distinct client message id per request, which the audit looks for afterwards. */
  private static IntFunction<HttpRequest> post(String base, String cookie, String roomToken, String prefix) {
    return i -> HttpRequest.newBuilder(URI.create(base + "/rooms/1/messages"))
        .header("Cookie", cookie).header("X-CSRF-Token", roomToken).header("Accept", "text/vnd.turbo-stream.html")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("message%5Bbody%5D=" + enc("<p>Load post " + prefix + i + "</p>")
            + "&message%5Bclient_message_id%5D=" + prefix + i)).build();
  }

  /** Unmeasured load first, the same on both sides, so each runs compiled code (a server runs for days); a bad answer in it still voids the run. */
  private Load.Result warmThenRun(IntFunction<HttpRequest> request, Predicate<HttpResponse<String>> valid, long max) throws InterruptedException {
    Load.Result warm = Load.run(16, warmUp(), max, request, valid);
    return Load.run(16, duration, max, request, valid).plusInvalid(warm.invalid());
  }

  Duration warmUp() { return Duration.ofSeconds(quick ? 2 : 5); }

  private static String prefixOf(HttpResponse<String> response) {
    String body = response.body();
    int at = body.indexOf("id=\"message_");
    return at < 0 ? "" : body.substring(at + 12, body.indexOf('"', at + 12));
  }

  /** Every acknowledged post is in the database, with its search entry. */
  static long audit(Path db, Set<String> acknowledged) {
    try (Database database = new Database(db)) {
      Set<String> stored = Set.copyOf(database.read(h -> h.createQuery("SELECT m.client_message_id FROM messages m "
          + "WHERE m.id IN (SELECT rowid FROM message_search_index WHERE message_search_index MATCH 'load')").mapTo(String.class).list()));
      return acknowledged.stream().filter(id -> !stored.contains(id)).count();
    }
  }

  /** The limit for H3: single-row inserts (with the FTS trigger) in their own transactions on the same pragmas. */
  static double rawSqlite(Path dir) throws Exception {
    try (Database database = new Database(dir.resolve("raw.db"))) {
      new Migrations(database).up();
      database.writeVoid(h -> {
        h.execute("INSERT INTO users (id, name, role, created_at, updated_at) VALUES (1, 'u', 'member', 0, 0)");
        h.execute("INSERT INTO rooms (id, name, type, created_at, updated_at) VALUES (1, 'r', 'open', 0, 0)");
      });
      long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      long started = System.nanoTime();
      int n = 0;
      while (System.nanoTime() < end) {
        int i = n++;
        database.writeVoid(h -> h.execute("INSERT INTO messages (room_id, creator_id, client_message_id, body_html, body_plain, created_at, updated_at) "
            + "VALUES (1, 1, ?, ?, ?, 0, 0)", "c" + i, "<p>Load post " + i + "</p>", "Load post " + i));
      }
      return n / ((System.nanoTime() - started) / 1e9);
    }
  }

  // ---- processes ----
  record Started(Process process, double millis) {}

  /**
   * Our server as the README starts it: bin/campfire (which execs java with its memory and start-up
   * flags, so the process is the JVM), on this JDK; BENCH_JVM_OPTS, the flags given and
   * BENCH_SERVER_JVM_OPTS go in through JAVA_OPTS, as an operator's would.
   */
  ProcessBuilder ours(Path dir, int port, String... jvmFlags) {
    List<String> flags = new ArrayList<>(sharedJvmFlags());
    flags.addAll(List.of(jvmFlags));
    String extra = System.getenv().getOrDefault("BENCH_SERVER_JVM_OPTS", "");
    if (!extra.isBlank()) flags.addAll(List.of(extra.strip().split("\\s+")));
    List<String> command = List.of("sh", Path.of("bin/campfire").toAbsolutePath().toString(), "serve");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("CAMPFIRE_JAR", Path.of("target/campfire.jar").toAbsolutePath().toString());
    builder.environment().put("JAVA_OPTS", String.join(" ", flags));
    builder.environment().put("DATABASE_URL", "sqlite:" + dir.resolve("campfire.db"));
    builder.environment().put("BIND_ADDRESS", "127.0.0.1:" + port);
    builder.environment().put("LOG_LEVEL", "warn");
    builder.environment().put("RATE_LIMIT_REQUESTS", "100000000");
    builder.environment().put("BCRYPT_COST", "4");
    builder.environment().put("MAX_CONNECTIONS", "1000000");
    return builder.redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
  }

  ProcessBuilder baseline(int port, Path page, String... jvmFlags) {
    List<String> command = new ArrayList<>(List.of(java()));
    command.addAll(sharedJvmFlags());
    command.addAll(List.of(jvmFlags));
    command.addAll(List.of("-cp", baselineClasspath(), BareJetty.class.getName(), Integer.toString(port)));
    if (page != null) command.add(page.toString());
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
  }

  /** Every process started, so none outlives a run that fails half-way. */
  private static final List<Process> STARTED = new java.util.concurrent.CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(p -> { if (p.isAlive()) p.destroyForcibly(); })));
  }

  /** A process started outside {@link #start}, stopped with the others if the run fails. */
  static void startedElsewhere(Process process) { STARTED.add(process); }

  /** Waits until the port answers 200 on the probe path. */
  static void awaitUp(int port, String probe) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < 2000; i++) {
      try {
        if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + probe)).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode() < 500) return;
      } catch (IOException notYet) {
        Thread.sleep(5);
      }
    }
    throw new IllegalStateException("nothing answers on port " + port);
  }

  Started start(ProcessBuilder builder, int port, String probe) throws Exception {
    long t0 = System.nanoTime();
    Process process = builder.start();
    STARTED.add(process);
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < 6000; i++) {
      try {
        if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + probe)).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode() == 200) {
          return new Started(process, (System.nanoTime() - t0) / 1e6);
        }
      } catch (IOException notYet) {
        Thread.sleep(5);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("server did not start: " + builder.command());
  }

  static void stop(Process process) throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  /**
   * RSS after a full collection (asked from outside with jcmd, the same for both sides), so the
   * garbage of the connect burst is not counted as what each idle client keeps.
   */
  static double settledRssMb(Process process) throws IOException, InterruptedException {
    Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(process.pid()), "GC.run")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!gc.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) gc.destroyForcibly();
    Thread.sleep(1000);
    return rssMb(process);
  }

  static double rssMb(Process process) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
      if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
    }
    return 0;
  }

  /** The baselines from a jar (bench/run makes it), as an AOT cache needs: no class directories. */
  static String baselineClasspath() {
    return System.getProperty("bench.baseline.classpath", System.getProperty("java.class.path"));
  }

  /** BENCH_JVM_OPTS: flags for both sides alike (our server and every baseline), such as a collector choice. */
  static List<String> sharedJvmFlags() {
    String flags = System.getenv().getOrDefault("BENCH_JVM_OPTS", "").strip();
    return flags.isEmpty() ? List.of() : List.of(flags.split("\\s+"));
  }

  static String java() { return Path.of(System.getProperty("java.home"), "bin", "java").toString(); }

  static int port() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static String get(HttpClient http, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  static HttpRequest post(String url, String form) {
    return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
  }

  static void send(HttpClient http, HttpRequest request) throws Exception { http.send(request, HttpResponse.BodyHandlers.discarding()); }

  static String csrf(String page) { return page.replaceAll("(?s).*name=\"csrf-token\" content=\"([^\"]+)\".*", "$1"); }

  static String enc(String value) { return URLEncoder.encode(value, StandardCharsets.UTF_8); }

  // ---- the table ----
  void row(String name, List<Double> ours, List<Double> baseline, boolean higherIsBetter) {
    String ratio = baseline.isEmpty() ? "" : String.format(Locale.ROOT, "%.2fx", median(ours) / median(baseline));
    table.add(String.format(Locale.ROOT, "| %s | %s | %s | %s |", name, summary(ours), baseline.isEmpty() ? "" : summary(baseline), ratio));
  }

  static String summary(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return String.format(Locale.ROOT, "%.1f (%.1f-%.1f)", median(sorted), sorted.getFirst(), sorted.getLast());
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  void print() {
    System.out.printf("%nCampfire benchmarks (%s, %d round%s of %d s, 16 connections)%n%n", quick ? "quick" : "full", rounds,
        rounds == 1 ? "" : "s", duration.toSeconds());
    System.out.println("| workload | ours: median (min-max) | baseline: median (min-max) | ours / baseline |");
    System.out.println("|---|---|---|---|");
    table.forEach(System.out::println);
  }
}
