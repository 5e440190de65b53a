package campfire.ops;

/** {@code campfire db ...}: the same commands and reports on SQLite and PostgreSQL. */
public interface Maintenance {
  DbMaintenance.Check check();

  void vacuum();

  void analyze();

  long reindexSearch();

  DbMaintenance.Stats stats();
}
