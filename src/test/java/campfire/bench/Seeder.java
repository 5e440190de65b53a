package campfire.bench;

import campfire.accounts.Passwords;
import campfire.db.Database;
import campfire.db.Migrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * S1's data: a migrated SQLite file written straight through JDBC in large transactions (the FTS
 * triggers fill message_search_index as they would in production): 200 people, 50 rooms (5 open
 * with everyone, 45 closed with a handful of members each), and N messages whose words follow a
 * Zipf distribution (s = 1) over a vocabulary of about 3,000 words: the first few hundred are
 * common English words in rough frequency order, the tail is made-up pronounceable words, so
 * broad terms ("the") match most messages and tail terms a few hundred.
 *
 * <p>Person 2 ({@link #SPARSE_EMAIL}) is in the 5 open rooms and 3 closed ones only. Seeded files
 * are cached under target/bench-seed/ keyed by size and {@link #VERSION}; a copy is handed out.
 */
final class Seeder {
  static final int VERSION = 1;
  static final int PEOPLE = 200;
  static final int OPEN_ROOMS = 5;
  static final int CLOSED_ROOMS = 45;
  static final String PASSWORD = "bench-password";
  static final String SPARSE_EMAIL = "person2@example.com";
  static final long SPARSE_USER = 2;
  static final int BATCH = 20_000;

  /** A fresh copy of the seeded file with {@code messages} messages (seeding it first if not cached). */
  static Path copy(int messages, Path dir) throws Exception {
    Path target = dir.resolve("campfire.db");
    Files.copy(cached(messages), target, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  /** The cached seeded file with {@code messages} messages, seeded first if it is not there yet. */
  static Path cached(int messages) throws Exception {
    Path cache = Path.of("target/bench-seed").toAbsolutePath();
    Files.createDirectories(cache);
    Path seeded = cache.resolve("messages-" + messages + "-v" + VERSION + ".db");
    Path done = cache.resolve("messages-" + messages + "-v" + VERSION + ".done");
    if (!Files.exists(done)) {
      Files.deleteIfExists(seeded);
      Files.deleteIfExists(Path.of(seeded + "-wal"));
      Files.deleteIfExists(Path.of(seeded + "-shm"));
      long t0 = System.nanoTime();
      seed(seeded, messages);
      System.err.printf(Locale.ROOT, "  seed: %d messages in %.1f s (%d MB)%n", messages, (System.nanoTime() - t0) / 1e9,
          Files.size(seeded) >> 20);
      Files.writeString(done, "ok\n");
    } else {
      System.err.println("  seed: reusing " + seeded);
    }
    return seeded;
  }

  static void seed(Path file, int messages) throws Exception {
    Random random = new Random(42);
    String[] words = vocabulary(random);
    double[] cdf = zipf(words.length, 1.0);
    String digest = new Passwords(4).hash(PASSWORD);
    long now = 1_767_225_600_000L; // 2026-01-01
    long span = 365L * 24 * 3600 * 1000;
    try (Database database = new Database(file)) {
      new Migrations(database).up();
      try (Connection c = database.writerDataSource().getConnection()) {
        c.setAutoCommit(false);
        try (PreparedStatement account = c.prepareStatement(
            "INSERT INTO accounts (id, name, join_code, created_at, updated_at) VALUES (1, 'Bench', 'bench-join-code', ?, ?)")) {
          account.setLong(1, now - span);
          account.setLong(2, now - span);
          account.executeUpdate();
        }
        try (PreparedStatement user = c.prepareStatement("INSERT INTO users (id, name, email_address, password_digest, role, created_at, "
            + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
          for (int id = 1; id <= PEOPLE; id++) {
            user.setLong(1, id);
            user.setString(2, "Person " + id);
            user.setString(3, "person" + id + "@example.com");
            user.setString(4, digest);
            user.setString(5, id == 1 ? "administrator" : "member");
            user.setLong(6, now - span);
            user.setLong(7, now - span);
            user.addBatch();
          }
          user.executeBatch();
        }
        List<List<Integer>> members = new ArrayList<>();
        try (PreparedStatement room = c.prepareStatement("INSERT INTO rooms (id, name, type, creator_id, last_message_at, created_at, "
            + "updated_at) VALUES (?, ?, ?, 1, ?, ?, ?)");
            PreparedStatement membership = c.prepareStatement("INSERT INTO memberships (room_id, user_id, involvement, created_at) "
                + "VALUES (?, ?, 'mentions', ?)")) {
          for (int id = 1; id <= OPEN_ROOMS + CLOSED_ROOMS; id++) {
            boolean open = id <= OPEN_ROOMS;
            room.setLong(1, id);
            room.setString(2, (open ? "Open room " : "Closed room ") + id);
            room.setString(3, open ? "open" : "closed");
            room.setLong(4, now);
            room.setLong(5, now - span);
            room.setLong(6, now - span);
            room.addBatch();
            Set<Integer> in = new LinkedHashSet<>();
            if (open) {
              for (int p = 1; p <= PEOPLE; p++) in.add(p);
            } else {
              int size = 4 + random.nextInt(12);
              while (in.size() < size) in.add(2 + random.nextInt(PEOPLE - 1) + 0);
              in.remove((int) SPARSE_USER);
              if (id <= OPEN_ROOMS + 3) in.add((int) SPARSE_USER);
              in.add(1);
            }
            members.add(new ArrayList<>(in));
            for (int p : in) {
              membership.setLong(1, id);
              membership.setLong(2, p);
              membership.setLong(3, now - span);
              membership.addBatch();
            }
          }
          room.executeBatch();
          membership.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
        try (var statement = c.createStatement()) {
          // seeding only: a crash means seeding again, so no fsync, and a large page cache for the index
          statement.execute("PRAGMA synchronous = OFF");
          statement.execute("PRAGMA cache_size = -262144");
        }
        c.setAutoCommit(false);
        try (PreparedStatement message = c.prepareStatement("INSERT INTO messages (room_id, creator_id, client_message_id, body_html, "
            + "body_plain, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
          StringBuilder body = new StringBuilder();
          long t0 = System.nanoTime();
          for (int i = 0; i < messages; i++) {
            int roomIndex = random.nextInt(members.size());
            List<Integer> in = members.get(roomIndex);
            int creator = in.get(random.nextInt(in.size()));
            body.setLength(0);
            int length = 3 + random.nextInt(22);
            for (int w = 0; w < length; w++) {
              if (w > 0) body.append(' ');
              body.append(words[sample(cdf, random.nextDouble())]);
            }
            String plain = body.toString();
            long at = now - span + (long) ((double) i / messages * span);
            message.setLong(1, roomIndex + 1);
            message.setLong(2, creator);
            message.setString(3, "seed-" + i);
            message.setString(4, "<p>" + plain + "</p>");
            message.setString(5, plain);
            message.setLong(6, at);
            message.setLong(7, at);
            message.addBatch();
            if ((i + 1) % BATCH == 0 || i == messages - 1) {
              message.executeBatch();
              c.commit();
              if ((i + 1) % 200_000 == 0) {
                System.err.printf(Locale.ROOT, "  seed: %d messages (%.0f/s)%n", i + 1, (i + 1) / ((System.nanoTime() - t0) / 1e9));
              }
            }
          }
        }
        c.setAutoCommit(true);
        try (var statement = c.createStatement()) {
          statement.execute("ANALYZE");
          statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
      }
    }
  }

  /** Rooms the person may read, straight from the file. */
  static Set<Long> readableRooms(Database database, long userId) {
    return Set.copyOf(database.read(h -> h.createQuery("SELECT room_id FROM memberships WHERE user_id = ?").bind(0, userId)
        .mapTo(Long.class).list()));
  }

  static int sample(double[] cdf, double u) {
    int lo = 0, hi = cdf.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  static double[] zipf(int n, double s) {
    double[] cdf = new double[n];
    double sum = 0;
    for (int k = 1; k <= n; k++) {
      sum += 1 / Math.pow(k, s);
      cdf[k - 1] = sum;
    }
    for (int k = 0; k < n; k++) cdf[k] /= sum;
    return cdf;
  }

  /** The broad term (rank 1) and a tail term, as searched in S1. */
  static String broadTerm() { return "the"; }

  static String rareTerm() { return vocabulary(new Random(42))[VOCABULARY - 10]; }

  static final int VOCABULARY = 3000;

  static String[] vocabulary(Random ignored) {
    Set<String> words = new LinkedHashSet<>(List.of(COMMON.strip().split("\\s+")));
    Random random = new Random(7);
    String[] onsets = {"b", "br", "c", "ch", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l", "m", "n", "p", "pl", "qu", "r",
        "s", "sh", "st", "t", "th", "tr", "v", "w", "z"};
    String[] vowels = {"a", "e", "i", "o", "u", "ai", "ea", "oo", "ou"};
    String[] codas = {"", "n", "r", "l", "m", "st", "nd", "x", "k", "sh", "t"};
    while (words.size() < VOCABULARY) {
      StringBuilder word = new StringBuilder();
      int syllables = 2 + random.nextInt(2);
      for (int i = 0; i < syllables; i++) {
        word.append(onsets[random.nextInt(onsets.length)]).append(vowels[random.nextInt(vowels.length)]);
      }
      word.append(codas[random.nextInt(codas.length)]);
      words.add(word.toString());
    }
    return words.toArray(String[]::new);
  }

  private static final String COMMON = """
      the of and to a in is it you that he was for on are with as I his they be at one have this from or had by not word but
      what some we can out other were all there when up use your how said an each she which do their time if will way about
      many then them write would like so these her long make thing see him two has look more day could go come did number
      sound no most people my over know water than call first who may down side been now find any new work part take get
      place made live where after back little only round man year came show every good me give our under name very through
      just form sentence great think say help low line differ turn cause much mean before move right boy old too same tell
      does set three want air well also play small end put home read hand port large spell add even land here must big high
      such follow act why ask men change went light kind off need house picture try us again animal point mother world near
      build self earth father head stand own page should country found answer school grow study still learn plant cover food
      sun four between state keep eye never last let thought city tree cross farm hard start might story saw far sea draw
      left late run while press close night real life few north open seem together next white children begin got walk example
      ease paper group always music those both mark often letter until mile river car feet care second book carry took science
      eat room friend began idea fish mountain stop once base hear horse cut sure watch color face wood main enough plain
      girl usual young ready above ever red list though feel talk bird soon body dog family direct pose leave song measure
      door product black short numeral class wind question happen complete ship area half rock order fire south problem
      piece told knew pass since top whole king space heard best hour better true during hundred five remember step early
      hold west ground interest reach fast verb sing listen six table travel less morning ten simple several vowel toward
      war lay against pattern slow center love person money serve appear road map rain rule govern pull cold notice voice
      unit power town fine certain fly fall lead cry dark machine note wait plan figure star box noun field rest correct able
      pound done beauty drive stood contain front teach week final gave green oh quick develop ocean warm free minute strong
      special mind behind clear tail produce fact street inch multiply nothing course stay wheel full force blue object decide
      surface deep moon island foot system busy test record boat common gold possible plane stead dry wonder laugh thousand
      ago ran check game shape equate hot miss brought heat snow tire bring yes distant fill east paint language among
      launch deploy release server database cache latency backup schedule meeting budget customer invoice design review
      bug fix merge branch ticket roadmap sprint standup deadline draft proposal contract hiring onboarding lunch coffee
      """;
}
