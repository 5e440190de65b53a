package campfire.messages;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * How a stored (sanitised) body is shown: embedded mentions become a name with an avatar, link
 * previews become cards. Stored bodies keep the embedded form so the editor can load them back.
 */
public final class Presentation {
  public static final String ATTACHMENT_TAG = "action-text-attachment";
  public static final String MENTION_TYPE = "application/vnd.actiontext.mention";
  public static final String OPENGRAPH_TYPE = "application/vnd.campfire.opengraph";
  private static final Pattern EMOJI_ONLY = Pattern.compile(
      "(?:[\\p{IsExtended_Pictographic}\\x{1F1E6}-\\x{1F1FF}\\x{1F3FB}-\\x{1F3FF}\\x{200D}\\x{FE0F}\\x{20E3}\\x{E0020}-\\x{E007F}]|\\s)+");
  private static final Pattern PICTOGRAPH = Pattern.compile("[\\p{IsExtended_Pictographic}\\x{1F1E6}-\\x{1F1FF}]");

  private Presentation() {}

  static Document fragment(String html) {
    Document doc = Jsoup.parseBodyFragment(html);
    doc.outputSettings().prettyPrint(false);
    return doc;
  }

  /**
   * The body as shown: a mention is the person's name after their face, the uploaded picture
   * {@code pictureOf} gives for their id (a signed address), else their initials on their colour.
   */
  public static String present(String safeHtml, LongFunction<String> pictureOf) {
    if (!safeHtml.contains(ATTACHMENT_TAG)) return safeHtml;
    Document doc = fragment(safeHtml);
    for (Element embedded : doc.select(ATTACHMENT_TAG)) {
      String type = embedded.attr("content-type");
      if (MENTION_TYPE.equals(type)) {
        long userId = userIdOf(embedded.attr("sgid"));
        if (userId <= 0) { embedded.remove(); continue; }
        Element mention = new Element("span").addClass("mention").attr("data-user-id", Long.toString(userId));
        String picture = pictureOf.apply(userId);
        if (picture != null) {
          mention.appendElement("img").addClass("avatar").addClass("avatar--xs").addClass("mention__avatar").attr("src", picture)
              .attr("alt", "").attr("width", "20").attr("height", "20").attr("loading", "lazy");
        } else {
          mention.appendElement("span").addClass("avatar").addClass("avatar--xs").addClass("avatar--hue-" + campfire.accounts.User.hue(userId))
              .addClass("mention__avatar").attr("aria-hidden", "true").text(campfire.accounts.User.initials(nameOf(embedded)));
        }
        mention.appendText(nameOf(embedded));
        embedded.replaceWith(mention);
      } else if (OPENGRAPH_TYPE.equals(type)) {
        embedded.replaceWith(card(embedded.attr("url"), embedded.attr("title"), embedded.attr("description"), embedded.attr("image")));
      } else {
        embedded.remove();
      }
    }
    return doc.body().html();
  }

  /**
   * A link's preview card, the one way it is drawn: in a message, and in the composer's draft
   * (the unfurl answer carries it). Empty fields are given as "".
   */
  public static String linkCard(String url, String title, String description, String image) {
    return card(url, title, description, image).outerHtml();
  }

  private static Element card(String url, String title, String description, String image) {
    Element card = new Element("a").addClass("og-card").attr("href", url).attr("target", "_blank")
        .attr("rel", "noopener noreferrer nofollow");
    if (!image.isEmpty()) {
      card.appendElement("img").addClass("og-card__image").attr("src", image).attr("alt", "")
          .attr("loading", "lazy").attr("referrerpolicy", "no-referrer");
    }
    Element text = card.appendElement("span").addClass("og-card__text");
    text.appendElement("strong").addClass("og-card__title").text(title.isEmpty() ? url : title);
    if (!description.isEmpty()) text.appendElement("span").addClass("og-card__description").text(description);
    text.appendElement("span").addClass("og-card__host").text(host(url));
    return card;
  }

  /** Mentions get their display HTML back in a content attribute, which is what Lexxy imports. */
  public static String editable(String safeHtml) {
    if (!safeHtml.contains(ATTACHMENT_TAG)) return safeHtml;
    Document doc = fragment(safeHtml);
    for (Element mention : doc.select(ATTACHMENT_TAG + "[content-type=" + MENTION_TYPE + "]")) {
      mention.attr("content", new Element("span").addClass("mention").text(nameOf(mention)).outerHtml());
    }
    return doc.body().html();
  }

  public static Set<Long> mentionedUserIds(String html) {
    Set<Long> ids = new LinkedHashSet<>();
    if (html == null || !html.contains(ATTACHMENT_TAG)) return ids;
    for (Element mention : fragment(html).select(ATTACHMENT_TAG + "[content-type=" + MENTION_TYPE + "]")) {
      long id = userIdOf(mention.attr("sgid"));
      if (id > 0) ids.add(id);
    }
    return ids;
  }


  private static String nameOf(Element mention) {
    String text = mention.text().strip();
    return text.startsWith("@") ? text.substring(1) : text;
  }

  /** Only emoji (at most eight of them), so the message is shown large. */
  public static boolean emojiOnly(String plain) {
    if (plain == null || plain.isBlank() || !EMOJI_ONLY.matcher(plain).matches()) return false;
    long count = PICTOGRAPH.matcher(plain).results().count();
    return count >= 1 && count <= 8;
  }

  /** The user id a signed mention names (the signature was checked when the message was stored). */
  static long userIdOf(String sgid) {
    int dot = sgid.indexOf('.');
    String id = dot > 0 ? sgid.substring(0, dot) : "";
    return id.matches("\\d{1,18}") ? Long.parseLong(id) : -1;
  }

  private static String host(String url) {
    try {
      String host = URI.create(url).getHost();
      return host == null ? url : host.replaceFirst("^www\\.", "");
    } catch (IllegalArgumentException e) {
      return url;
    }
  }
}
