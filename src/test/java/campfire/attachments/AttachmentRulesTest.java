package campfire.attachments;

import campfire.domain.DomainError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import campfire.files.Images;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.Tag("database-independent")
class AttachmentRulesTest {
  @TempDir Path dir;

  @Test
  void the_declared_type_must_match_the_bytes() {
    assertThat(Attachments.checkedType("image/png", "image/png")).isEqualTo("image/png");
    assertThat(Attachments.checkedType("image/JPG", "image/jpeg")).isEqualTo("image/jpeg");
    assertThat(Attachments.checkedType("", "image/gif")).isEqualTo("image/gif");
    assertThat(Attachments.checkedType("application/octet-stream", null)).isEqualTo("application/octet-stream");
    assertThat(Attachments.checkedType("video/quicktime", "video/mp4")).isEqualTo("video/quicktime");
    assertThat(Attachments.checkedType("text/plain", null)).isEqualTo("text/plain");
    assertThatThrownBy(() -> Attachments.checkedType("image/png", null)).isInstanceOf(DomainError.Invalid.class);
    assertThatThrownBy(() -> Attachments.checkedType("image/png", "image/jpeg")).isInstanceOf(DomainError.Invalid.class);
    assertThatThrownBy(() -> Attachments.checkedType("text/plain", "image/png")).isInstanceOf(DomainError.Invalid.class);
    assertThatThrownBy(() -> Attachments.checkedType("application/pdf", null)).isInstanceOf(DomainError.Invalid.class);
    assertThatThrownBy(() -> Attachments.checkedType("not a type", null)).isInstanceOf(DomainError.Invalid.class);
  }

  @Test
  void file_names_lose_paths_and_control_characters() {
    assertThat(Attachments.filename("../../etc/passwd")).isEqualTo("passwd");
    assertThat(Attachments.filename("C:\\Users\\me\\photo.jpg")).isEqualTo("photo.jpg");
    assertThat(Attachments.filename("a\"b\r\n.txt")).isEqualTo("ab.txt");
    assertThat(Attachments.filename("..")).isEqualTo("file");
    assertThat(Attachments.filename(null)).isEqualTo("file");
    assertThat(AttachmentHandlers.filenameParameters("résumé \"1\".pdf"))
        .isEqualTo("filename=\"r_sum_ _1_.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%221%22.pdf");
  }

  @Test
  void image_decoding_is_bounded_in_pixels() throws IOException {
    Path bomb = Files.write(dir.resolve("bomb.png"), TestImages.bomb());
    Path ok = Files.write(dir.resolve("ok.png"), TestImages.picture(1600, 1600, "png"));
    try (Images images = new Images(5_000_000L, 10_000)) {
      assertThatThrownBy(() -> images.process(bomb)).isInstanceOf(DomainError.Invalid.class).hasMessageContaining("too large");
      Images.Processed processed = images.process(ok);
      assertThat(processed.width()).isEqualTo(1600);
      assertThat(processed.thumbnail()).isNotEmpty();
    }
    try (Images tight = new Images(1_000_000L, 10_000)) {
      assertThatThrownBy(() -> tight.process(ok)).isInstanceOf(DomainError.Invalid.class);
    }
  }

  @Test
  void image_decoding_is_bounded_in_time() throws IOException {
    Path big = Files.write(dir.resolve("big.png"), TestImages.picture(4000, 4000, "png"));
    try (Images impatient = new Images(50_000_000L, 0)) {
      assertThatThrownBy(() -> impatient.process(big)).isInstanceOf(DomainError.Invalid.class).hasMessageContaining("too long");
    }
  }

  @Test
  void sizes_read_as_people_read_them() {
    assertThat(new Attachment(1, 1, "a", "text/plain", 38, null, null, false).humanSize()).isEqualTo("38 B");
    assertThat(new Attachment(1, 1, "a", "text/plain", 1536, null, null, false).humanSize()).isEqualTo("1.5 KB");
    assertThat(new Attachment(1, 1, "a", "text/plain", 25L * 1024 * 1024, null, null, false).humanSize()).isEqualTo("25 MB");
  }
}
