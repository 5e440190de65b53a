package campfire.admin;

import campfire.accounts.Authentication;
import campfire.accounts.User;
import campfire.web.HttpError;
import io.javalin.http.Context;

/** The one check every administration route starts with. */
public final class Administrators {
  private Administrators() {}

  public static User require(Context ctx) {
    User me = Authentication.currentUser(ctx);
    if (!me.isAdministrator()) throw new HttpError.Forbidden();
    return me;
  }
}
