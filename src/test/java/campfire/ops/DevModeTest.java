package campfire.ops;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.App;
import campfire.Config;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve --dev compiles templates from src/main/jte and serves assets from src/ as they are on disk. */
@org.junit.jupiter.api.Tag("database-independent")
class DevModeTest {
  @TempDir Path dir;

  @Test
  void development_mode_renders_templates_and_serves_assets_straight_from_the_source_tree() throws Exception {
    Config config = Config.from(Map.of("DATABASE_URL", "sqlite:" + dir.resolve("campfire.db"), "BIND_ADDRESS", "127.0.0.1:0",
        "LOG_LEVEL", "warn"), true, null);
    assertThat(config.dev()).isTrue();
    try (App app = new App(config).start()) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + app.port();
      HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/first_run")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("name=\"user[email_address]\"");
      byte[] source = Files.readAllBytes(Path.of("src/main/resources/public/js/application.js"));
      String url = campfire.web.Assets.digestedUrl("application.js", source);
      assertThat(page.body()).contains("\"application\":\"" + url + "\"");
      HttpResponse<String> script = http.send(HttpRequest.newBuilder(URI.create(base + url)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(script.body()).isEqualTo(new String(source, java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
