package campfire.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import gg.jte.resolve.DirectoryCodeResolver;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.util.Map;

/** Renders jte templates: precompiled classes from the jar, or live from src/ in development. */
public final class Pages {
  private final TemplateEngine engine;

  private Pages(TemplateEngine engine) { this.engine = engine; }

  public static Pages precompiled() {
    return new Pages(TemplateEngine.createPrecompiled(ContentType.Html));
  }

  /** Compiles templates from source as they change (--dev), trimmed as the build trims them (pom.xml). */
  public static Pages live(Path sourceDirectory) {
    TemplateEngine engine = TemplateEngine.create(new DirectoryCodeResolver(sourceDirectory),
        Path.of("target", "jte-dev-classes"), ContentType.Html);
    engine.setTrimControlStructures(true);
    return new Pages(engine);
  }

  public String render(String template, Map<String, Object> params) {
    StringOutput output = new StringOutput(8192);
    engine.render(template, params, output);
    return output.toString();
  }

  public void html(Context ctx, String template, Map<String, Object> params) {
    ctx.contentType("text/html; charset=utf-8").result(render(template, params));
  }
}
