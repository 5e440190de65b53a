package campfire.accounts;

import campfire.web.Assets;
import campfire.web.Csrf;
import campfire.web.Flash;
import campfire.web.Page;
import io.javalin.http.Context;

/** Builds the layout model every page shares. */
public final class PageFactory {
  private final Csrf csrf;
  private final Assets assets;
  private final Accounts accounts;
  private final String vapidPublicKey;

  public PageFactory(Csrf csrf, Assets assets, Accounts accounts, String vapidPublicKey) {
    this.vapidPublicKey = vapidPublicKey;
    this.csrf = csrf;
    this.assets = assets;
    this.accounts = accounts;
  }

  public Page page(Context ctx, String title) {
    var account = accounts.current();
    String name = account.map(Account::name).orElse("Campfire");
    String styles = account.map(Account::customStyles).orElse(null);
    return new Page(title == null ? name : title + " · " + name, csrf.token(ctx), assets.importMap(), name, styles, assets, Flash.take(ctx), vapidPublicKey);
  }
}
