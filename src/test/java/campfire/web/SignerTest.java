package campfire.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Tag("database-independent")
class SignerTest {
  Signer signer = new Signer("s".repeat(64));

  @Test
  void every_signed_value_verifies_whatever_characters_its_signature_holds() {
    for (int i = 0; i < 20_000; i++) {
      String token = Signer.randomToken(32);
      assertThat(signer.verify("session", signer.sign("session", token))).isEqualTo(token);
    }
    assertThat(signer.verify("session", signer.sign("session", "a--b.c-"))).isEqualTo("a--b.c-");
  }

  @Test
  void a_forged_or_reused_signature_is_refused() {
    String signed = signer.sign("session", "token");
    assertThat(signer.verify("csrf", signed)).isNull();
    assertThat(signer.verify("session", "token.AAAA")).isNull();
    assertThat(new Signer("t".repeat(64)).verify("session", signed)).isNull();
    assertThat(signer.verify("session", null)).isNull();
    assertThat(signer.verify("session", ".")).isNull();
    assertThat(signer.verify("session", "nodot")).isNull();
  }
}
