package campfire.unfurl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** The preview card of a page: title, image, description and url, from its OpenGraph tags. */
public record OpenGraph(String title, String url, String image, String description) {
  static final int MAX_TITLE = 200;
  static final int MAX_DESCRIPTION = 500;

  /** The card, or empty when the page has no title at all. */
  public static Optional<OpenGraph> from(PublicFetcher.Page page) {
    Document doc;
    try {
      doc = Jsoup.parse(new ByteArrayInputStream(page.body()), page.charset(), page.url().toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String title = first(meta(doc, "og:title"), meta(doc, "twitter:title"), doc.title());
    if (title.isBlank()) return Optional.empty();
    String description = first(meta(doc, "og:description"), meta(doc, "twitter:description"), meta(doc, "description"));
    String url = absolute(page.url(), first(meta(doc, "og:url"), page.url().toString()));
    String image = absolute(page.url(), first(meta(doc, "og:image:secure_url"), meta(doc, "og:image"), meta(doc, "twitter:image")));
    return Optional.of(new OpenGraph(clip(title, MAX_TITLE), url.isEmpty() ? page.url().toString() : url, image,
        clip(description, MAX_DESCRIPTION)));
  }

  private static String meta(Document doc, String name) {
    Element tag = doc.selectFirst("meta[property=" + name + "], meta[name=" + name + "]");
    return tag == null ? "" : tag.attr("content").strip();
  }

  private static String first(String... values) {
    for (String value : values) if (value != null && !value.isBlank()) return value.strip();
    return "";
  }

  /** An http(s) URL resolved against the page, or empty. */
  private static String absolute(URI base, String value) {
    if (value.isEmpty()) return "";
    try {
      URI resolved = base.resolve(new URI(value.replace(" ", "%20")));
      String scheme = resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase();
      return (scheme.equals("http") || scheme.equals("https")) && resolved.toString().length() <= 2000 ? resolved.toString() : "";
    } catch (Exception e) {
      return "";
    }
  }

  private static String clip(String text, int max) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1).strip() + "…";
  }
}
