package campfire.ops;

import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sets up logging from LOG_LEVEL and LOG_FORMAT (text for people, json for collectors). */
public final class Logging {
  private Logging() {}

  public static void configure(String level, String format) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) apply(context, level, format);
  }

  /**
   * Logback's set-up until the configuration is read: text at INFO, set in code instead of a
   * logback.xml, whose XML parsing cost a quarter of a second of every start. Logback asks the
   * service loader's configurators before its own, so a logback-test.xml or a file named by
   * {@code -Dlogback.configurationFile} is left to Joran.
   */
  public static final class Defaults extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
      if (System.getProperty("logback.configurationFile") != null
          || Defaults.class.getClassLoader().getResource("logback-test.xml") != null) {
        return ExecutionStatus.INVOKE_NEXT_IF_ANY;
      }
      apply(context, "info", "text");
      return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
  }

  /**
   * Runs a server's start with Javalin's own report of a failed start silenced (a stack trace at
   * ERROR), since the caller says what went wrong in one line; with LOG_LEVEL=debug it stays.
   */
  public static void withoutJavalinStartReport(Runnable start) {
    ch.qos.logback.classic.Logger javalin = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.javalin.Javalin");
    Level before = javalin.getLevel();
    if (!javalin.isDebugEnabled()) javalin.setLevel(Level.OFF);
    try {
      start.run();
    } finally {
      javalin.setLevel(before);
    }
  }

  private static void apply(LoggerContext context, String level, String format) {
    context.reset();
    Encoder<ILoggingEvent> encoder;
    if ("json".equals(format)) {
      LogstashEncoder json = new LogstashEncoder();
      json.setContext(context);
      json.start();
      encoder = json;
    } else {
      PatternLayoutEncoder text = new PatternLayoutEncoder();
      text.setContext(context);
      // The request id (MDC) on every line written while a request runs, as the JSON lines carry it.
      text.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{20}%replace( [%X{request_id}]){' \\[\\]', ''} - %msg%n");
      text.start();
      encoder = text;
    }
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("console");
    console.setEncoder(encoder);
    console.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(console);
    root.setLevel(Level.toLevel(level, Level.INFO));
    context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
    context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
    context.getLogger("org.flywaydb").setLevel(Level.WARN);
    context.getLogger("io.javalin").setLevel(Level.WARN);
    // Lettuce warns on every reconnect attempt (several a second per connection while Redis is
    // away); RedisBroadcaster and RateLimits already log once when it goes and once when it is back.
    if (!root.isDebugEnabled()) context.getLogger("io.lettuce.core.protocol.ConnectionWatchdog").setLevel(Level.ERROR);
  }
}
