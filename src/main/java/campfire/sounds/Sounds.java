package campfire.sounds;

import campfire.web.Assets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The sounds /play knows: Campfire's 56 names, each a short clip synthesised by bin/generate-sounds. */
public final class Sounds {
  private static final Pattern PLAY = Pattern.compile("/play\\s+([a-z0-9]{1,20})", Pattern.CASE_INSENSITIVE);
  private static final Map<String, Sound> ALL = new LinkedHashMap<>();

  static {
    add("56k", "dials up the internet", "📠");
    add("bell", "rings the bell", "🔔");
    add("bezos", "laughs like a billionaire", "🚀");
    add("clowntown", "welcomes you to clowntown", "🤡");
    add("crickets", "hears crickets", "🦗");
    add("dadgummit", "says dadgummit", "😤");
    add("dangerzone", "heads into the danger zone", "✈️");
    add("deeper", "goes deeper", "🕳️");
    add("drama", "senses drama", "🐹");
    add("greatjob", "says great job", "👏");
    add("horn", "honks the horn", "📯");
    add("horror", "screams in horror", "😱");
    add("inconceivable", "finds it inconceivable", "🤯");
    add("live", "is live", "🎙️");
    add("makeitso", "says make it so", "🖖");
    add("noooo", "cries noooo", "😫");
    add("ohmy", "says oh my", "😮");
    add("ohyeah", "says oh yeah", "😎");
    add("pushit", "pushes it", "💪");
    add("rimshot", "plays a rimshot", "🥁");
    add("rollout", "rolls out", "🚚");
    add("rumble", "starts a rumble", "🌋");
    add("sax", "plays the sax", "🎷");
    add("secret", "found a secret", "🗝️");
    add("tada", "says ta-da", "🎉");
    add("tmyk", "says the more you know", "🌠");
    add("trombone", "plays a sad trombone", "🎺");
    add("unix", "knows this, it's a unix system", "💻");
    add("vuvuzela", "blows the vuvuzela", "📣");
    add("what", "says what?", "❓");
    add("whoomp", "says whoomp, there it is", "💥");
    add("yeah", "says yeah", "🤘");
    add("yodel", "yodels", "🏔️");
    add("ballmer", "jumps around the stage", "🕺");
    add("bueller", "calls the roll: anyone?", "🧑‍🏫");
    add("butts", "snickers", "😏");
    add("cottoneyejoe", "starts a hoedown", "🤠");
    add("curb", "rolls the credits", "🎬");
    add("danielsan", "waxes on, waxes off", "🥋");
    add("donotwant", "does not want", "🙅");
    add("flawless", "calls it flawless", "💎");
    add("glados", "promises cake", "🍰");
    add("gogogo", "says go go go", "🏁");
    add("greyjoy", "sounds the horn of the isles", "🐙");
    add("guarantee", "guarantees it", "✅");
    add("heygirl", "says hey girl", "😉");
    add("honk", "honks", "🪿");
    add("letitgo", "lets it go", "❄️");
    add("loggins", "cuts loose", "👟");
    add("nyan", "flies by on a rainbow", "🌈");
    add("sexyback", "brings it back", "🕶️");
    add("story", "tells a story", "📖");
    add("totes", "says totes", "💯");
    add("trololo", "sings trololo", "🎶");
    add("wups", "says whoops", "🙊");
    add("yay", "cheers yay", "🥳");
  }

  private Sounds() {}

  private static void add(String name, String text, String emoji) { ALL.put(name, new Sound(name, text, emoji, url(name))); }

  /** The digested asset URL, from the clip's own bytes, as the asset catalog names it. */
  private static String url(String name) {
    String logicalName = "sounds/" + name + ".wav";
    try (InputStream in = Sounds.class.getClassLoader().getResourceAsStream("public/" + logicalName)) {
      if (in == null) throw new IllegalStateException("Missing sound " + logicalName);
      return Assets.digestedUrl(logicalName, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<Sound> all() { return List.copyOf(ALL.values()); }

  public static Optional<Sound> find(String name) {
    return Optional.ofNullable(ALL.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The sound a message body plays: exactly "/play NAME" with a known name. */
  public static Optional<Sound> playedBy(String plainBody) {
    if (plainBody == null) return Optional.empty();
    Matcher m = PLAY.matcher(plainBody.strip());
    return m.matches() ? find(m.group(1)) : Optional.empty();
  }
}
