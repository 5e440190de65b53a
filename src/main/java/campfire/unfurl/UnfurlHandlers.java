package campfire.unfurl;

import campfire.domain.DomainError;
import campfire.attachments.Attachments;
import campfire.messages.Presentation;
import campfire.net.Outbound;
import campfire.web.Requests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * POST /unfurl_link {url}: the page's preview card as JSON (its fields, and {@code html}: the card
 * drawn as messages show it), 204 when it has none, 422 when it may not be fetched.
 */
public final class UnfurlHandlers {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final PublicFetcher fetcher;
  private final Attachments attachments;

  public UnfurlHandlers(PublicFetcher fetcher, Attachments attachments) {
    this.fetcher = fetcher;
    this.attachments = attachments;
  }

  public void create(Context ctx) {
    URI url = url(ctx);
    Optional<PublicFetcher.Page> page;
    try {
      page = fetcher.fetch(url);
    } catch (Outbound.Refused e) {
      throw new DomainError.Invalid(e.getMessage());
    }
    Optional<OpenGraph> card = page.flatMap(OpenGraph::from);
    if (card.isEmpty()) {
      ctx.status(204);
      return;
    }
    Map<String, String> json = new LinkedHashMap<>();
    json.put("title", card.get().title());
    json.put("url", card.get().url());
    json.put("image", image(card.get().image()));
    json.put("description", card.get().description());
    json.put("html", Presentation.linkCard(nullToEmpty(json.get("url")), nullToEmpty(json.get("title")), nullToEmpty(json.get("description")),
        json.get("image")));
    ctx.json(json);
  }

  private static String nullToEmpty(String value) { return value == null ? "" : value; }

  /** The card's image, fetched under the same rules and served by us; none when it cannot be. */
  private String image(String url) {
    if (url == null || url.isEmpty()) return "";
    try {
      return fetcher.fetchImage(new URI(url))
          .flatMap(page -> attachments.storeLinkImage(page.body()))
          .map(key -> "/unfurl_images/" + key).orElse("");
    } catch (Outbound.Refused | URISyntaxException e) {
      return "";
    }
  }

  private static URI url(Context ctx) {
    String raw = null;
    String type = ctx.contentType() == null ? "" : ctx.contentType();
    if (type.startsWith("application/json")) {
      try {
        JsonNode body = JSON.readTree(ctx.body());
        raw = body != null && body.hasNonNull("url") ? body.get("url").asText() : null;
      } catch (Exception e) {
        throw new DomainError.Malformed("The body must be JSON like {\"url\": \"https://...\"}.");
      }
    } else {
      raw = Requests.formParam(ctx, "url");
    }
    if (raw == null || raw.isBlank()) throw new DomainError.Malformed("url is required.");
    if (raw.length() > 2000) throw new DomainError.Malformed("That url is too long.");
    try {
      URI url = new URI(raw.strip());
      Outbound.checkForm(url);
      return url;
    } catch (URISyntaxException e) {
      throw new DomainError.Malformed("That is not a valid url.");
    } catch (Outbound.Refused e) {
      throw new DomainError.Malformed(e.getMessage());
    }
  }
}
