package campfire.web;

import io.javalin.security.RouteRole;

/** Who may reach a route. Routes without a role need a signed-in person. */
public enum Access implements RouteRole {
  /** Anyone, signed in or not (first run, login, join, health). */
  PUBLIC,
  /** Anyone, and no CSRF token is asked for (key-authenticated APIs). */
  PUBLIC_API,
  /** Signed-in administrators only; anyone else signed in is refused (403). */
  ADMIN,
  /** Writes that also take a JSON body (as the original's scripts send); others take forms only. */
  JSON_BODY,
  /** Static files: stylesheets, scripts, images. */
  ASSET
}
