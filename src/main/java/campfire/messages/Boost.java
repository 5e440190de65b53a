package campfire.messages;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * A reaction to a message: up to 16 characters from one person. {@code boosterPicture} says
 * whether they uploaded a picture; {@code boosterUpdatedAt} versions its address.
 */
public record Boost(long id, long messageId, long boosterId, String boosterName, String content, boolean boosterPicture,
    long boosterUpdatedAt) {
  public static final int MAX_CHARS = 16;
  private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final TypeReference<List<Boost>> LIST = new TypeReference<>() {};

  /** Decodes the boosts column of a message query (a JSON array built by SQLite). */
  public static List<Boost> fromJson(String json) {
    if (json == null || json.isBlank() || "[]".equals(json)) return List.of();
    try {
      return JSON.readValue(json, LIST);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Unreadable boosts: " + json, e);
    }
  }

  public String boosterInitials() { return campfire.accounts.User.initials(boosterName); }

  /** The booster's uploaded picture, or null when they have none (their initials are drawn instead). */
  public String picturePath(campfire.web.Signer signer) {
    return campfire.accounts.AvatarAddress.uploaded(signer, boosterId, boosterUpdatedAt, boosterPicture);
  }

  public long boosterHue() { return campfire.accounts.User.hue(boosterId); }

  public String path() { return "/messages/" + messageId + "/boosts/" + id; }
}
