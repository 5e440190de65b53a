package campfire.web;

import java.security.SecureRandom;

/** One shared source of unpredictable bytes for tokens and codes. */
public final class Randoms {
  public static final SecureRandom SECURE = new SecureRandom();
  private static final String ALPHANUMERICS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private Randoms() {}

  public static String alphanumerics(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) out.append(ALPHANUMERICS.charAt(SECURE.nextInt(ALPHANUMERICS.length())));
    return out.toString();
  }
}
