package campfire.messages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Tag("database-independent")
class PresentationTest {
  static final String SGID = "7." + "a".repeat(43);

  @Test
  void the_sanitizer_keeps_embedded_mentions_and_link_cards_with_safe_attributes_only() {
    String html = RichText.sanitize("<p>hi <action-text-attachment sgid=\"" + SGID + "\" content-type=\"application/vnd.actiontext.mention\" "
        + "content=\"&lt;img src=x onerror=alert(1)&gt;\" onclick=\"alert(1)\">Bob</action-text-attachment></p>");
    assertThat(html).contains("<action-text-attachment sgid=\"" + SGID + "\" content-type=\"application/vnd.actiontext.mention\">")
        .doesNotContain("onclick", "content=", "onerror");
  }

  @Test
  void sanitising_a_sanitised_body_changes_nothing() {
    String once = RichText.sanitize("<p>see <a href=\"https://example.com/a\" target=\"_self\" rel=\"opener\">this</a> and "
        + "<a target=\"_blank\" href=\"https://example.com/b\">that</a></p>");
    assertThat(once).contains("<a href=\"https://example.com/a\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">");
    assertThat(RichText.sanitize(once)).isEqualTo(once);
  }

  @Test
  void the_sanitizer_drops_unknown_embedded_types_and_unsafe_card_links() {
    String html = RichText.sanitize("<action-text-attachment content-type=\"text/html\" url=\"javascript:alert(1)\" "
        + "image=\"data:image/png;base64,AAAA\" title=\"t\"></action-text-attachment>");
    assertThat(html).doesNotContain("text/html", "javascript", "data:");
    String card = RichText.sanitize("<action-text-attachment content-type=\"application/vnd.campfire.opengraph\" "
        + "url=\"https://example.com/a\" image=\"javascript:alert(1)\" title=\"Example\" description=\"A page\"></action-text-attachment>");
    assertThat(card).contains("url=\"https://example.com/a\"", "title=\"Example\"").doesNotContain("javascript");
    // Card images are only ever our own copies; a remote image URL is dropped.
    assertThat(RichText.sanitize("<action-text-attachment content-type=\"application/vnd.campfire.opengraph\" "
        + "url=\"https://example.com/a\" image=\"https://tracker.example/pixel.png\"></action-text-attachment>")).doesNotContain("tracker");
  }

  @Test
  void mentions_render_as_name_and_avatar_and_cards_as_links_in_a_new_tab() {
    String shown = Presentation.present("<p>hi <action-text-attachment sgid=\"" + SGID
        + "\" content-type=\"application/vnd.actiontext.mention\">Bob &lt;b&gt;</action-text-attachment></p>"
        + "<action-text-attachment content-type=\"application/vnd.campfire.opengraph\" url=\"https://www.example.com/post\" "
        + "title=\"A &lt;title&gt;\" description=\"Words\" image=\"/unfurl_images/" + "ab".repeat(32) + "\"></action-text-attachment>", id -> null);
    assertThat(shown).contains("<span class=\"mention\" data-user-id=\"7\"><span class=\"avatar avatar--xs avatar--hue-" + campfire.accounts.User.hue(7) + " mention__avatar\" aria-hidden=\"true\">B&lt;</span>",
        "Bob &lt;b&gt;</span>", "<a class=\"og-card\" href=\"https://www.example.com/post\" target=\"_blank\" rel=\"noopener noreferrer nofollow\">",
        "A &lt;title&gt;", "example.com</span>", "src=\"/unfurl_images/" + "ab".repeat(32) + "\"").doesNotContain("<b>", "action-text-attachment");
    assertThat(Presentation.mentionedUserIds("<action-text-attachment sgid=\"" + SGID
        + "\" content-type=\"application/vnd.actiontext.mention\">Bob</action-text-attachment>")).containsExactly(7L);
    // With an uploaded picture, the chip shows it instead of the initials.
    String pictured = Presentation.present("<p><action-text-attachment sgid=\"" + SGID
        + "\" content-type=\"application/vnd.actiontext.mention\">Bob</action-text-attachment></p>", id -> id == 7 ? "/users/x.sig/avatar?v=3" : null);
    assertThat(pictured).contains("<span class=\"mention\" data-user-id=\"7\"><img class=\"avatar avatar--xs mention__avatar\" "
        + "src=\"/users/x.sig/avatar?v=3\" alt=\"\" width=\"20\" height=\"20\" loading=\"lazy\">Bob</span>").doesNotContain("aria-hidden");
  }

  @Test
  void links_open_in_a_new_tab_without_a_referrer() {
    assertThat(RichText.sanitize("<a href=\"https://example.com\">x</a>")).contains("target=\"_blank\"", "noopener", "noreferrer");
  }

  @Test
  void only_emoji_messages_are_large() {
    assertThat(Presentation.emojiOnly("🎉")).isTrue();
    assertThat(Presentation.emojiOnly("👍🏽 🔥")).isTrue();
    assertThat(Presentation.emojiOnly("👨‍👩‍👧")).isTrue();
    assertThat(Presentation.emojiOnly("🇳🇱")).isTrue();
    assertThat(Presentation.emojiOnly("nice 🎉")).isFalse();
    assertThat(Presentation.emojiOnly("123")).isFalse();
    assertThat(Presentation.emojiOnly("")).isFalse();
    assertThat(Presentation.emojiOnly("🎉".repeat(9))).isFalse();
  }
}
