package campfire.accounts;

import campfire.domain.DomainError;
import campfire.db.Database;

/** Sets up a new install: the account, its administrator, and (through {@link Welcome}) the first room. */
public final class FirstRun {
  private final Database database;
  private final Accounts accounts;
  private final Passwords passwords;
  private final Welcome welcome;

  public FirstRun(Database database, Accounts accounts, Passwords passwords, Welcome welcome) {
    this.database = database;
    this.accounts = accounts;
    this.passwords = passwords;
    this.welcome = welcome;
  }

  public record Result(User administrator, long roomId, String sessionToken) {}

  /** Returns empty when the install was already set up (by this or a concurrent request). */
  public java.util.Optional<Result> setUp(SignUp signUp, String ip, String userAgent) {
    signUp.validate();
    String digest = passwords.hash(signUp.password());
    Result result = database.write(h -> {
      if (Accounts.exists(h)) return null;
      if (!Accounts.insert(h, "Campfire")) return null;
      User admin = Users.insert(h, signUp.name(), signUp.emailAddress(), digest, User.ADMINISTRATOR);
      long roomId = welcome.firstRoom(h, admin);
      return new Result(admin, roomId, Sessions.start(h, admin.id(), ip, userAgent));
    });
    accounts.forget();
    if (result == null) return java.util.Optional.empty();
    return java.util.Optional.of(result);
  }

  /** What a person types to get an account. */
  public record SignUp(String name, String emailAddress, String password) {
    public void validate() {
      if (name == null || name.isBlank()) throw new DomainError.Invalid("Name can't be blank.");
      if (name.length() > 100) throw new DomainError.Invalid("Name is too long (maximum is 100 characters).");
      if (emailAddress == null || !emailAddress.strip().matches("[^@\\s]+@[^@\\s]+")) {
        throw new DomainError.Invalid("Email address is invalid.");
      }
      if (emailAddress.length() > 254) throw new DomainError.Invalid("Email address is too long.");
      Passwords.validate(password);
    }
  }
}
