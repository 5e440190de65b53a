package campfire.bench;

import campfire.db.Database;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** H2, C1/C2 and S1, each called by one method of {@link Bench}. */
final class Workloads {
  private static final Pattern MESSAGE_ID = Pattern.compile("data-message-id=\"(\\d+)\"");
  private static final Pattern ROOM_STREAM =
      Pattern.compile("channel=\"RoomMessagesChannel\" signed-stream-name=\"([^\"]+)\"");

  /** The same text as MessageSearch.PROBE_SQL (package-private there). */
  static final String PROBE_SQL = "SELECT rowid FROM message_search_index WHERE message_search_index MATCH ? AND rowid < ? "
      + "ORDER BY rowid DESC LIMIT ?";

  private Workloads() { }

  /** A signed-in browser: its client and the Cookie header for load generators. */
  record SignedIn(HttpClient browser, String cookie) {}

  static SignedIn firstRun(String base) throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10)).build();
    String token = Bench.csrf(Bench.get(browser, base + "/first_run"));
    Bench.send(browser, Bench.post(base + "/first_run", "authenticity_token=" + Bench.enc(token)
        + "&user%5Bname%5D=Bench&user%5Bemail_address%5D=bench%40example.com&user%5Bpassword%5D=bench-password"));
    return new SignedIn(browser, cookie(browser, base));
  }

  static SignedIn signIn(String base, String email, String password) throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10)).build();
    String token = Bench.csrf(Bench.get(browser, base + "/session/new"));
    HttpResponse<String> answer = browser.send(Bench.post(base + "/session", "authenticity_token=" + Bench.enc(token)
        + "&email_address=" + Bench.enc(email) + "&password=" + Bench.enc(password)), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 303) throw new IllegalStateException("sign-in failed: " + answer.statusCode());
    return new SignedIn(browser, cookie(browser, base));
  }

  static String cookie(HttpClient browser, String base) throws Exception {
    return browser.cookieHandler().orElseThrow().get(URI.create(base), Map.of()).get("Cookie").stream().collect(Collectors.joining("; "));
  }

  static List<Long> ids(String html) {
    List<Long> ids = new ArrayList<>();
    Matcher m = MESSAGE_ID.matcher(html);
    while (m.find()) ids.add(Long.parseLong(m.group(1)));
    return ids;
  }

  static HttpRequest getWith(String url, String cookie) {
    return HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).timeout(Duration.ofSeconds(30)).build();
  }

  static Duration shortDuration(Bench bench) { return bench.quick ? Duration.ofSeconds(4) : bench.duration; }

  /** Our server with one person and 120 messages in room 1 (their ids in order): what W and H2 read. */
  record Seeded(Path dir, Bench.Started server, String base, SignedIn me, List<Long> ids) {}

  static Seeded seeded(Bench bench, String name) throws Exception {
    Path dir = Files.createTempDirectory(bench.work, name);
    int port = Bench.port();
    Bench.Started server = bench.start(bench.ours(dir, port), port, "/up");
    String base = "http://127.0.0.1:" + port;
    SignedIn me = firstRun(base);
    String roomToken = Bench.csrf(Bench.get(me.browser(), base + "/rooms/1"));
    for (int i = 0; i < 120; i++) {
      Bench.send(me.browser(), Bench.post(base + "/rooms/1/messages", "authenticity_token=" + Bench.enc(roomToken)
          + "&message%5Bbody%5D=" + Bench.enc("<p>Page message " + i + " about the launch plan and the weekly numbers</p>")));
    }
    List<Long> ids;
    try (Database database = new Database(dir.resolve("campfire.db"))) {
      ids = database.read(h -> h.createQuery("SELECT id FROM messages WHERE room_id = 1 ORDER BY id").mapTo(Long.class).list());
    }
    if (ids.size() != 120) throw new IllegalStateException("expected 120 messages, found " + ids.size());
    return new Seeded(dir, server, base, me, ids);
  }

  // ---- W: the reads with wrk, against nginx serving the same gzipped bytes ----
  static void reads(Bench bench) throws Exception {
    Wrk.requireInstalled();
    Seeded seeded = seeded(bench, "reads");
    Path dir = seeded.dir();
    Bench.Started server = seeded.server();
    String base = seeded.base();
    SignedIn me = seeded.me();
    List<Long> all = seeded.ids();
    String roomPage = Bench.get(me.browser(), base + "/rooms/1"); // the browser now holds every cookie a reader sends
    String cookie = cookie(me.browser(), base);
    List<Long> newest = all.subList(80, 120), expectedPage = all.subList(60, 100);
    List<Long> expectedSearch = all.subList(20, 120); // the newest 100 matches, shown oldest first as Campfire does
    Matcher css = Pattern.compile("href=\"(/assets/app-[0-9a-f]+\\.css)\"").matcher(roomPage);
    if (!css.find()) throw new IllegalStateException("no digested app.css on the room page");
    record Endpoint(String name, String path, Predicate<String> valid) {}
    List<Endpoint> endpoints = List.of(
        new Endpoint("room page", "/rooms/1", body -> ids(body).equals(newest) && body.strip().endsWith("</html>")),
        new Endpoint("messages ?before=", "/rooms/1/messages?before=" + all.get(100), body -> ids(body).equals(expectedPage)),
        new Endpoint("sidebar", "/users/me/sidebar", body -> body.contains("href=\"/rooms/1\"") && body.strip().endsWith("</html>")),
        new Endpoint("search", "/searches?q=launch", body -> ids(body).equals(expectedSearch)),
        new Endpoint("static asset (app.css)", css.group(1), body -> body.contains(".sidebar")));
    // Readable by nginx's workers, which drop to an unprivileged user when started as root.
    Path root = Files.createTempDirectory("campfire-bench-www",
        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
    int nginxPort = Bench.port();
    Process nginx = Wrk.nginx(dir.resolve("nginx"), root, nginxPort);
    Bench.startedElsewhere(nginx);
    Bench.awaitUp(nginxPort, "/");
    Duration duration = shortDuration(bench);
    Map<String, List<Wrk.Result>> ours = new LinkedHashMap<>(), limit = new LinkedHashMap<>();
    long invalid = 0;
    for (Endpoint e : endpoints) {
      HttpResponse<byte[]> first = me.browser().send(HttpRequest.newBuilder(URI.create(base + e.path())).header("Cookie", cookie)
          .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
      byte[] gzipped = first.body();
      boolean compressed = first.headers().firstValue("Content-Encoding").map("gzip"::equals).orElse(false);
      String text = compressed ? new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped)).readAllBytes(),
          StandardCharsets.UTF_8) : "";
      if (first.statusCode() != 200 || !compressed || !e.valid().test(text)) {
        Files.writeString(dir.resolve("invalid.html"), text);
        Bench.stop(server.process());
        nginx.destroy();
        bench.print();
        throw new IllegalStateException("W " + e.name() + ": the first answer is invalid (" + first.statusCode() + ", see " + dir.resolve("invalid.html") + ")");
      }
      String file = "endpoint" + ours.size();
      Files.writeString(root.resolve(file), text);
      Path expected = root.resolve(file + ".gz");
      Files.write(expected, gzipped);
      Wrk.run(base + e.path(), cookie, expected, bench.warmUp(), bench.work); // warm-up, not counted
      for (int round = 0; round < bench.rounds; round++) {
        System.err.println("  W " + e.name() + " round " + (round + 1));
        Wrk.Result r = Wrk.run(base + e.path(), cookie, expected, duration, bench.work);
        Wrk.Result n = Wrk.run("http://127.0.0.1:" + nginxPort + "/" + file, null, expected, duration, bench.work);
        System.err.println("    ours " + Wrk.describe(r) + "; nginx " + Wrk.describe(n));
        invalid += r.invalid() + n.invalid();
        ours.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(r);
        limit.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(n);
      }
    }
    double loadedRss = Bench.rssMb(server.process());
    Bench.stop(server.process());
    nginx.destroy();
    nginx.waitFor();
    for (Endpoint e : endpoints) {
      bench.row("W " + e.name() + ", wrk vs nginx (req/s)", Wrk.perSecond(ours.get(e.name())), Wrk.perSecond(limit.get(e.name())), true);
      bench.row("W " + e.name() + " p99 (ms)", Wrk.p99(ours.get(e.name())), Wrk.p99(limit.get(e.name())), false);
    }
    bench.row("W memory after the read load, RSS (MB)", List.of(loadedRss), List.of(), false);
    bench.table.add(String.format(Locale.ROOT, "| W validation | %d invalid answers (each body byte for byte the validated one) | | |", invalid));
    if (invalid > 0) {
      bench.print();
      throw new IllegalStateException("W: invalid answers, the run is void");
    }
  }

  // ---- H2: messages page ?before=, sidebar, search, /up ----
  static void pages(Bench bench) throws Exception {
    Seeded seeded = seeded(bench, "pages");
    Path dir = seeded.dir();
    Bench.Started server = seeded.server();
    String base = seeded.base();
    SignedIn me = seeded.me();
    List<Long> all = seeded.ids();
    List<Long> expectedPage = all.subList(60, 100);
    List<Long> expectedSearch = all.subList(20, 120); // the newest 100 matches, shown oldest first as Campfire does
    record Endpoint(String name, String path, Predicate<String> valid) {}
    List<Endpoint> endpoints = List.of(
        new Endpoint("messages ?before=", "/rooms/1/messages?before=" + all.get(100), body -> ids(body).equals(expectedPage)),
        new Endpoint("sidebar", "/users/me/sidebar", body -> body.contains("href=\"/rooms/1\"") && body.contains("sidebar__signout") && body.strip().endsWith("</html>")),
        new Endpoint("search", "/searches?q=launch", body -> ids(body).equals(expectedSearch)),
        new Endpoint("/up", "/up", body -> !body.isEmpty()));
    Duration duration = shortDuration(bench);
    Map<String, List<Load.Result>> ours = new LinkedHashMap<>(), bare = new LinkedHashMap<>();
    long invalid = 0;
    for (Endpoint e : endpoints) {
      HttpResponse<String> first = me.browser().send(getWith(base + e.path(), me.cookie()), HttpResponse.BodyHandlers.ofString());
      if (first.statusCode() != 200 || !e.valid().test(first.body())) {
        Files.writeString(dir.resolve("invalid.html"), first.body());
        System.err.println("  H2: the invalid answer is in " + dir.resolve("invalid.html"));
        Bench.stop(server.process());
        bench.print();
        throw new IllegalStateException("H2 " + e.name() + ": the first answer is invalid (" + first.statusCode() + ")");
      }
      Path bytes = dir.resolve("h2-" + ours.size() + ".html");
      Files.writeString(bytes, first.body());
      Load.run(16, Duration.ofSeconds(bench.quick ? 1 : 3), 5_000_000, i -> getWith(base + e.path(), me.cookie()), r -> true); // warm-up
      for (int round = 0; round < bench.rounds; round++) {
        System.err.println("  H2 " + e.name() + " round " + (round + 1));
        Load.Result r = Load.run(16, duration, 5_000_000, i -> getWith(base + e.path(), me.cookie()),
            response -> response.statusCode() == 200 && e.valid().test(response.body()));
        ours.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(r);
        invalid += r.invalid();
        int basePort = Bench.port();
        Bench.Started baseline = bench.start(bench.baseline(basePort, bytes), basePort, "/");
        Load.Result b = Load.run(16, duration, 5_000_000, i -> getWith("http://127.0.0.1:" + basePort + e.path(), "x=y"),
            response -> response.statusCode() == 200 && e.valid().test(response.body()));
        Bench.stop(baseline.process());
        bare.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(b);
      }
    }
    Bench.stop(server.process());
    for (Endpoint e : endpoints) {
      bench.row("H2 " + e.name() + " (req/s)", perSecond(ours.get(e.name())), perSecond(bare.get(e.name())), true);
      bench.row("H2 " + e.name() + " p99 (ms)", p99(ours.get(e.name())), p99(bare.get(e.name())), false);
    }
    bench.table.add(String.format(Locale.ROOT, "| H2 validation | %d invalid responses (page: 40 expected ids; search: 100 expected ids) | | |",
        invalid));
    if (invalid > 0) {
      bench.print();
      throw new IllegalStateException("H2: invalid responses, the run is void");
    }
  }

  private static List<Double> perSecond(List<Load.Result> results) { return results.stream().map(Load.Result::perSecond).toList(); }

  private static List<Double> p99(List<Load.Result> results) { return results.stream().map(Load.Result::p99Millis).toList(); }

  // ---- C1 fan-out and C2 connect/subscribe ----
  /** A C1/C2 run: how many clients, and whether they offer permessage-deflate as browsers do. */
  record Clients(int n, boolean deflate) {
    String label() { return String.format(Locale.ROOT, "%,d clients", n) + (deflate ? ", permessage-deflate" : ""); }
  }

  static void cable(Bench bench) throws Exception {
    List<Clients> runs = bench.quick ? List.of(new Clients(2000, false), new Clients(1000, true))
        : List.of(new Clients(1000, false), new Clients(10_000, false), new Clients(1000, true));
    int messages = bench.quick ? 50 : 200;
    double rate = 10;
    for (Clients run : runs) {
      int n = run.n();
      List<Double> p50 = new ArrayList<>(), p99 = new ArrayList<>(), rate1 = new ArrayList<>(), connect = new ArrayList<>(),
          rss = new ArrayList<>();
      List<Double> bp50 = new ArrayList<>(), bp99 = new ArrayList<>(), brate = new ArrayList<>(), bconnect = new ArrayList<>(),
          brss = new ArrayList<>();
      List<String> checks = new ArrayList<>();
      boolean valid = true;
      for (int round = 0; round < bench.rounds; round++) {
        // ours
        Path dir = Files.createTempDirectory(bench.work, "cable");
        int port = Bench.port();
        Bench.Started server = bench.start(bench.ours(dir, port), port, "/up");
        String base = "http://127.0.0.1:" + port;
        SignedIn me = firstRun(base);
        String page = Bench.get(me.browser(), base + "/rooms/1");
        String roomToken = Bench.csrf(page);
        Matcher stream = ROOM_STREAM.matcher(page);
        if (!stream.find()) throw new IllegalStateException("no RoomMessagesChannel stream on the room page");
        String identifier = CableLoad.identifier(stream.group(1).replace("&#39;", "'").replace("&#61;", "=").replace("&quot;", "\"").replace("&amp;", "&"));
        String tag = "r" + round + "n" + n + "-";
        String template;
        System.err.printf(Locale.ROOT, "  C1/C2 ours: %d clients, round %d%n", n, round + 1);
        Thread.sleep(bench.quick ? 1000 : 3000);
        double before = Bench.settledRssMb(server.process());
        try (CableLoad load = new CableLoad(new InetSocketAddress("127.0.0.1", port), me.cookie(), identifier, n, messages, run.deflate())) {
          long overflows = listenOverflows();
          connect.add(load.connectAll(Duration.ofSeconds(180)));
          checks.add("ours: " + (listenOverflows() - overflows) + " accept-queue overflows while connecting");
          Thread.sleep(bench.quick ? 2000 : 5000);
          rss.add((Bench.settledRssMb(server.process()) - before) * 1024 / n);
          CableLoad.FanOut fan = load.fanOut(messages, rate, seq -> HttpRequest.newBuilder(URI.create(base + "/rooms/1/messages"))
                  .header("Cookie", me.cookie()).header("X-CSRF-Token", roomToken).header("Accept", "text/vnd.turbo-stream.html")
                  .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(30))
                  .POST(HttpRequest.BodyPublishers.ofString("message%5Bbody%5D=" + Bench.enc("<p>Fan-out message " + CableLoad.marker(seq)
                      + " about the launch plan and the weekly numbers</p>") + "&message%5Bclient_message_id%5D=" + tag + seq)).build(),
              r -> r.statusCode() == 200, Duration.ofSeconds(60));
          p50.add(fan.p50Millis());
          p99.add(fan.p99Millis());
          rate1.add(fan.deliveriesPerSecond());
          checks.add("ours " + fan.describe());
          valid &= fan.valid();
          template = load.firstFrame();
        }
        Bench.stop(server.process());
        if (template == null) throw new IllegalStateException("no broadcast frame was received from our server");
        // the baseline, with our frame's bytes
        Path frame = dir.resolve("frame.json");
        Files.writeString(frame, template.replace(template.substring(template.indexOf(CableLoad.MARKER),
            template.indexOf(CableLoad.MARKER) + 14), CableLoad.marker(0)));
        int basePort = Bench.port();
        List<String> command = new ArrayList<>(List.of(Bench.java()));
        command.addAll(Bench.sharedJvmFlags());
        command.addAll(List.of("-cp", Bench.baselineClasspath(), BareWebSocket.class.getName(), Integer.toString(basePort), frame.toString()));
        System.err.printf(Locale.ROOT, "  C1/C2 baseline: %d clients, round %d (frame %d bytes)%n", n, round + 1,
            template.getBytes(StandardCharsets.UTF_8).length);
        Bench.Started bare = bench.start(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("bare.log").toFile()), basePort, "/");
        Thread.sleep(bench.quick ? 1000 : 3000);
        double bareBefore = Bench.settledRssMb(bare.process());
        try (CableLoad load = new CableLoad(new InetSocketAddress("127.0.0.1", basePort), null, identifier, n, messages, run.deflate())) {
          long overflows = listenOverflows();
          bconnect.add(load.connectAll(Duration.ofSeconds(180)));
          checks.add("baseline: " + (listenOverflows() - overflows) + " accept-queue overflows while connecting");
          Thread.sleep(bench.quick ? 2000 : 5000);
          brss.add((Bench.settledRssMb(bare.process()) - bareBefore) * 1024 / n);
          CableLoad.FanOut fan = load.fanOut(messages, rate, seq -> HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + basePort + "/broadcast?seq=" + seq)).timeout(Duration.ofSeconds(30))
                  .POST(HttpRequest.BodyPublishers.noBody()).build(),
              r -> r.statusCode() == 200 && r.body().equals(Integer.toString(n)), Duration.ofSeconds(60));
          bp50.add(fan.p50Millis());
          bp99.add(fan.p99Millis());
          brate.add(fan.deliveriesPerSecond());
          checks.add("baseline " + fan.describe());
          valid &= fan.valid();
        }
        Bench.stop(bare.process());
      }
      String clients = run.label();
      bench.row("C1 fan-out " + clients + ", post-to-all p50 (ms)", p50, bp50, false);
      bench.row("C1 fan-out " + clients + ", post-to-all p99 (ms)", p99, bp99, false);
      bench.row("C1 fan-out " + clients + " (deliveries/s, " + messages + " posts at " + (int) rate + "/s)", rate1, brate, true);
      bench.row("C2 connect+subscribe " + clients + " (s)", connect, bconnect, false);
      bench.row("C2 RSS per idle subscribed client (KB), " + clients, rss, brss, false);
      bench.table.add("| C1 validation, " + clients + " | " + String.join("; ", checks) + " | | |");
      if (!valid) {
        bench.print();
        throw new IllegalStateException("C1: a missing, duplicated or unacknowledged delivery: the run is void");
      }
    }
  }

  /** The kernel's count of connections dropped because a listen queue was full (TcpExt ListenOverflows). */
  static long listenOverflows() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/net/netstat"));
      for (int i = 0; i + 1 < lines.size(); i++) {
        if (!lines.get(i).startsWith("TcpExt:")) continue;
        List<String> names = List.of(lines.get(i).split("\\s+"));
        String[] values = lines.get(i + 1).split("\\s+");
        int at = names.indexOf("ListenOverflows");
        return at < 0 ? 0 : Long.parseLong(values[at]);
      }
    } catch (java.io.IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }

  // ---- S1: search over a seeded database ----
  static int[] searchSizes(boolean quick) {
    return quick ? new int[] {200_000} : new int[] {1_000_000, 2_000_000};
  }

  static void search(Bench bench) throws Exception {
    int[] sizes = searchSizes(bench.quick);
    Duration duration = shortDuration(bench);
    for (int size : sizes) {
      Path dir = Files.createTempDirectory(bench.work, "search");
      Path db = Seeder.copy(size, dir);
      Map<String, List<Long>> expected = new LinkedHashMap<>();
      Set<Long> readable;
      Map<Long, Long> roomOf = new java.util.HashMap<>();
      try (Database database = new Database(db)) {
        readable = Seeder.readableRooms(database, Seeder.SPARSE_USER);
        for (String term : List.of(Seeder.broadTerm(), Seeder.rareTerm())) {
          List<Long> ids = new ArrayList<>(database.read(h -> h.createQuery("SELECT m.id FROM messages m JOIN memberships ms ON ms.room_id = m.room_id "
                  + "AND ms.user_id = ? WHERE m.id IN (SELECT rowid FROM message_search_index WHERE message_search_index MATCH ?) "
                  + "ORDER BY m.id DESC LIMIT 100").bind(0, Seeder.SPARSE_USER).bind(1, "\"" + term + "\"").mapTo(Long.class).list()));
          java.util.Collections.reverse(ids); // the newest 100, shown oldest first as Campfire does
          long total = database.read(h -> h.createQuery("SELECT count(*) FROM message_search_index WHERE message_search_index MATCH ?")
              .bind(0, "\"" + term + "\"").mapTo(Long.class).one());
          System.err.printf(Locale.ROOT, "  S1 %,d: \"%s\" matches %,d messages, %d readable shown%n", size, term, total, ids.size());
          if (ids.isEmpty()) throw new IllegalStateException("S1: no readable match for " + term);
          expected.put(term, ids);
        }
        database.read(h -> h.createQuery("SELECT id, room_id FROM messages WHERE id IN (<ids>)")
            .bindList("ids", expected.values().stream().flatMap(List::stream).toList())
            .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2))).list()).forEach(e -> roomOf.put(e.getKey(), e.getValue()));
      }
      int port = Bench.port();
      Bench.Started server = bench.start(bench.ours(dir, port), port, "/up");
      String base = "http://127.0.0.1:" + port;
      SignedIn me = signIn(base, Seeder.SPARSE_EMAIL, Seeder.PASSWORD);
      Map<String, List<Load.Result>> ours = new LinkedHashMap<>();
      long unreadable = 0;
      long invalid = 0;
      for (var term : expected.entrySet()) {
        HttpResponse<String> first = me.browser().send(getWith(base + "/searches?q=" + term.getKey(), me.cookie()),
            HttpResponse.BodyHandlers.ofString());
        for (long id : ids(first.body())) if (!readable.contains(roomOf.getOrDefault(id, -1L))) unreadable++;
        if (first.statusCode() != 200 || !ids(first.body()).equals(term.getValue())) {
          Bench.stop(server.process());
          throw new IllegalStateException("S1: search for " + term.getKey() + " answered other ids than expected: " + ids(first.body()));
        }
        // Unmeasured first, as H1 does: the measured rounds run compiled code.
        invalid += Load.run(1, bench.warmUp(), 1_000_000, i -> getWith(base + "/searches?q=" + term.getKey(), me.cookie()),
            response -> response.statusCode() == 200 && ids(response.body()).equals(term.getValue())).invalid();
        for (int round = 0; round < bench.rounds; round++) {
          System.err.printf(Locale.ROOT, "  S1 %,d \"%s\" round %d%n", size, term.getKey(), round + 1);
          Load.Result r = Load.run(1, duration, 1_000_000, i -> getWith(base + "/searches?q=" + term.getKey(), me.cookie()),
              response -> response.statusCode() == 200 && ids(response.body()).equals(term.getValue()));
          invalid += r.invalid();
          ours.computeIfAbsent(term.getKey(), k -> new ArrayList<>()).add(r);
        }
      }
      Bench.stop(server.process());
      Map<String, List<double[]>> raw = new LinkedHashMap<>();
      try (Database database = new Database(db)) {
        for (String term : expected.keySet()) {
          for (int round = 0; round < bench.rounds; round++) raw.computeIfAbsent(term, k -> new ArrayList<>()).add(rawProbe(database, term, duration));
        }
      }
      String label = String.format(Locale.ROOT, "%,d messages", size);
      for (String term : expected.keySet()) {
        String kind = term.equals(Seeder.broadTerm()) ? "broad" : "rare";
        bench.row("S1 search " + label + ", " + kind + " \"" + term + "\" p50 (ms)",
            ours.get(term).stream().map(Load.Result::p50Millis).toList(), raw.get(term).stream().map(a -> a[0]).toList(), false);
        bench.row("S1 search " + label + ", " + kind + " \"" + term + "\" p99 (ms)",
            ours.get(term).stream().map(Load.Result::p99Millis).toList(), raw.get(term).stream().map(a -> a[1]).toList(), false);
      }
      bench.table.add(String.format(Locale.ROOT, "| S1 validation, %s | %d invalid responses, %d results from unreadable rooms "
          + "(person in %d of %d rooms; 1 connection; baseline: the raw FTS5 probe, newest 1000 rowids, in-process) | | |",
          label, invalid, unreadable, readable.size(), Seeder.OPEN_ROOMS + Seeder.CLOSED_ROOMS));
      if (invalid > 0 || unreadable > 0) {
        bench.print();
        throw new IllegalStateException("S1: invalid responses or unreadable results: the run is void");
      }
    }
  }

  /** The FTS5 probe alone (what the search starts with): p50 and p99 in ms over the duration. */
  static double[] rawProbe(Database database, String term, Duration duration) {
    return database.read(h -> {
      long[] latencies = new long[1_000_000];
      int n = 0;
      long end = System.nanoTime() + duration.toNanos();
      while (System.nanoTime() < end && n < latencies.length) {
        long t0 = System.nanoTime();
        List<Long> ids = h.createQuery(PROBE_SQL).bind(0, "\"" + term + "\"").bind(1, Long.MAX_VALUE)
            .bind(2, 1000).mapTo(Long.class).list();
        if (ids.isEmpty()) throw new IllegalStateException("raw probe found nothing for " + term);
        latencies[n++] = System.nanoTime() - t0;
      }
      long[] sorted = Arrays.copyOf(latencies, n);
      Arrays.sort(sorted);
      return new double[] {Load.percentile(sorted, 0.50), Load.percentile(sorted, 0.99)};
    });
  }
}
