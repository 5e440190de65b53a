package campfire.portability;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.web.Signer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Whose mention an ONCE Campfire body holds, in either signed-id format, and our form of it. */
@Tag("database-independent")
class SignedGlobalIdsTest {
  @Test
  void both_envelope_formats_name_the_person() {
    assertThat(SignedGlobalIds.userId(OnceFixture.rails8Sgid(42))).hasValue(42);
    assertThat(SignedGlobalIds.userId(OnceFixture.rails7Sgid(7))).hasValue(7);
    // URL-safe Base64 without padding reads the same.
    String urlSafe = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"_rails\":{\"data\":\"gid://campfire/User/1234\",\"pur\":\"attachable\"}}".getBytes(StandardCharsets.UTF_8));
    assertThat(SignedGlobalIds.userId(urlSafe + "--" + "0f".repeat(32))).hasValue(1234);
  }

  @Test
  void anything_but_a_person_or_anything_unreadable_names_nobody() {
    String room = Base64.getEncoder().encodeToString("{\"_rails\":{\"data\":\"gid://campfire/Room/3\"}}".getBytes(StandardCharsets.UTF_8));
    assertThat(SignedGlobalIds.userId(room + "--abc")).isEmpty();
    String blob = Base64.getEncoder().encodeToString("{\"_rails\":{\"data\":\"gid://campfire/User/12/extra\"}}".getBytes(StandardCharsets.UTF_8));
    assertThat(SignedGlobalIds.userId(blob + "--abc")).isEmpty();
    assertThat(SignedGlobalIds.userId("not base64 at all!--00")).isEmpty();
    assertThat(SignedGlobalIds.userId("")).isEmpty();
    assertThat(SignedGlobalIds.userId(null)).isEmpty();
    assertThat(SignedGlobalIds.userId("QUJD".repeat(2000))).isEmpty();
  }

  @Test
  void a_body_keeps_its_words_and_its_mentions_become_ours() {
    Signer signer = new Signer("a-secret-for-the-bodies-test-of-enough-length");
    OnceBodies bodies = new OnceBodies(signer, Map.of(3L, "Zoë Quinn")::get);
    OnceBodies.Body body = bodies.convert("<div>Hi <action-text-attachment sgid=\"" + OnceFixture.rails7Sgid(3)
        + "\" content-type=\"application/vnd.campfire.mention\"></action-text-attachment>, "
        + "<action-text-attachment sgid=\"" + OnceFixture.rails8Sgid(99) + "\"></action-text-attachment>"
        + "<action-text-attachment content-type=\"image/gif\" url=\"https://media.example.com/cat.gif\" caption=\"a cat\"></action-text-attachment>"
        + "<script>alert(1)</script><strong>bold</strong></div>");
    assertThat(body.mentions()).isEqualTo(1);
    assertThat(body.html()).contains("sgid=\"" + signer.sign("user", "3") + "\"", ">&#64;Zoë Quinn</action-text-attachment>",
        "<a href=\"https://media.example.com/cat.gif\"", ">a cat</a>", "<strong>bold</strong>");
    assertThat(body.html()).doesNotContain("script", "99");
    assertThat(bodies.convert(null).html()).isEmpty();
  }
}
