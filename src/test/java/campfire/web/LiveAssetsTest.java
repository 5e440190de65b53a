package campfire.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With --dev the catalog is read from the sources: kept while they are unchanged, read again after an edit. */
@org.junit.jupiter.api.Tag("database-independent")
class LiveAssetsTest {
  @TempDir Path root;

  @Test
  void an_edited_file_is_served_on_the_next_request_and_an_unchanged_one_from_the_same_catalog() throws Exception {
    Path css = root.resolve("css/app.css");
    Files.createDirectories(css.getParent());
    Files.writeString(css, ".one { color: red }");
    Assets assets = Assets.fromSource(root);
    String first = assets.url("app.css");
    assertThat(new String(assets.answer("/css/app.css", null, null).body(), StandardCharsets.UTF_8)).isEqualTo(".one { color: red }");
    assertThat(assets.importMap()).isSameAs(assets.importMap());

    Files.writeString(css, ".two { color: blue }");
    Files.setLastModifiedTime(css, FileTime.from(Instant.now().plusSeconds(5)));
    assertThat(new String(assets.answer("/css/app.css", null, null).body(), StandardCharsets.UTF_8)).isEqualTo(".two { color: blue }");
    assertThat(assets.url("app.css")).isNotEqualTo(first);
  }
}
