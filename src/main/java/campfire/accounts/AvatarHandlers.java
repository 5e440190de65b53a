package campfire.accounts;

import campfire.web.HttpError;
import campfire.web.Requests;
import io.javalin.http.Context;

/** GET /users/:id/avatar: initials on one of 18 colours chosen by the id (uploads come with profiles). */
public final class AvatarHandlers {
  private static final String[] HUES = {"#c92a2a", "#a61e4d", "#862e9c", "#5f3dc4", "#364fc7", "#1864ab", "#0b7285", "#087f5b",
      "#2b8a3e", "#5c940d", "#e67700", "#d9480f", "#495057", "#9c36b5", "#3b5bdb", "#0c8599", "#2f9e44", "#f08c00"};
  private final Users users;

  public AvatarHandlers(Users users) { this.users = users; }

  public void show(Context ctx) {
    User user = users.find(Requests.idParam(ctx, "id")).orElseThrow(HttpError.NotFound::new);
    String initials = user.initials().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\"><rect width=\"100\" height=\"100\" rx=\"50\" fill=\""
        + HUES[(int) (user.id() % HUES.length)] + "\"/><text x=\"50\" y=\"50\" dy=\"0.35em\" text-anchor=\"middle\" "
        + "font-family=\"system-ui, sans-serif\" font-size=\"40\" font-weight=\"700\" fill=\"#fff\">" + initials + "</text></svg>";
    ctx.header("Cache-Control", "private, max-age=86400").contentType("image/svg+xml").result(svg);
  }
}
