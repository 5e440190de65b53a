package campfire;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, checked rather than hoped (docs/ARCHITECTURE.md). Every rule is strict;
 * the one debt still carried, the package cycles that exist today, is listed by path below, so a
 * new cycle fails the build and a broken one must leave the list.
 */
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

  /**
   * The package cycles that exist today, each as its packages in order. A new cycle fails the
   * build; a cycle broken must leave this list (so it cannot come back). Kept as paths rather than
   * in ArchUnit's frozen store, which records each cycle with every dependency along it and so
   * counts a changed constructor as a new cycle.
   */
  static final Set<String> KNOWN_CYCLES = Set.of(
      "accounts people accounts",
      "accounts people rooms accounts",
      "accounts people rooms messages accounts",
      "accounts people rooms messages attachments accounts",
      "accounts people rooms messages boosts accounts",
      "accounts rooms accounts",
      "accounts rooms messages accounts",
      "accounts rooms messages attachments accounts",
      "accounts rooms messages boosts accounts",
      "accounts rooms messages boosts people accounts",
      "accounts rooms messages people accounts",
      "boosts messages boosts",
      "boosts people rooms messages boosts",
      "messages people rooms messages",
      "messages rooms messages");
  static final Pattern CYCLE = Pattern.compile("Cycle detected: ((?:Slice \\w+ ->\\s*)+Slice \\w+)");

  @Test
  void feature_packages_form_no_new_cycles() {
    EvaluationResult result = slices().matching("campfire.(*)..").should().beFreeOfCycles().evaluate(classes);
    Set<String> cycles = new TreeSet<>();
    Matcher cycle = CYCLE.matcher(String.join("\n", result.getFailureReport().getDetails()));
    while (cycle.find()) cycles.add(cycle.group(1).replaceAll("Slice |\\s*->\\s*", " ").replaceAll("\\s+", " ").strip());
    if (result.hasViolation()) assertThat(cycles).as("cycles read from ArchUnit's report").isNotEmpty();
    assertThat(cycles).as("new cycles between packages").isSubsetOf(KNOWN_CYCLES);
    assertThat(KNOWN_CYCLES).as("cycles that are gone: take them off KNOWN_CYCLES").isSubsetOf(cycles);
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

  /**
   * Besides handlers, the few classes that stand at the request's edge: the sign-in guard, the
   * request log, and the helpers handlers share to read an upload and to frame a page.
   */
  static final String[] REQUEST_EDGE = {campfire.accounts.Authentication.class.getName(), campfire.ops.RequestLog.class.getName(),
      campfire.accounts.PageFactory.class.getName(), campfire.people.Screens.class.getName(), campfire.people.Uploads.class.getName()};

  @Test
  void domain_code_does_not_speak_http() {
    noClasses().that().resideInAnyPackage(FEATURES).and().haveSimpleNameNotEndingWith("Handlers")
        .and().haveNameNotMatching(String.join("|", java.util.Arrays.stream(REQUEST_EDGE).map(Pattern::quote).toList()) + "(\\$.*)?")
        .should().dependOnClassesThat().resideInAnyPackage("io.javalin..")
        .because("only handlers (and the request's edge) see the request; the rules below them take plain values").check(classes);
  }
}
