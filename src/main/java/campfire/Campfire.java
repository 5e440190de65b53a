package campfire;

import campfire.db.Database;
import campfire.db.Migrations;
import campfire.ops.Logging;
import java.nio.file.Path;
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
    subcommands = {Campfire.Serve.class, Campfire.Migrate.class})
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
      log.info("Campfire {} listening on http://{}:{} (database {})", Version.current(), config.host(), app.port(), config.databasePath());
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

    @Override
    public Integer call() throws Exception {
      if ("create".equals(action)) {
        if (name == null) throw new CommandLine.ParameterException(new CommandLine(this), "migrate create needs a NAME");
        for (Path file : Migrations.create(dir, name)) System.out.println("created " + file);
        return 0;
      }
      Config config = Config.from(System.getenv(), false, null);
      Logging.configure("warn", config.logFormat());
      try (Database database = new Database(config.databasePath())) {
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

  static final class Version implements CommandLine.IVersionProvider {
    static String current() {
      String version = Campfire.class.getPackage().getImplementationVersion();
      return version == null ? "development" : version;
    }

    @Override
    public String[] getVersion() { return new String[] {"campfire " + current()}; }
  }
}
