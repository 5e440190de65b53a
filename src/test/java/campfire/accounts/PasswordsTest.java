package campfire.accounts;

import campfire.domain.DomainError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Tag("database-independent")
class PasswordsTest {
  @Test
  void an_unknown_person_is_checked_against_a_digest_of_the_same_cost_as_real_ones() {
    Passwords passwords = new Passwords(6);
    String real = passwords.hash("correct horse");
    assertThat(real).startsWith("$2a$06$");
    assertThat(passwords.dummyDigest()).startsWith("$2a$06$").isNotEqualTo(real);
    assertThat(passwords.matches("correct horse", null)).isFalse();
    assertThat(passwords.matches("correct horse", real)).isTrue();
  }

  @Test
  void a_password_has_eight_characters_to_seventy_two_bytes() {
    Passwords.validate("12345678");
    Passwords.validate("é".repeat(36));
    for (String bad : new String[] {"", "1234567", "\uD83D\uDD25".repeat(7), "p".repeat(73), "é".repeat(37)}) {
      assertThatThrownBy(() -> Passwords.validate(bad)).as(bad).isInstanceOf(DomainError.Invalid.class);
    }
  }
}
