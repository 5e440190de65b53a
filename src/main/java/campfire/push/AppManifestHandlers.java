package campfire.push;

import campfire.accounts.Account;
import campfire.accounts.Accounts;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GET /webmanifest: what makes Campfire installable as an app. */
public final class AppManifestHandlers {
  private final Accounts accounts;

  public AppManifestHandlers(Accounts accounts) { this.accounts = accounts; }

  public void show(Context ctx) {
    String name = accounts.current().map(Account::name).orElse("Campfire");
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("name", name);
    manifest.put("short_name", name.length() > 12 ? name.substring(0, 12) : name);
    manifest.put("id", "/");
    manifest.put("start_url", "/");
    manifest.put("scope", "/");
    manifest.put("display", "standalone");
    manifest.put("background_color", "#fbfaf8");
    manifest.put("theme_color", "#e8590c");
    // The account's logo is the app's icon (the stock logo until an administrator uploads one).
    manifest.put("icons", List.of(
        Map.of("src", "/account/logo?size=small", "sizes", "192x192"),
        Map.of("src", "/account/logo", "sizes", "512x512"),
        Map.of("src", "/images/app-icon.svg", "sizes", "any", "type", "image/svg+xml", "purpose", "maskable")));
    manifest.put("shortcuts", List.of(
        Map.of("name", "Rooms", "url", "/rooms"),
        Map.of("name", "New Ping", "url", "/rooms/directs/new")));
    ctx.contentType("application/manifest+json").header("Cache-Control", "no-cache").result(toJson(manifest));
  }

  private static String toJson(Object value) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
