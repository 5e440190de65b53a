package campfire.accounts;

import campfire.db.Database;
import java.util.Optional;

/** Signing up through the account's join link: a member, welcomed like every member (the open rooms). */
public final class Joining {
  private final Database database;
  private final Passwords passwords;
  private final Welcome welcome;

  public Joining(Database database, Passwords passwords, Welcome welcome) {
    this.database = database;
    this.passwords = passwords;
    this.welcome = welcome;
  }

  public record Joined(User user, String sessionToken) {}

  /** Empty when the email address already belongs to someone (they should sign in instead). */
  public Optional<Joined> join(FirstRun.SignUp signUp, String ip, String userAgent) {
    signUp.validate();
    String digest = passwords.hash(signUp.password());
    return Optional.ofNullable(database.write(h -> {
      if (Users.emailTaken(h, signUp.emailAddress())) return null;
      User user = Users.insert(h, signUp.name().strip(), signUp.emailAddress(), digest, User.MEMBER);
      welcome.joined(h, user);
      return new Joined(user, Sessions.start(h, user.id(), ip, userAgent));
    }));
  }
}
