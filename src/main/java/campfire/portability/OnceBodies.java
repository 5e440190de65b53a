package campfire.portability;

import campfire.messages.Presentation;
import campfire.messages.RichText;
import campfire.web.Signer;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * An ONCE Campfire message body (Action Text HTML) in our stored form. A mention, whichever
 * signed-id format it was written in, becomes our mention of the same person with their current
 * name; a link preview becomes our link card; another embedded thing with an address becomes a
 * link to it. Then the body goes through the same allowlist as every body we store.
 */
final class OnceBodies {
  private static final String OPENGRAPH_EMBED = "opengraph";

  private final Signer signer;
  private final LongFunction<String> nameOf;

  /** {@code nameOf} gives the name of an imported person, or null for an id the install does not have. */
  OnceBodies(Signer signer, LongFunction<String> nameOf) {
    this.signer = signer;
    this.nameOf = nameOf;
  }

  /** The body to store, and how many mentions it kept. */
  record Body(String html, int mentions) {}

  Body convert(String actionTextHtml) {
    if (actionTextHtml == null || actionTextHtml.isBlank()) return new Body("", 0);
    Document doc = Jsoup.parseBodyFragment(actionTextHtml);
    doc.outputSettings().prettyPrint(false);
    int mentions = 0;
    for (Element embedded : doc.select(Presentation.ATTACHMENT_TAG)) {
      OptionalLong userId = SignedGlobalIds.userId(embedded.attr("sgid"));
      if (userId.isEmpty() && embedded.hasAttr("gid")) userId = SignedGlobalIds.userId(embedded.attr("gid"));
      String name = userId.isPresent() ? nameOf.apply(userId.getAsLong()) : null;
      String url = embedded.attr("url");
      boolean web = url.matches("https?://\\S{1,2000}");
      if (name != null) {
        embedded.replaceWith(new Element(Presentation.ATTACHMENT_TAG)
            .attr("sgid", signer.sign("user", Long.toString(userId.getAsLong())))
            .attr("content-type", Presentation.MENTION_TYPE).text("@" + name));
        mentions++;
      } else if (web && embedded.attr("content-type").contains(OPENGRAPH_EMBED)) {
        Element card = new Element(Presentation.ATTACHMENT_TAG).attr("content-type", Presentation.OPENGRAPH_TYPE).attr("url", url);
        if (!embedded.attr("title").isBlank()) card.attr("title", embedded.attr("title"));
        if (!embedded.attr("description").isBlank()) card.attr("description", embedded.attr("description"));
        embedded.replaceWith(card);
      } else if (web) {
        String caption = embedded.attr("caption").isBlank() ? embedded.attr("filename") : embedded.attr("caption");
        embedded.replaceWith(new Element("a").attr("href", url).text(caption.isBlank() ? url : caption));
      } else {
        embedded.remove();
      }
    }
    return new Body(RichText.sanitize(doc.body().html()), mentions);
  }
}
