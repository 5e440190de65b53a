package campfire.messages;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.regex.Pattern;
import org.owasp.html.Encoding;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Message bodies are HTML from the rich-text editor. Only an allowlist survives, on the way in
 * and again on the way out; links open in a new tab and carry no referrer.
 */
public final class RichText {
  private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
      .allowElements("a", "b", "blockquote", "br", "code", "del", "div", "em", "h1", "h2", "h3", "h4", "h5", "h6",
          "i", "li", "ol", "p", "pre", "span", "strong", "ul", "figure", "figcaption", "s", "u", "hr", "sub", "sup")
      .allowUrlProtocols("http", "https", "mailto")
      .allowAttributes("href").onElements("a")
      .allowAttributes("title").globally()
      .allowAttributes("data-language").onElements("pre", "code")
      .allowAttributes("start").matching(Pattern.compile("\\d{1,6}")).onElements("ol")
      // Embedded references: mentions (a signed user id) and link previews; checked again by Mentions.
      .allowElements(Presentation.ATTACHMENT_TAG)
      .allowAttributes("sgid").matching(Pattern.compile("\\d{1,18}\\.[A-Za-z0-9_-]{20,100}")).onElements(Presentation.ATTACHMENT_TAG)
      .allowAttributes("content-type").matching(Pattern.compile(Pattern.quote(Presentation.MENTION_TYPE) + "|"
          + Pattern.quote(Presentation.OPENGRAPH_TYPE))).onElements(Presentation.ATTACHMENT_TAG)
      .allowAttributes("url").matching(Pattern.compile("https?://[^\\s\"'<>]{1,2000}")).onElements(Presentation.ATTACHMENT_TAG)
      .allowAttributes("image").matching(Pattern.compile("/unfurl_images/[0-9a-f]{64}")).onElements(Presentation.ATTACHMENT_TAG)
      .allowAttributes("description").matching(Pattern.compile("(?s).{0,600}")).onElements(Presentation.ATTACHMENT_TAG)
      .requireRelsOnLinks("noopener", "noreferrer", "nofollow")
      .allowAttributes("target").matching(Pattern.compile("_blank")).onElements("a")
      .withPostprocessor(receiver -> new LinksInNewTab(receiver))
      .toFactory();
  private static final Pattern TAGS = Pattern.compile("<[^>]*>");
  private static final Pattern BLOCK_ENDS = Pattern.compile("(?i)<(br|/p|/div|/li|/h[1-6]|/pre|/blockquote)[^>]*>");
  private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\r]+");
  private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n+");

  private RichText() {}

  /**
   * Bodies are sanitised again on every way out; the result depends on the input alone, so the
   * answers for recently seen bodies are kept (bounded by size) instead of parsing them each time.
   */
  private static final Cache<String, String> SANITIZED = Caffeine.newBuilder().maximumWeight(16_000_000)
      .weigher((String html, String safe) -> html.length() + safe.length()).build();

  public static String sanitize(String html) {
    if (html == null) return "";
    return SANITIZED.get(html, raw -> POLICY.sanitize(raw).strip());
  }

  /** The words of a (sanitised) body, for search, notifications and the bot API. */
  public static String plainText(String sanitizedHtml) {
    String withBreaks = BLOCK_ENDS.matcher(sanitizedHtml).replaceAll("\n");
    String text = Encoding.decodeHtml(TAGS.matcher(withBreaks).replaceAll(""), false).replace('\u00a0', ' ');
    text = SPACES.matcher(text).replaceAll(" ");
    return BLANK_LINES.matcher(text).replaceAll("\n").strip();
  }

  /** Plain text as HTML: escaped, one paragraph per block, line breaks kept. */
  public static String fromPlainText(String text) {
    if (text == null || text.isBlank()) return "";
    StringBuilder html = new StringBuilder();
    for (String paragraph : text.strip().split("\\n\\s*\\n")) {
      String escaped = paragraph.strip().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
      html.append("<p>").append(escaped.replace("\n", "<br>")).append("</p>");
    }
    return sanitize(html.toString());
  }

  public static boolean isBlank(String sanitizedHtml) {
    return plainText(sanitizedHtml).isBlank();
  }
}
