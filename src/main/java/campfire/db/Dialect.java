package campfire.db;

/** The two databases Campfire runs on; stores pick their few non-portable statements by it. */
public enum Dialect {
  SQLITE("sqlite"),
  POSTGRES("postgresql");

  private final String folder;

  Dialect(String folder) { this.folder = folder; }

  /** The folder under db/migration and db/rollback that holds this dialect's scripts. */
  public String folder() { return folder; }

  public boolean isPostgres() { return this == POSTGRES; }
}
