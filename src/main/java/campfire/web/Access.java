package campfire.web;

import io.javalin.security.RouteRole;

/** Who may reach a route. Routes without a role need a signed-in person. */
public enum Access implements RouteRole {
  /** Anyone, signed in or not (first run, login, join, health). */
  PUBLIC,
  /** Anyone, and no CSRF token is asked for (key-authenticated APIs). */
  PUBLIC_API,
  /** Static files: stylesheets, scripts, images. */
  ASSET
}
