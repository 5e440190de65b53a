package campfire.realtime;

import campfire.web.Signer;

/**
 * Signed stream names for {@code <turbo-cable-stream-source signed-stream-name="...">}: a page
 * may only subscribe to streams the server rendered for it.
 */
public final class StreamNames {
  private static final String PURPOSE = "turbo-stream";

  private final Signer signer;

  public StreamNames(Signer signer) { this.signer = signer; }

  /** The value of a {@code signed-stream-name} attribute for a stream named by {@link Streams}. */
  public String sign(String stream) { return signer.sign(PURPOSE, stream); }

  /** The stream when the signature matches, else null. */
  public String verify(String signed) { return signer.verify(PURPOSE, signed); }
}
