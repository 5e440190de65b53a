package campfire.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 signatures for cookies and tokens, each use kept apart by a purpose string. */
public final class Signer {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  /** Keyed once; each digest works on a copy (looking up and keying a Mac was a tenth of a cheap request). */
  private final Mac keyed;

  public Signer(String secret) {
    try {
      this.keyed = Mac.getInstance("HmacSHA256");
      keyed.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String digest(String purpose, String value) {
    try {
      Mac mac = (Mac) keyed.clone();
      mac.update(purpose.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return ENCODER.encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** value.signature: the signature is base64url, which never contains a dot, so the last dot splits exactly. */
  public String sign(String purpose, String value) {
    return value + "." + digest(purpose, value);
  }

  /** The value when the signature matches, else null (never an exception for a forged input). */
  public String verify(String purpose, String signed) {
    if (signed == null) return null;
    int split = signed.lastIndexOf('.');
    if (split <= 0) return null;
    String value = signed.substring(0, split);
    return matches(digest(purpose, value), signed.substring(split + 1)) ? value : null;
  }

  public static boolean matches(String expected, String given) {
    if (given == null) return false;
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  public static String randomToken(int bytes) {
    byte[] random = new byte[bytes];
    Randoms.SECURE.nextBytes(random);
    return ENCODER.encodeToString(random);
  }
}
