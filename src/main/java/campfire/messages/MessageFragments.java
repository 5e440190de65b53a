package campfire.messages;

import campfire.web.Pages;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.Map;

/**
 * Each message's HTML, rendered once per version and shared by the room page, the pager, the
 * catch-up and the broadcast. The key is the whole {@link Message} (body, edit time, author name,
 * boosts, attachment), so any change renders anew; the fragment is the same for every viewer.
 */
public final class MessageFragments {
  private final Pages pages;
  private final Cache<Message, String> rendered;

  /** Keeps at most about {@code maxChars} characters of HTML; 0 renders every time (development). */
  public MessageFragments(Pages pages, long maxChars) {
    this.pages = pages;
    this.rendered = Caffeine.newBuilder().maximumWeight(maxChars)
        .weigher((Message message, String html) -> html.length() + message.bodyHtml().length()).build();
  }

  public String html(Message message) { return rendered.get(message, this::render); }

  public List<String> html(List<Message> messages) { return messages.stream().map(this::html).toList(); }

  private String render(Message message) { return pages.render("messages/message.jte", Map.of("message", message)); }
}
