package campfire;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, checked rather than hoped (docs/ARCHITECTURE.md). Rules the code already
 * keeps are strict. Rules it does not keep yet are frozen: today's violations are recorded in
 * src/test/resources/archunit_store, any new one fails the build, and each one fixed leaves the
 * store for good.
 */
class ArchitectureTest {
  static final String[] FEATURES = {"campfire.accounts..", "campfire.admin..", "campfire.attachments..", "campfire.boosts..",
      "campfire.bots..", "campfire.messages..", "campfire.ops..", "campfire.people..", "campfire.push..", "campfire.realtime..",
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
  void feature_packages_do_not_depend_on_each_other_in_cycles() {
    FreezingArchRule.freeze(slices().matching("campfire.(*)..").should().beFreeOfCycles()).check(classes);
  }

  @Test
  void handlers_do_only_io_and_hold_no_sql() {
    FreezingArchRule.freeze(noClasses().that().haveSimpleNameEndingWith("Handlers")
        .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "java.sql..")
        .because("a handler reads the request, calls the feature, writes the answer; SQL lives with the table's owner")).check(classes);
  }

  @Test
  void domain_code_does_not_speak_http() {
    FreezingArchRule.freeze(noClasses().that().resideInAnyPackage(FEATURES).and().haveSimpleNameNotEndingWith("Handlers")
        .should().dependOnClassesThat().haveFullyQualifiedName("io.javalin.http.Context")
        .because("only handlers see the request")).check(classes);
  }
}
