package campfire.accounts;

/** A person (or a bot) who can sign in and take part in rooms. */
public record User(
    long id,
    String name,
    String emailAddress,
    String role,
    String bio,
    String avatarKey,
    boolean active,
    long createdAt,
    long updatedAt) {

  public static final String MEMBER = "member";
  public static final String ADMINISTRATOR = "administrator";
  public static final String BOT = "bot";

  public boolean isAdministrator() { return ADMINISTRATOR.equals(role); }

  public boolean isBot() { return BOT.equals(role); }

  public boolean canAdminister(long creatorId) { return isAdministrator() || creatorId == id; }

  public String initials() { return initials(name); }

  /** Up to two initials of a name, as every avatar without a picture shows them. */
  public static String initials(String name) {
    StringBuilder out = new StringBuilder();
    for (String part : name.strip().split("\\s+")) {
      if (!part.isEmpty() && out.length() < 2) out.appendCodePoint(part.codePointAt(0));
    }
    return out.toString().toUpperCase(java.util.Locale.ROOT);
  }

  public String firstName() { return name.strip().split("\\s+")[0]; }

  /** The colour of this person's initials: one of {@link #HUES}. */
  public int hue() { return hue(id); }

  /** Colours for initials, one per person from a hash of the id, so neighbours differ. */
  public static final int HUES = 18;

  public static int hue(long userId) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(Long.toString(userId).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    return (int) (crc.getValue() % HUES);
  }
}
