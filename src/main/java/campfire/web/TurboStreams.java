package campfire.web;

/** Turbo Stream actions, written once and sent both as HTTP replies and over the cable. */
public final class TurboStreams {
  public static final String CONTENT_TYPE = "text/vnd.turbo-stream.html; charset=utf-8";

  private TurboStreams() {}

  public static String append(String target, String html) { return action("append", target, html); }

  public static String prepend(String target, String html) { return action("prepend", target, html); }

  public static String replace(String target, String html) { return action("replace", target, html); }

  public static String update(String target, String html) { return action("update", target, html); }

  public static String remove(String target) {
    return "<turbo-stream action=\"remove\" target=\"" + target + "\"></turbo-stream>";
  }

  private static String action(String action, String target, String html) {
    return "<turbo-stream action=\"" + action + "\" target=\"" + target + "\"><template>" + html + "</template></turbo-stream>";
  }
}
