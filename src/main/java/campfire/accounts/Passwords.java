package campfire.accounts;

import at.favre.lib.crypto.bcrypt.BCrypt;
import campfire.web.HttpError;
import java.nio.charset.StandardCharsets;

/** bcrypt hashing; passwords are 1 to 72 bytes, bcrypt's own limit. */
public final class Passwords {
  public static final int MAX_BYTES = 72;
  private static final String DUMMY = BCrypt.withDefaults().hashToString(4, "not a real password".toCharArray());
  private final int cost;

  public Passwords(int cost) { this.cost = cost; }

  public String hash(String password) {
    validate(password);
    return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
  }

  public static void validate(String password) {
    if (password == null || password.isEmpty()) throw new HttpError.Invalid("Password can't be blank.");
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new HttpError.Invalid("Password is too long (maximum is 72 characters).");
    }
  }

  public boolean matches(String password, String digest) {
    if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) return false;
    // Compare against a dummy digest for unknown people so timing does not reveal who has an account.
    String against = digest == null ? DUMMY : digest;
    boolean verified = BCrypt.verifyer().verify(password.toCharArray(), against).verified;
    return digest != null && verified;
  }
}
