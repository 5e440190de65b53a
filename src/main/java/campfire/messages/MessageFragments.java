package campfire.messages;

import campfire.accounts.AvatarAddress;
import campfire.web.Pages;
import gg.jte.generated.precompiled.Templates;
import campfire.web.Signer;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;

/**
 * Each message's HTML, rendered once per version and shared by the room page, the pager, the
 * catch-up and the broadcast. The key is the whole {@link Message} (body, edit time, author name
 * and picture, boosts, attachment), so any change renders anew; the fragment is the same for every viewer.
 */
public final class MessageFragments {
  private final Templates templates;
  private final Signer signer;
  private final Cache<Message, String> rendered;

  /** Keeps at most about {@code maxChars} characters of HTML; 0 renders every time (development). */
  public MessageFragments(Pages pages, Signer signer, long maxChars) {
    this.templates = pages.templates();
    this.signer = signer;
    this.rendered = Caffeine.newBuilder().maximumWeight(maxChars)
        .weigher((Message message, String html) -> html.length() + message.bodyHtml().length()).build();
  }

  public String html(Message message) { return rendered.get(message, this::render); }

  public List<String> html(List<Message> messages) { return messages.stream().map(this::html).toList(); }

  private String render(Message message) {
    return templates.messagesMessage(message, signer).render();
  }

  /** The author's uploaded picture, or null when they have none (their initials are drawn instead). */
  public static String picturePath(Signer signer, Message message) {
    return AvatarAddress.uploaded(signer, message.creatorId(), message.creatorUpdatedAt(), message.creatorHasPicture());
  }
}
