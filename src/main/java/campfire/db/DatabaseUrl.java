package campfire.db;

import java.nio.file.Path;

/**
 * Where the data lives: a SQLite file, or a PostgreSQL server (JDBC address and credentials,
 * kept apart so the password never shows in a log line that prints the address).
 */
public record DatabaseUrl(Dialect dialect, Path file, String jdbcUrl, String user, String password) {

  public static DatabaseUrl sqlite(Path file) {
    return new DatabaseUrl(Dialect.SQLITE, file, "jdbc:sqlite:" + file.toAbsolutePath(), null, null);
  }

  public static DatabaseUrl postgres(String jdbcUrl, String user, String password) {
    return new DatabaseUrl(Dialect.POSTGRES, null, jdbcUrl, user, password);
  }

  /** For log lines: the file, or the server address without credentials. */
  public String describe() {
    return dialect == Dialect.SQLITE ? file.toAbsolutePath().toString() : jdbcUrl.replaceFirst("^jdbc:", "");
  }

  @Override
  public String toString() { return describe(); }
}
