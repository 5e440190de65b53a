package campfire.search;

import campfire.domain.DomainError;
import campfire.accounts.Authentication;
import campfire.accounts.User;
import campfire.messages.MessageFragments;
import campfire.rooms.Screens;
import campfire.web.Signer;
import campfire.web.Requests;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** GET /searches?q=, POST /searches, DELETE /searches/clear. */
public final class SearchHandlers {
  private final Screens screens;
  private final MessageSearch search;
  private final Searches searches;
  private final Signer signer;

  public SearchHandlers(Screens screens, MessageSearch search, Searches searches, Signer signer) {
    this.screens = screens;
    this.signer = signer;
    this.search = search;
    this.searches = searches;
  }

  public void index(Context ctx) {
    User me = Authentication.currentUser(ctx);
    SearchQuery query = query(ctx.queryParam("q"));
    List<SearchResult> results = search.newest(me.id(), query);
    Map<Long, String> pictures = new HashMap<>();
    for (SearchResult result : results) pictures.put(result.message().id(), MessageFragments.picturePath(signer, result.message()));
    List<String> recent = searches.recent(me.id());
    screens.render(ctx, 200, query.text().isEmpty() ? "Search" : "Search for " + query.text(),
        (t, page, self, sidebar) -> t.searchIndex(page, self, sidebar, query, results, pictures, recent));
  }

  /** Remembers the search, then shows it (so a reload does not post again). */
  public void create(Context ctx) {
    User me = Authentication.currentUser(ctx);
    SearchQuery query = query(Requests.formParam(ctx, "q"));
    if (!query.isEmpty()) searches.record(me.id(), query.text());
    ctx.redirect("/searches?q=" + URLEncoder.encode(query.text(), StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
  }

  public void clear(Context ctx) {
    searches.clear(Authentication.currentUser(ctx).id());
    ctx.redirect("/searches", HttpStatus.SEE_OTHER);
  }

  private static SearchQuery query(String raw) {
    if (raw != null && raw.length() > SearchQuery.MAX_CHARS) {
      throw new DomainError.Malformed("A search can be at most " + SearchQuery.MAX_CHARS + " characters long.");
    }
    return SearchQuery.parse(raw);
  }
}
