package campfire.unfurl;

import campfire.attachments.Attachments;
import campfire.domain.DomainError;
import campfire.messages.Presentation;
import campfire.net.Outbound;
import campfire.web.Json;
import campfire.web.Requests;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * POST /unfurl_link {url}: the page's preview card as JSON (its fields, and {@code html}: the card
 * drawn as messages show it), 204 when it has none, 422 when it may not be fetched.
 */
public final class UnfurlHandlers {
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
    OpenGraph found = card.get();
    String image = image(found.image());
    ctx.json(new CardJson(found.title(), found.url(), image, found.description(),
        Presentation.linkCard(nullToEmpty(found.url()), nullToEmpty(found.title()), nullToEmpty(found.description()), image)));
  }

  /** A preview card: its fields, and the card drawn as messages show it. */
  record CardJson(String title, String url, String image, String description, String html) {}

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
        JsonNode body = Json.MAPPER.readTree(ctx.body());
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
