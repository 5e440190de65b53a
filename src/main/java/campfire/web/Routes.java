package campfire.web;

import campfire.domain.DomainError;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Route registration that also accepts browsers' POST with a hidden {@code _method} field for
 * PATCH, PUT and DELETE: one dispatcher per path picks the handler the field names.
 */
public final class Routes {
  private final RoutesConfig routes;
  private final PageCache pages;
  private final Map<String, Map<HandlerType, Handler>> writes = new LinkedHashMap<>();
  private final Map<String, RouteRole[]> writeRoles = new LinkedHashMap<>();
  private final List<Declared> declared = new ArrayList<>();

  /** A route as declared: its verb, its path template and its roles (none: signed-in people). */
  public record Declared(String verb, String path, List<RouteRole> roles) {}

  public Routes(RoutesConfig routes, PageCache pages) {
    this.routes = routes;
    this.pages = pages;
  }

  /** Every route declared, in order (the authorization matrix test walks them all). */
  public List<Declared> declared() { return List.copyOf(declared); }

  public Routes get(String path, Handler handler, RouteRole... roles) {
    routes.get(path, handler, roles);
    declared.add(new Declared("GET", path, List.of(roles)));
    return this;
  }

  /**
   * A GET of a page that only reads the database: its answer is kept and sent again until the next
   * write ({@link PageCache}). A handler that writes, or shows anything kept outside the database,
   * takes {@link #get} instead.
   */
  public Routes getPage(String path, Handler handler, RouteRole... roles) { return get(path, pages.keep(handler), roles); }

  public Routes post(String path, Handler handler, RouteRole... roles) { return write(HandlerType.POST, path, handler, roles); }

  public Routes patch(String path, Handler handler, RouteRole... roles) { return write(HandlerType.PATCH, path, handler, roles); }

  public Routes put(String path, Handler handler, RouteRole... roles) { return write(HandlerType.PUT, path, handler, roles); }

  public Routes delete(String path, Handler handler, RouteRole... roles) { return write(HandlerType.DELETE, path, handler, roles); }

  private Routes write(HandlerType type, String path, Handler handler, RouteRole... roles) {
    declared.add(new Declared(type.name(), path, List.of(roles)));
    writes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(type, handler);
    // One POST dispatcher serves every write of a path, with one set of roles.
    RouteRole[] earlier = writeRoles.putIfAbsent(path, roles);
    if (earlier != null && !Set.of(earlier).equals(Set.of(roles))) {
      throw new IllegalStateException("The writes of " + path + " must share their access roles");
    }
    if (type != HandlerType.POST) routes.addHttpHandler(type, path, handler, roles);
    return this;
  }

  /** Registers the POST dispatchers; call once after every route is declared. */
  public void install() {
    // Javalin matches in registration order: literal paths (/rooms/opens) must come before
    // parameterised ones (/rooms/{id}) that would otherwise swallow them.
    List<String> paths = new ArrayList<>(writes.keySet());
    paths.sort(Comparator.comparingLong(path -> path.chars().filter(c -> c == '{').count()));
    for (String path : paths) {
      Map<HandlerType, Handler> byVerb = writes.get(path);
      routes.post(path, ctx -> {
        HandlerType verb = overridden(Requests.formParam(ctx, "_method"));
        Handler handler = byVerb.get(verb);
        if (handler == null) throw new HttpError(405, "That action is not available here.");
        handler.handle(ctx);
      }, writeRoles.get(path));
    }
  }

  private static HandlerType overridden(String method) {
    if (method == null || method.isBlank()) return HandlerType.POST;
    return switch (method.toUpperCase(Locale.ROOT)) {
      case "PATCH" -> HandlerType.PATCH;
      case "PUT" -> HandlerType.PUT;
      case "DELETE" -> HandlerType.DELETE;
      case "POST" -> HandlerType.POST;
      default -> throw new DomainError.Malformed("Unknown _method " + method);
    };
  }
}
