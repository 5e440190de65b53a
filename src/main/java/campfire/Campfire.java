package campfire;

import campfire.db.Database;
import campfire.db.Migrations;
import campfire.db.Tables;
import campfire.ops.Backups;
import campfire.ops.DbMaintenance;
import campfire.ops.Logging;
import campfire.ops.OperationFailed;
import campfire.ops.ServerLock;
import campfire.ops.SqliteImport;
import campfire.portability.ArchiveImport;
import campfire.portability.OnceImport;
import campfire.portability.Rows;
import campfire.web.Signer;
import java.io.BufferedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The command line: serve (the default) and the maintenance commands. */
@Command(name = "campfire", mixinStandardHelpOptions = true, versionProvider = Campfire.Version.class,
    description = "Campfire: group chat on one jar and one SQLite file.",
    subcommands = {Campfire.Serve.class, Campfire.Migrate.class, Campfire.Backup.class, Campfire.Restore.class, Campfire.Db.class,
        Campfire.ImportSqlite.class, Campfire.ImportOnce.class,
        Campfire.Export.class, Campfire.Import.class})
public final class Campfire implements Callable<Integer> {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Campfire());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof Config.Invalid invalid) {
        cmd.getErr().println("Configuration error: " + invalid.getMessage());
        return 78;
      }
      if (e instanceof campfire.db.Redis.Unreachable unreachable) {
        cmd.getErr().println("Error: " + unreachable.getMessage());
        return 69;
      }
      if (e instanceof Database.Unavailable unavailable) {
        cmd.getErr().println("Error: " + unavailable.getMessage());
        return 1;
      }
      if (e instanceof OperationFailed failed) {
        cmd.getErr().println("Error: " + failed.getMessage());
        return 1;
      }
      throw e;
    });
    return cli;
  }

  @Override
  public Integer call() throws Exception {
    return new Serve().call();
  }

  @Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the web server (the default command).")
  static final class Serve implements Callable<Integer> {
    @Option(names = "--dev", description = "Reload templates, CSS and JavaScript from src/ on every request.")
    boolean dev;

    @Option(names = {"-b", "--bind"}, description = "HOST:PORT to listen on (overrides BIND_ADDRESS).")
    String bind;

    @Override
    public Integer call() throws Exception {
      Config config = Config.from(System.getenv(), dev, bind);
      Logging.configure(config.logLevel(), config.logFormat());
      Logger log = LoggerFactory.getLogger(Campfire.class);
      if (config.sessionSecretGenerated()) {
        log.warn("SESSION_SECRET is not set: using a generated secret kept in {}", config.dataDir().resolve("session_secret"));
      }
      App app = new App(config).start();
      log.info("Campfire {} listening on {} (database {})", Version.current(), config.address(app.port()), config.database());
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        log.info("Shutting down: finishing requests in flight");
        app.close();
        stopped.countDown();
      }, "campfire-shutdown"));
      stopped.await();
      return 0;
    }
  }

  @Command(name = "migrate", mixinStandardHelpOptions = true, description = "Database migrations: status, up, create NAME, rollback.")
  static final class Migrate implements Callable<Integer> {
    @Parameters(index = "0", description = "status | up | create | rollback")
    String action;

    @Parameters(index = "1", arity = "0..1", description = "Name of the new migration (for create).")
    String name;

    @Option(names = "--dir", description = "Resources directory for create (default: src/main/resources).", defaultValue = "src/main/resources")
    Path dir;

    @Option(names = "--force", description = "up and rollback: run even while a server uses this database "
        + "(it keeps running against a schema it was not started with).")
    boolean force;

    @Override
    public Integer call() throws Exception {
      if ("create".equals(action)) {
        if (name == null) throw new CommandLine.ParameterException(new CommandLine(this), "migrate create needs a NAME");
        for (Path file : Migrations.create(dir, name)) System.out.println("created " + file);
        return 0;
      }
      Config config = Config.from(System.getenv(), false, null);
      Logging.configure("warn", config.logFormat());
      boolean changes = action.equals("up") || action.equals("rollback");
      try (ServerLock lock = changes && !force ? ServerLock.forCommand(config.database(), "stop it first, or run migrate " + action + " --force")
              : null;
          Database database = new Database(config.database())) {
        Migrations migrations = new Migrations(database);
        switch (action) {
          case "status" -> migrations.status().forEach(System.out::println);
          case "up" -> System.out.println("applied " + migrations.up() + " migration(s)");
          case "rollback" -> {
            String version = migrations.rollback();
            System.out.println(version == null ? "nothing to roll back" : "rolled back version " + version);
          }
          default -> {
            System.err.println("Unknown action " + action + ": use status, up, create NAME or rollback");
            return 2;
          }
        }
      }
      return 0;
    }
  }

  @Command(name = "backup", mixinStandardHelpOptions = true,
      description = "Write a consistent snapshot of the database and stored files; safe while the server runs. "
          + "Encrypted when BACKUP_PASSPHRASE is set.")
  static final class Backup implements Callable<Integer> {
    @Option(names = "--to", paramLabel = "DIR", description = "Directory for the archive (default: BACKUP_DIR, or <data dir>/backups).")
    Path to;

    @Override
    public Integer call() {
      Config config = Config.from(System.getenv(), false, null);
      refuseOnPostgres(config, "back up PostgreSQL with pg_dump, for example: pg_dump --format=custom --file=campfire.dump \"$DATABASE_URL\", "
          + "and copy " + config.storagePath() + " alongside");
      quietLoggingWithAudit(config);
      Path dir = to != null ? to : config.backup().dir();
      Backups.Result result = new Backups(config.databasePath(), config.storagePath(), Clock.systemUTC())
          .create(dir, config.backup().passphrase());
      var manifest = result.manifest();
      System.out.println("backup written to " + result.file() + " (" + result.bytes() + " bytes" + (result.encrypted() ? ", encrypted" : "") + ")");
      System.out.println("  " + manifest.count("messages") + " messages, " + manifest.count("users") + " users, "
          + manifest.count("rooms") + " rooms, schema version " + manifest.schemaVersion() + ", " + manifest.storageFiles() + " stored files");
      return 0;
    }
  }

  @Command(name = "restore", mixinStandardHelpOptions = true,
      description = "Replace the database and stored files with a backup, after checking it; the server must be stopped. "
          + "The previous database is kept as <database>.before-restore-<time>.")
  static final class Restore implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FROM", description = "The backup file (campfire-<time>.zip or .zip.enc).")
    Path from;

    @Override
    public Integer call() {
      Config config = Config.from(System.getenv(), false, null);
      refuseOnPostgres(config, "restore PostgreSQL with pg_restore, for example: pg_restore --clean --if-exists --dbname=\"$DATABASE_URL\" campfire.dump, "
          + "and put the stored files back in " + config.storagePath());
      quietLoggingWithAudit(config);
      var result = new campfire.ops.Restore(config.databasePath(), config.storagePath(), Clock.systemUTC())
          .run(from, config.backup().passphrase());
      var manifest = result.manifest();
      System.out.println("restored the backup of " + manifest.createdAt() + ": " + manifest.count("messages") + " messages, "
          + manifest.count("users") + " users, " + manifest.count("rooms") + " rooms, " + manifest.storageFiles() + " stored files");
      if (result.previousDatabase() != null) System.out.println("previous database kept as " + result.previousDatabase());
      if (result.previousStorage() != null) System.out.println("previous stored files kept in " + result.previousStorage());
      System.out.println("start Campfire to use it (pending migrations run at start)");
      return 0;
    }
  }

  @Command(name = "db", mixinStandardHelpOptions = true,
      description = "Database maintenance: check (integrity, foreign keys, search index), vacuum, analyze, reindex-search, stats.")
  static final class Db implements Callable<Integer> {
    @Parameters(index = "0", description = "check | vacuum | analyze | reindex-search | stats")
    String action;

    @Override
    public Integer call() {
      Config config = Config.from(System.getenv(), false, null);
      Logging.configure("warn", config.logFormat());
      if (!java.util.Set.of("check", "vacuum", "analyze", "reindex-search", "stats").contains(action)) {
        System.err.println("Unknown action " + action + ": use check, vacuum, analyze, reindex-search or stats");
        return 2;
      }
      campfire.ops.Maintenance db = config.databasePath() == null
          ? new campfire.ops.PostgresMaintenance(config.database(), Clock.systemUTC())
          : DbMaintenance.existing(config.databasePath(), Clock.systemUTC());
      switch (action) {
        case "check" -> {
          DbMaintenance.Check check = db.check();
          System.out.println("integrity: " + (check.ok() ? "ok" : check.problems()));
          System.out.println("search index: " + check.indexed() + " of " + check.messages() + " messages"
              + (check.searchComplete() ? "" : " (run: campfire db reindex-search)"));
          return check.ok() && check.searchComplete() ? 0 : 1;
        }
        case "vacuum" -> {
          long before = db.stats().fileBytes().values().stream().mapToLong(Long::longValue).sum();
          db.vacuum();
          long after = db.stats().fileBytes().values().stream().mapToLong(Long::longValue).sum();
          System.out.println("vacuumed: " + before + " bytes before, " + after + " bytes after");
        }
        case "analyze" -> {
          db.analyze();
          System.out.println("analyzed: query planner statistics updated");
        }
        case "reindex-search" -> System.out.println("search index rebuilt: " + db.reindexSearch() + " messages indexed");
        default -> {
          DbMaintenance.Stats stats = db.stats();
          System.out.println("files:");
          stats.fileBytes().forEach((name, bytes) -> System.out.printf("  %-28s %,d bytes%n", name, bytes));
          System.out.println("rows:");
          stats.rows().forEach((table, rows) -> System.out.printf("  %-28s %,d%n", table, rows));
          System.out.println("messages per day (UTC):");
          stats.messagesPerDay().forEach((day, n) -> System.out.printf("  %s  %,d%n", day, n));
        }
      }
      return 0;
    }
  }

  @Command(name = "import-sqlite", mixinStandardHelpOptions = true,
      description = "Copy a single-box install (its SQLite file) into the empty PostgreSQL database named by DATABASE_URL, "
          + "ids intact, from one consistent snapshot of it, then compare row counts and checksums. "
          + "Stop the server that uses the SQLite file first (or pass --force).")
  static final class ImportSqlite implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "PATH", description = "The SQLite file, for example data/campfire.db.")
    Path from;

    @Option(names = "--force", description = "Import while a server still uses the SQLite file: what it saves after the "
        + "snapshot is not copied.")
    boolean force;

    @Override
    public Integer call() {
      Config config = Config.from(System.getenv(), false, null);
      if (config.databasePath() != null) {
        throw new OperationFailed("import-sqlite copies into PostgreSQL: set DATABASE_URL=postgres://user:password@host:5432/campfire");
      }
      Logging.configure("warn", config.logFormat());
      SqliteImport.Result result;
      try (ServerLock source = force ? null : ServerLock.acquire(from, "stop it first (what it saves later would not be copied), "
              + "or pass --force");
          ServerLock target = force ? null : ServerLock.forCommand(config.database(), "stop it first, or pass --force")) {
        result = new SqliteImport(from, config.database()).run(System.out::println);
      }
      System.out.println();
      System.out.println("stored files (avatars, logos, attachments) are not in the database: copy " + from.toAbsolutePath().resolveSibling("storage")
          + " (or the old STORAGE_PATH) to " + config.storagePath() + " (for example with rsync -a) before starting Campfire");
      if (!result.matches()) {
        System.err.println("Error: the copy does not match the SQLite file (see the tables marked MISMATCH); the PostgreSQL data was kept for inspection");
        return 1;
      }
      return 0;
    }
  }

  @Command(name = "import-once", mixinStandardHelpOptions = true,
      description = "Bring an ONCE Campfire install (the original's storage directory: db/production.sqlite3 and files/) into this "
          + "empty Campfire, on SQLite or PostgreSQL: people with their passwords, bots with their keys, rooms, messages with their "
          + "ids, mentions, boosts and files. Checks the source first, writes all or nothing, then compares what it wrote. "
          + "Stop this Campfire's server first.")
  static final class ImportOnce implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "DIR", description = "The ONCE Campfire storage directory (its Docker volume).")
    Path from;

    @Override
    public Integer call() {
      Config config = Config.from(System.getenv(), false, null);
      Logging.configure("warn", config.logFormat());
      Rows.Result result;
      try (ServerLock target = ServerLock.forCommand(config.database(), "stop it first")) {
        result = new OnceImport(from, config.database(), config.storagePath(), new Signer(config.sessionSecret())).run(System.out::println);
      }
      return finish(result);
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write everything of the account (people, bots, rooms, memberships, messages, boosts, mentions, files, webhooks, "
          + "bans, settings) to a zip in Campfire's documented export format, from one consistent snapshot; safe while the server runs. "
          + "The archive holds password digests and bot keys: keep it like a backup.")
  static final class Export implements Callable<Integer> {
    @Option(names = "--to", required = true, paramLabel = "FILE.zip", description = "The archive to write (it must not exist yet).")
    Path to;

    @Override
    public Integer call() throws Exception {
      Config config = Config.from(System.getenv(), false, null);
      Logging.configure("warn", config.logFormat());
      Path target = to.toAbsolutePath();
      if (Files.exists(target)) throw new OperationFailed(target + " already exists: choose a new file name");
      if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
        throw new OperationFailed("No directory " + target.getParent() + " to write " + target.getFileName() + " in");
      }
      Path partial = target.resolveSibling(target.getFileName() + ".part");
      try (Database database = new Database(config.database())) {
        if (!database.read(h -> Tables.count(h, "accounts") > 0)) throw new OperationFailed("There is nothing to export: this Campfire was never set up");
        System.out.println("exporting to " + target);
        campfire.portability.Export.Summary summary;
        try (var out = new BufferedOutputStream(Files.newOutputStream(partial))) {
          summary = new campfire.portability.Export(database, config.storagePath(), Version.current(), Clock.systemUTC())
              .write(out, System.out::println);
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        summary.missingFiles().forEach(file -> System.out.println("  note: " + file + " is named by a row but was not in " + config.storagePath()));
        System.out.println("wrote " + target + " (" + Files.size(target) + " bytes): " + summary.rows().get("messages") + " messages, "
            + summary.rows().get("users") + " people and bots, " + summary.rows().get("rooms") + " rooms, " + summary.files() + " files");
      } finally {
        Files.deleteIfExists(partial);
      }
      return 0;
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Bring an archive written by campfire export into this empty Campfire, on SQLite or PostgreSQL; checks the whole "
          + "archive first, writes all or nothing, then compares what it wrote. Stop this Campfire's server first.")
  static final class Import implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "FILE.zip", description = "The archive campfire export wrote.")
    Path from;

    @Override
    public Integer call() {
      Config config = Config.from(System.getenv(), false, null);
      Logging.configure("warn", config.logFormat());
      Rows.Result result;
      try (ServerLock target = ServerLock.forCommand(config.database(), "stop it first")) {
        result = new ArchiveImport(from, config.database(), config.storagePath(), new Signer(config.sessionSecret())).run(System.out::println);
      }
      return finish(result);
    }
  }

  /** The end of an import: the report was printed; say whether it matched. */
  private static int finish(Rows.Result result) {
    if (!result.matches()) {
      System.err.println("Error: what was written does not match what was read (see MISMATCH or DAMAGED above); the data was kept for inspection");
      return 1;
    }
    result.warnings().forEach(warning -> System.out.println("note: " + warning));
    System.out.println();
    System.out.println("done: start Campfire; people sign in with the email address and password they had, and bots keep their keys");
    return 0;
  }

  private static void refuseOnPostgres(Config config, String instead) {
    if (config.databasePath() == null) throw new OperationFailed("DATABASE_URL names PostgreSQL: " + instead);
  }

  /** Warnings only, except the audit log: backups and restores are recorded wherever they run. */
  static void quietLoggingWithAudit(Config config) {
    Logging.configure("warn", config.logFormat());
    if (LoggerFactory.getLogger("campfire.audit") instanceof ch.qos.logback.classic.Logger audit) {
      audit.setLevel(ch.qos.logback.classic.Level.INFO);
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    static String current() {
      String version = Campfire.class.getPackage().getImplementationVersion();
      return version == null ? "development" : version;
    }

    @Override
    public String[] getVersion() { return new String[] {"campfire " + current()}; }
  }
}
