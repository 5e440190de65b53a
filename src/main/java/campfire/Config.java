package campfire;

import campfire.db.DatabaseUrl;
import campfire.db.Dialect;
import campfire.ops.BackupSchedule;
import campfire.ops.BackupSettings;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Every setting, read once from the environment and flags, validated before anything starts. */
public record Config(
    String host,
    int port,
    DatabaseUrl database,
    Path dataDir,
    Path storagePath,
    String sessionSecret,
    boolean sessionSecretGenerated,
    String logLevel,
    String logFormat,
    boolean disableSsl,
    int bcryptCost,
    boolean dev,
    Limits limits,
    String webhookSecret,
    Push push,
    BackupSettings backup,
    long maxAttachmentBytes,
    campfire.net.Outbound.Allowed outboundAllowed,
    Redis redis) {

  /**
   * REDIS_URL (absent for a single instance) and REDIS_PREFIX, which starts every channel and key
   * so several deployments (or test runs) can share one Redis without hearing each other.
   */
  public record Redis(String url, String prefix) {
    public boolean enabled() { return url != null; }

    /** host:port, for messages and logs (never the password). */
    public String address() {
      java.net.URI uri = java.net.URI.create(url);
      return uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort());
    }

    static Redis from(Map<String, String> env) {
      String prefix = env.getOrDefault("REDIS_PREFIX", "campfire").strip();
      if (!prefix.matches("[A-Za-z0-9_.-]{1,64}")) {
        throw new Invalid("REDIS_PREFIX must be 1 to 64 letters, digits, dots, dashes or underscores (got \"" + prefix + "\")");
      }
      String url = env.get("REDIS_URL");
      if (url == null || url.isBlank()) return new Redis(null, prefix);
      return new Redis(parseRedisUrl(url.strip()), prefix);
    }
  }

  /** Web Push: VAPID keys (generated into the data directory when unset) and the contact subject. */
  public record Push(Map<String, String> vapidKeys, String subject, boolean allowHttpEndpoints) {
    static Push from(Map<String, String> env) {
      String subject = env.getOrDefault("VAPID_SUBJECT", "mailto:campfire@example.com");
      if (!subject.startsWith("mailto:") && !subject.startsWith("https://")) {
        throw new Invalid("VAPID_SUBJECT must be a mailto: or https: URL (got \"" + subject + "\")");
      }
      Map<String, String> keys = new java.util.HashMap<>();
      if (env.get("VAPID_PUBLIC_KEY") != null) keys.put("VAPID_PUBLIC_KEY", env.get("VAPID_PUBLIC_KEY"));
      if (env.get("VAPID_PRIVATE_KEY") != null) keys.put("VAPID_PRIVATE_KEY", env.get("VAPID_PRIVATE_KEY"));
      if (keys.size() == 1) throw new Invalid("VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together: set both, or neither to generate them");
      if (keys.size() == 2) {
        try {
          com.interaso.webpush.VapidKeys.fromUncompressedBytes(keys.get("VAPID_PUBLIC_KEY").strip(), keys.get("VAPID_PRIVATE_KEY").strip());
        } catch (Exception e) {
          throw new Invalid("VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be a P-256 key pair in base64url (65 and 32 bytes), "
              + "as web-push generate-vapid-keys prints them; unset both to have one generated");
        }
      }
      return new Push(Map.copyOf(keys), subject, parseBoolean("WEB_PUSH_ALLOW_HTTP", env.getOrDefault("WEB_PUSH_ALLOW_HTTP", "false")));
    }
  }

  /** Where the server answers, as people type it: https when it serves TLS itself. */
  public String address(int boundPort) {
    String shownHost = host.contains(":") ? "[" + host + "]" : host;
    return (limits.tls() ? "https" : "http") + "://" + shownHost + ":" + boundPort;
  }

  /** Protection settings: metrics access, request rate limits, cable cap, trusted proxies. */
  /** {@code capPeople}: RATE_LIMIT_REQUESTS was set, so signed-in people are capped too, not only anonymous addresses. */
  public record Limits(String metricsToken, int rateLimitRequests, int rateLimitWindowSeconds, boolean capPeople, int maxConnections,
      java.util.List<String> trustedProxies, Path tlsCert, Path tlsKey) {

    public boolean tls() { return tlsCert != null; }

    static Limits from(Map<String, String> env) {
      String token = env.get("METRICS_TOKEN");
      String cert = env.getOrDefault("TLS_CERT", "");
      String key = env.getOrDefault("TLS_KEY", "");
      if (cert.isBlank() != key.isBlank()) throw new Invalid("TLS_CERT and TLS_KEY go together: set both PEM files, or neither");
      if (!cert.isBlank()) {
        try {
          campfire.ops.Tls.check(Path.of(cert), Path.of(key));
        } catch (IllegalArgumentException e) {
          throw new Invalid(e.getMessage());
        }
      }
      return new Limits(token == null || token.isBlank() ? null : token,
          positive("RATE_LIMIT_REQUESTS", env.getOrDefault("RATE_LIMIT_REQUESTS", "600")),
          positive("RATE_LIMIT_WINDOW", env.getOrDefault("RATE_LIMIT_WINDOW", "60")),
          env.get("RATE_LIMIT_REQUESTS") != null && !env.get("RATE_LIMIT_REQUESTS").isBlank(),
          positive("MAX_CONNECTIONS", env.getOrDefault("MAX_CONNECTIONS", "10000")),
          proxies(env.getOrDefault("TRUSTED_PROXIES", "127.0.0.0/8,::1")),
          cert.isBlank() ? null : Path.of(cert), key.isBlank() ? null : Path.of(key));
    }

    private static int positive(String name, String value) {
      if (!value.strip().matches("\\d{1,9}") || Integer.parseInt(value.strip()) < 1) {
        throw new Invalid(name + " must be a whole number of at least 1 (got \"" + value + "\")");
      }
      return Integer.parseInt(value.strip());
    }

    /** Loopback unless set (a proxy on the same machine); "none" trusts no proxy at all. */
    private static java.util.List<String> proxies(String value) {
      java.util.List<String> out = new java.util.ArrayList<>();
      if (value.strip().equalsIgnoreCase("none")) return java.util.List.of();
      for (String part : value.split(",")) {
        String entry = part.strip();
        if (entry.isEmpty()) continue;
        if (!campfire.web.ClientIp.isAddressOrRange(entry)) {
          throw new Invalid("TRUSTED_PROXIES must be a comma-separated list of IP addresses or CIDR ranges (got \"" + entry + "\")");
        }
        out.add(entry);
      }
      return java.util.List.copyOf(out);
    }
  }

  /** The SQLite file, or null when the data lives in PostgreSQL. */
  public Path databasePath() { return database.file(); }

  public static final class Invalid extends RuntimeException {
    Invalid(String message) { super(message); }
  }

  public static Config from(Map<String, String> env, boolean dev, String bindOverride) {
    String bind = bindOverride != null ? bindOverride : env.getOrDefault("BIND_ADDRESS", "0.0.0.0:3000");
    String[] hostPort = parseBind(bind);
    DatabaseUrl db = parseDatabaseUrl(env.getOrDefault("DATABASE_URL", DEFAULT_DATABASE));
    Path dataDir = dataDir(env, db);
    Path storage = Path.of(env.getOrDefault("STORAGE_PATH", dataDir.resolve("storage").toString()));
    String level = logLevel(env, dev);
    String format = env.getOrDefault("LOG_FORMAT", "text").toLowerCase(Locale.ROOT);
    if (!format.matches("text|json")) {
      throw new Invalid("LOG_FORMAT must be text or json (got \"" + format + "\")");
    }
    String secret = env.get("SESSION_SECRET");
    if (secret == null || secret.isBlank()) secret = env.get("SECRET_KEY_BASE");
    if (secret != null && !secret.isBlank() && secret.length() < 32) {
      throw new Invalid("SESSION_SECRET must be at least 32 characters long (got " + secret.length() + ")");
    }
    boolean generated = secret == null || secret.isBlank();
    if (generated) secret = SecretFile.readOrCreate(dataDir.resolve("session_secret"));
    return new Config(hostPort[0], Integer.parseInt(hostPort[1]), db, dataDir, storage, secret, generated,
        level, format, parseBoolean("DISABLE_SSL", env.getOrDefault("DISABLE_SSL", "false")),
        parseCost(env.getOrDefault("BCRYPT_COST", "12")), dev, Limits.from(env), webhookSecret(env, dataDir),
        Push.from(env), parseBackup(env, dataDir, db.dialect()), parseSize("MAX_ATTACHMENT_SIZE", env.getOrDefault("MAX_ATTACHMENT_SIZE", "100MB")),
        parseOutbound(env), Redis.from(env));
  }

  /**
   * redis://[user:password@]host[:port][/db] or rediss:// for TLS. Messages never repeat the value,
   * since it may hold a password.
   */
  static String parseRedisUrl(String url) {
    String example = ", for example redis://127.0.0.1:6379 or rediss://user:password@redis.internal:6380/0";
    java.net.URI uri;
    try {
      uri = new java.net.URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new Invalid("REDIS_URL is not a valid URL (percent-encode special characters in the password)" + example);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("redis") && !scheme.equals("rediss")) {
      throw new Invalid("REDIS_URL must start with redis:// or rediss://" + example);
    }
    String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
    String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
    int colon = hostPort.lastIndexOf(':');
    if (colon >= 0 && colon > hostPort.lastIndexOf(']')) {
      String port = hostPort.substring(colon + 1);
      if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
        throw new Invalid("REDIS_URL port must be a number from 1 to 65535" + example);
      }
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) throw new Invalid("REDIS_URL must name a host" + example);
    String path = uri.getPath() == null ? "" : uri.getPath();
    if (!path.isEmpty() && !path.equals("/") && !path.matches("/\\d{1,2}")) {
      throw new Invalid("REDIS_URL may only end with a database number such as /0" + example);
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new Invalid("REDIS_URL takes no ?query or #fragment" + example);
    }
    return url;
  }

  /** WEBHOOK_SECRET signs webhook bodies; when unset, one is generated once into the data directory. */
  static String webhookSecret(Map<String, String> env, Path dataDir) {
    String secret = env.get("WEBHOOK_SECRET");
    if (secret == null || secret.isBlank()) return SecretFile.readOrCreate(dataDir.resolve("webhook_secret"));
    if (secret.length() < 16) throw new Invalid("WEBHOOK_SECRET must be at least 16 characters long (got " + secret.length() + ")");
    return secret;
  }

  static BackupSettings parseBackup(Map<String, String> env, Path dataDir, Dialect dialect) {
    if (dialect.isPostgres() && env.get("BACKUP_SCHEDULE") != null && !env.get("BACKUP_SCHEDULE").isBlank()) {
      throw new Invalid("BACKUP_SCHEDULE backs up the SQLite file; with PostgreSQL unset it and back up with pg_dump (see docs/OPERATIONS.md)");
    }
    Path dir = Path.of(env.getOrDefault("BACKUP_DIR", dataDir.resolve("backups").toString()));
    BackupSchedule schedule;
    try {
      schedule = BackupSchedule.parse(env.get("BACKUP_SCHEDULE"));
    } catch (IllegalArgumentException e) {
      throw new Invalid(e.getMessage());
    }
    String days = env.getOrDefault("BACKUP_RETENTION_DAYS", "30").strip();
    if (!days.matches("\\d{1,5}")) {
      throw new Invalid("BACKUP_RETENTION_DAYS must be a whole number of days, 0 to keep every backup (got \"" + days + "\")");
    }
    String passphrase = env.get("BACKUP_PASSPHRASE");
    if (passphrase != null && passphrase.isEmpty()) passphrase = null;
    if (passphrase != null && passphrase.length() < 12) {
      throw new Invalid("BACKUP_PASSPHRASE must be at least 12 characters long (got " + passphrase.length() + ")");
    }
    return new BackupSettings(dir, schedule, Integer.parseInt(days), passphrase);
  }

  /**
   * LOG_LEVEL, else the deployment guide's RUST_LOG: a level ("debug") or env_logger directives
   * ("warn,campfire=debug"), of which the bare level counts, else the first directive's level.
   */
  static String logLevel(Map<String, String> env, boolean dev) {
    String level = env.get("LOG_LEVEL");
    if (level != null && !level.isBlank()) {
      level = level.strip().toLowerCase(Locale.ROOT);
      if (!level.matches(LEVELS)) throw new Invalid("LOG_LEVEL must be one of trace, debug, info, warn, error, off (got \"" + level + "\")");
      return level;
    }
    String rust = env.get("RUST_LOG");
    if (rust == null || rust.isBlank()) return dev ? "debug" : "info";
    String chosen = null;
    for (String directive : rust.strip().toLowerCase(Locale.ROOT).split(",")) {
      String d = directive.strip();
      String directiveLevel = d.contains("=") ? d.substring(d.indexOf('=') + 1).strip() : d;
      if (!directiveLevel.matches(LEVELS)) {
        throw new Invalid("RUST_LOG must be a level (trace, debug, info, warn, error, off) or directives such as warn,campfire=debug (got \""
            + rust.strip() + "\")");
      }
      if (!d.contains("=")) return directiveLevel;
      if (chosen == null) chosen = directiveLevel;
    }
    return chosen;
  }

  static String[] parseBind(String bind) {
    int colon = bind.lastIndexOf(':');
    if (colon <= 0) throw new Invalid("BIND_ADDRESS must look like HOST:PORT, for example 0.0.0.0:3000 (got \"" + bind + "\")");
    String host = bind.substring(0, colon).replace("[", "").replace("]", "");
    String port = bind.substring(colon + 1);
    if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
      throw new Invalid("BIND_ADDRESS port must be a number from 0 to 65535 (got \"" + port + "\")");
    }
    return new String[] {host, port};
  }

  static final String DEFAULT_DATABASE = "sqlite:data/campfire.db";
  private static final String LEVELS = "trace|debug|info|warn|error|off";

  /**
   * Files and secrets live next to the SQLite file; with PostgreSQL (no file) in DATA_DIR, or in
   * data/ like a default install.
   */
  static Path dataDir(Map<String, String> env, DatabaseUrl db) {
    String dir = env.get("DATA_DIR");
    if (dir != null && !dir.isBlank()) return Path.of(dir).toAbsolutePath();
    Path file = db.file() != null ? db.file() : parseDatabaseUrl(DEFAULT_DATABASE).file();
    return file.toAbsolutePath().getParent();
  }

  static DatabaseUrl parseDatabaseUrl(String url) {
    if (url.startsWith("postgres://") || url.startsWith("postgresql://")) return parsePostgres(url);
    if (!url.startsWith("sqlite:")) {
      throw new Invalid("DATABASE_URL must start with sqlite: and name a file, for example sqlite:data/campfire.db, "
          + "or be a PostgreSQL URL such as postgres://user:password@host:5432/campfire (got \"" + redact(url) + "\")");
    }
    String path = url.substring("sqlite:".length()).replaceFirst("^//", "");
    if (path.isBlank()) throw new Invalid("DATABASE_URL must name a file after sqlite:, for example sqlite:data/campfire.db");
    return DatabaseUrl.sqlite(Path.of(path));
  }

  private static final java.util.Set<String> POSTGRES_OPTIONS = java.util.Set.of(
      "sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout", "application_name", "options", "target_session_attrs");

  /** postgres://[user[:password]@]host[:port]/database[?sslmode=...], as libpq and most hosts write it. */
  static DatabaseUrl parsePostgres(String url) {
    String example = "for example postgres://campfire:secret@db.internal:5432/campfire";
    java.net.URI uri;
    try {
      uri = new java.net.URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new Invalid("DATABASE_URL is not a valid PostgreSQL URL (" + e.getReason() + "): percent-encode special characters "
          + "in the user and password, " + example);
    }
    String host = uri.getHost();
    if (host == null || host.isBlank()) throw new Invalid("DATABASE_URL must name the PostgreSQL host, " + example);
    if (uri.getPort() > 65535) throw new Invalid("DATABASE_URL port must be a number from 1 to 65535, " + example);
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    if (path.isBlank() || path.contains("/")) throw new Invalid("DATABASE_URL must name one PostgreSQL database after the host, " + example);
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : null;
    }
    StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
        .append(':').append(uri.getPort() < 0 ? 5432 : uri.getPort()).append('/').append(java.net.URLEncoder.encode(path, java.nio.charset.StandardCharsets.UTF_8));
    String query = uri.getRawQuery();
    if (query != null && !query.isBlank()) {
      for (String pair : query.split("&")) {
        String name = decode(pair.split("=", 2)[0]);
        if (!POSTGRES_OPTIONS.contains(name)) {
          throw new Invalid("DATABASE_URL option " + name + " is not supported: use " + String.join(", ", new java.util.TreeSet<>(POSTGRES_OPTIONS)));
        }
        if (name.equals("connect_timeout")) pair = pair.replaceFirst("^connect_timeout", "connectTimeout");
        if (name.equals("application_name")) pair = pair.replaceFirst("^application_name", "ApplicationName");
        jdbc.append(jdbc.indexOf("?") < 0 ? '?' : '&').append(pair);
      }
    }
    return DatabaseUrl.postgres(jdbc.toString(), user, password);
  }

  private static String decode(String value) {
    return java.net.URLDecoder.decode(value.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Never echo a password back into a log or a terminal. */
  private static String redact(String url) {
    return url.replaceFirst("//([^:/@]*):[^@/]*@", "//$1:***@");
  }

  static boolean parseBoolean(String name, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no", "" -> false;
      default -> throw new Invalid(name + " must be true or false (got \"" + value + "\")");
    };
  }

  /**
   * Where the server may go besides public addresses: OUTBOUND_ALLOWED_HOSTS (host names,
   * addresses, CIDR ranges), plus the older UNFURL_ALLOWED_ADDRESSES (addresses), still read.
   */
  static campfire.net.Outbound.Allowed parseOutbound(Map<String, String> env) {
    campfire.net.Outbound.Allowed allowed = campfire.net.Outbound.Allowed.NONE;
    for (String name : new String[] {"OUTBOUND_ALLOWED_HOSTS", "UNFURL_ALLOWED_ADDRESSES"}) {
      try {
        allowed = allowed.and(campfire.net.Outbound.Allowed.parse(env.getOrDefault(name, "")));
      } catch (IllegalArgumentException e) {
        throw new Invalid(name + " must list host names, IP addresses or CIDR ranges separated by commas, such as "
            + "bots.intranet,10.0.0.0/8: " + e.getMessage());
      }
    }
    return allowed;
  }

  /** A size in bytes, or with a KB, MB or GB suffix (powers of 1024). */
  static long parseSize(String name, String value) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,12})\\s*(B|KB|MB|GB)?", java.util.regex.Pattern.CASE_INSENSITIVE)
        .matcher(value.strip());
    if (!m.matches()) throw new Invalid(name + " must be a size such as 100MB, 512KB or 1048576 (got \"" + value + "\")");
    long number = Long.parseLong(m.group(1));
    long unit = switch (m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT)) {
      case "KB" -> 1024L;
      case "MB" -> 1024L * 1024;
      case "GB" -> 1024L * 1024 * 1024;
      default -> 1L;
    };
    if (number < 1 || number > Long.MAX_VALUE / unit) throw new Invalid(name + " must be at least 1 byte (got \"" + value + "\")");
    return number * unit;
  }

  static int parseCost(String value) {
    if (!value.matches("\\d{1,2}") || Integer.parseInt(value) < 4 || Integer.parseInt(value) > 31) {
      throw new Invalid("BCRYPT_COST must be a number from 4 to 31 (got \"" + value + "\")");
    }
    return Integer.parseInt(value);
  }

  public boolean secureCookies(boolean requestIsSecure) {
    return requestIsSecure && !disableSsl;
  }
}
