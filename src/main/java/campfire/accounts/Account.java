package campfire.accounts;

/** The one account of this install: its name, join code and settings. */
public record Account(
    long id,
    String name,
    String joinCode,
    String customStyles,
    boolean restrictRoomCreationToAdministrators,
    String logoKey,
    long createdAt,
    long updatedAt) {

  public String joinPath() { return "/join/" + joinCode; }
}
