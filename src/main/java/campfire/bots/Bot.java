package campfire.bots;

/** A program that posts into rooms with a key instead of a password. */
public record Bot(long id, String name, String botToken, String webhookUrl, boolean active, long updatedAt) {

  /** The key in the bot API's paths: id-token. */
  public String key() { return id + "-" + botToken; }

  public String messagesPath(long roomId) { return "/rooms/" + roomId + "/" + key() + "/messages"; }
}
