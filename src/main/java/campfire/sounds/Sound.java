package campfire.sounds;

/** A built-in sound: its /play name, what the room sees, an emoji to go with it, and its asset URL. */
public record Sound(String name, String text, String emoji, String url) { }
