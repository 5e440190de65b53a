package campfire;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, checked rather than hoped (docs/ARCHITECTURE.md). Every rule is strict.
 */
@org.junit.jupiter.api.Tag("database-independent")
class ArchitectureTest {
  static final String[] FEATURES = {"campfire.accounts..", "campfire.admin..", "campfire.attachments..", "campfire.boosts..",
      "campfire.bots..", "campfire.files..", "campfire.messages..", "campfire.ops..", "campfire.people..", "campfire.push..", "campfire.realtime..",
      "campfire.rooms..", "campfire.search..", "campfire.sounds..", "campfire.unfurl.."};
  static JavaClasses classes;

  @BeforeAll
  static void importProductCode() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("campfire");
  }

  @Test
  void the_shared_layers_know_no_feature() {
    ArchRule rule = noClasses().that().resideInAnyPackage("campfire.web..", "campfire.db..", "campfire.net..")
        .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
        .because("web, db and net serve every feature; a feature plugs into them, never the other way round");
    rule.check(classes);
  }

  @Test
  void outbound_requests_go_through_the_one_guarded_client() {
    ArchRule rule = noClasses().that().resideOutsideOfPackage("campfire.net..")
        .should().dependOnClassesThat().haveFullyQualifiedName("java.net.http.HttpClient")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
        .because("only net.Outbound's client checks the address it connects to (SSRF, DNS rebinding)");
    rule.check(classes);
  }

  @Test
  void messages_are_posted_only_through_posting() {
    ArchRule rule = noClasses().that().resideOutsideOfPackage("campfire.messages..")
        .should().callMethod(campfire.messages.Messages.class, "post", long.class, long.class, String.class, String.class,
            campfire.messages.Messages.Extra.class, campfire.messages.Messages.Consequences.class)
        .because("Posting.Body is where every door's mentions are verified");
    rule.check(classes);
  }

  @Test
  void feature_packages_form_no_cycles() {
    slices().matching("campfire.(*)..").should().beFreeOfCycles()
        .because("a feature builds on the ones below it (accounts, then rooms, then messages ...) and never on one above; "
            + "what a lower feature needs from a higher one it declares as an interface (accounts.Welcome) for the composition root to fill")
        .check(classes);
  }

  @Test
  void handlers_do_only_io_and_hold_no_sql() {
    noClasses().that().haveSimpleNameEndingWith("Handlers")
        .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "java.sql..", "campfire.db..")
        .because("a handler reads the request, calls the feature, writes the answer; SQL lives with the table's owner").check(classes);
  }

  @Test
  void feature_code_refuses_in_domain_terms() {
    noClasses().that().resideInAnyPackage(FEATURES).and().haveSimpleNameNotEndingWith("Handlers")
        .and().doNotHaveFullyQualifiedName(campfire.accounts.Authentication.class.getName())
        .should().dependOnClassesThat().haveFullyQualifiedName(campfire.web.HttpError.class.getName())
        .because("domain code throws DomainError (not found, forbidden, invalid ...); web.ErrorPages alone maps it to a status, "
            + "and only the sign-in guard and handlers refuse in HTTP's own terms (sign in first)")
        .check(classes);
  }

  @Test
  void templates_are_rendered_through_their_typed_methods() {
    noClasses().that().resideInAPackage("campfire..").and().doNotHaveFullyQualifiedName(campfire.web.Pages.class.getName())
        .should().dependOnClassesThat().haveFullyQualifiedName(gg.jte.TemplateEngine.class.getName())
        .because("a page's values go through Templates (one method per template, its @params as arguments), "
            + "never a map of names a typo can miss; web.Pages alone holds the engine").check(classes);
  }

  /**
   * Besides handlers, the few classes that stand at the request's edge: the sign-in guard, the
   * request log, and the helpers handlers share to read an upload and to frame a page.
   */
  static final String[] REQUEST_EDGE = {campfire.accounts.Authentication.class.getName(), campfire.ops.RequestLog.class.getName(),
      campfire.accounts.PageFactory.class.getName(), campfire.rooms.Screens.class.getName(), campfire.people.Uploads.class.getName()};

  @Test
  void domain_code_does_not_speak_http() {
    noClasses().that().resideInAnyPackage(FEATURES).and().haveSimpleNameNotEndingWith("Handlers")
        .and().haveNameNotMatching(String.join("|", java.util.Arrays.stream(REQUEST_EDGE).map(Pattern::quote).toList()) + "(\\$.*)?")
        .should().dependOnClassesThat().resideInAnyPackage("io.javalin..")
        .because("only handlers (and the request's edge) see the request; the rules below them take plain values").check(classes);
  }
}
