package campfire.realtime;

import campfire.web.Signer;

/**
 * Signed stream names for {@code <turbo-cable-stream-source signed-stream-name="...">}: a page
 * may only subscribe to streams the server rendered for it.
 */
public final class StreamNames {
  private static final String PURPOSE = "turbo-stream";
  private static final String SEPARATOR = "--";
  private static final int DIGEST_LENGTH = 43; // HMAC-SHA256, base64url without padding

  private final Signer signer;

  public StreamNames(Signer signer) { this.signer = signer; }

  /** The value of a {@code signed-stream-name} attribute for a stream named by {@link Streams}. */
  public String sign(String stream) {
    return stream + SEPARATOR + signer.digest(PURPOSE, stream);
  }

  /**
   * The stream when the signature matches, else null. Splits at the digest's fixed length rather
   * than at the last "--", since a base64url digest may itself contain "--" or start with "-".
   */
  public String verify(String signed) {
    if (signed == null || signed.length() <= DIGEST_LENGTH + SEPARATOR.length()) return null;
    int split = signed.length() - DIGEST_LENGTH - SEPARATOR.length();
    if (!signed.startsWith(SEPARATOR, split)) return null;
    String stream = signed.substring(0, split);
    return Signer.matches(signer.digest(PURPOSE, stream), signed.substring(split + SEPARATOR.length())) ? stream : null;
  }
}
