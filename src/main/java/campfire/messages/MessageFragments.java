package campfire.messages;

import campfire.accounts.AvatarAddress;
import campfire.web.Pages;
import gg.jte.generated.precompiled.Templates;
import campfire.web.Signer;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Each message's HTML, rendered once per version and shared by the room page, the pager, the
 * catch-up and the broadcast. The key is the whole {@link Message} (body, edit time, author name
 * and picture, boosts, attachment) with the pictures of the people it mentions, so any change
 * renders anew; the fragment is the same for every viewer.
 */
public final class MessageFragments {
  private final Templates templates;
  private final Signer signer;
  private final LongFunction<String> pictureOf;
  private final Cache<Key, String> rendered;

  private record Key(Message message, Map<Long, String> mentionPictures) {}

  /**
   * Keeps at most about {@code maxChars} characters of HTML; 0 renders every time (development).
   * {@code pictureOf} gives a person's uploaded picture address by id, or null (initials then).
   */
  public MessageFragments(Pages pages, Signer signer, long maxChars, LongFunction<String> pictureOf) {
    this.templates = pages.templates();
    this.signer = signer;
    this.pictureOf = pictureOf;
    this.rendered = Caffeine.newBuilder().maximumWeight(maxChars)
        .weigher((Key key, String html) -> html.length() + key.message().bodyHtml().length()).build();
  }

  public String html(Message message) {
    return rendered.get(new Key(message, mentionPictures(message)),
        key -> templates.messagesMessage(key.message(), signer, key.mentionPictures()).render());
  }

  public List<String> html(List<Message> messages) { return messages.stream().map(this::html).toList(); }

  /** The uploaded pictures of the people the message mentions, by id (those without one are left out). */
  public Map<Long, String> mentionPictures(Message message) {
    if (!message.bodyHtml().contains(Presentation.ATTACHMENT_TAG)) return Map.of();
    Map<Long, String> pictures = new HashMap<>();
    for (long id : message.mentionedUserIds()) {
      String picture = pictureOf.apply(id);
      if (picture != null) pictures.put(id, picture);
    }
    return Map.copyOf(pictures);
  }

  /** The author's uploaded picture, or null when they have none (their initials are drawn instead). */
  public static String picturePath(Signer signer, Message message) {
    return AvatarAddress.uploaded(signer, message.creatorId(), message.creatorUpdatedAt(), message.creatorHasPicture());
  }
}
