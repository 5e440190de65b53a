package campfire.push;

import campfire.accounts.Account;
import campfire.accounts.Accounts;
import campfire.web.Json;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.http.Context;
import java.util.List;

/** GET /webmanifest: what makes Campfire installable as an app. */
public final class AppManifestHandlers {
  private final Accounts accounts;

  public AppManifestHandlers(Accounts accounts) { this.accounts = accounts; }

  public void show(Context ctx) {
    String name = accounts.current().map(Account::name).orElse("Campfire");
    // The account's logo is the app's icon (the stock logo until an administrator uploads one).
    Manifest manifest = new Manifest(name, name.length() > 12 ? name.substring(0, 12) : name, "/", "/", "/", "standalone", "#fbfaf8", "#e8590c",
        List.of(new Icon("/account/logo?size=small", "192x192", null, null), new Icon("/account/logo", "512x512", null, null),
            new Icon("/images/app-icon.svg", "any", "image/svg+xml", "maskable")),
        List.of(new Shortcut("Rooms", "/rooms"), new Shortcut("New Ping", "/rooms/directs/new")));
    ctx.contentType("application/manifest+json").header("Cache-Control", "no-cache").result(Json.write(manifest));
  }

  /** The Web App Manifest's members we use. */
  record Manifest(String name, @JsonProperty("short_name") String shortName, String id, @JsonProperty("start_url") String startUrl, String scope,
      String display, @JsonProperty("background_color") String backgroundColor, @JsonProperty("theme_color") String themeColor, List<Icon> icons,
      List<Shortcut> shortcuts) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Icon(String src, String sizes, String type, String purpose) {}

  record Shortcut(String name, String url) {}
}
