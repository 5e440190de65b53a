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

  /** An action without content, told by its attributes (escaped here): for the page's own stream actions. */
  public static String signal(String action, java.util.Map<String, String> attributes) {
    StringBuilder out = new StringBuilder("<turbo-stream action=\"").append(action).append('"');
    attributes.forEach((name, value) -> out.append(' ').append(name).append("=\"")
        .append(org.jsoup.nodes.Entities.escape(value)).append('"'));
    return out.append("></turbo-stream>").toString();
  }

  private static String action(String action, String target, String html) {
    return "<turbo-stream action=\"" + action + "\" target=\"" + target + "\"><template>" + html + "</template></turbo-stream>";
  }
}
