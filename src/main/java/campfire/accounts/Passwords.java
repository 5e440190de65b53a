package campfire.accounts;

import campfire.domain.DomainError;
import at.favre.lib.crypto.bcrypt.BCrypt;
import campfire.web.Randoms;
import java.nio.charset.StandardCharsets;

/** bcrypt hashing; passwords are 8 characters to 72 bytes (bcrypt's own limit). */
public final class Passwords {
  public static final int MIN_LENGTH = 8;
  public static final int MAX_BYTES = 72;
  private final int cost;
  /** Compared against for unknown people, at the same cost as real digests, so timing does not tell who has an account. */
  private volatile String dummy;

  public Passwords(int cost) { this.cost = cost; }

  /** Made on first use, not at start (at cost 12 it takes a quarter of a second). */
  String dummyDigest() {
    String digest = dummy;
    if (digest == null) {
      synchronized (this) {
        if (dummy == null) dummy = BCrypt.withDefaults().hashToString(cost, Randoms.alphanumerics(24).toCharArray());
        digest = dummy;
      }
    }
    return digest;
  }

  public String hash(String password) {
    validate(password);
    return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
  }

  public static void validate(String password) {
    if (password == null || password.isEmpty()) throw new DomainError.Invalid("Password can't be blank.");
    if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
      throw new DomainError.Invalid("Password is too short (minimum is " + MIN_LENGTH + " characters).");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new DomainError.Invalid("Password is too long (maximum is 72 characters).");
    }
  }

  public boolean matches(String password, String digest) {
    if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) return false;
    String against = digest == null ? dummyDigest() : digest;
    boolean verified = BCrypt.verifyer().verify(password.toCharArray(), against).verified;
    return digest != null && verified;
  }
}
