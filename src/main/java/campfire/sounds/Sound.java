package campfire.sounds;

/** A built-in sound: its /play name, what the room sees, and an emoji to go with it. */
public record Sound(String name, String text, String emoji) {
  public String url() { return "/sounds/" + name + ".wav"; }
}
