package io.clientele;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.clientele.adapter.memory.SimpleMailComposer;
import io.clientele.archfixture.model.LeakyModel;
import io.clientele.archfixture.port.ConcretePort;
import io.clientele.archfixture.service.JsonWritingService;
import io.clientele.mail.archfixture.MailKnowingInvitations;
import io.clientele.mail.port.MailComposer;
import io.clientele.testing.TestClientele;
import io.clientele.client.model.GroupId;
import java.net.URISyntaxException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * States the hexagon of the core (DESIGN sections 2 and 3) over the main classes only: the core
 * knows no persistence or mail framework and no adapter module, the model is pure Java, ports are
 * interfaces that adapters implement (never the other way round) and neither packages nor contexts
 * depend on each other in cycles.
 */
class ArchitectureTest {

    private static final String MAIN_OUTPUT = mainOutput();

    private static final JavaClasses MAIN_CLASSES = mainClasses("io.clientele");

    /** The main (not test) classes of the given packages, whichever build folder holds them. */
    static JavaClasses mainClasses(String... packages) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ArchitectureTest::isMainOutput)
                .importPackages(packages);
    }

    // io.clientele.mail is the core's own mail context (outbox, mail model, the port the mail adapter
    // implements, DESIGN section 3); only packages beside its roles belong to the mail adapter module.
    private static final ArchRule CORE_KNOWS_NO_FRAMEWORK_AND_NO_ADAPTER_MODULE =
            noClasses().that().resideInAPackage("io.clientele..")
                    .should().dependOnClassesThat(resideInAnyPackage(
                            "jakarta.persistence..",
                            "org.hibernate..",
                            "jakarta.mail..",
                            "org.eclipse.angus..",
                            "io.clientele.persistence..")
                            .as("reside in jakarta.persistence.., org.hibernate.., jakarta.mail..,"
                                    + " org.eclipse.angus.. or io.clientele.persistence..")
                            .or(resideInAPackage("io.clientele.mail..")
                                    .and(resideOutsideOfPackages("io.clientele.mail.model..",
                                            "io.clientele.mail.port..", "io.clientele.mail.service.."))
                                    .as("reside in the mail adapter module (io.clientele.mail.. but not its"
                                            + " model, port or service)")));

    // the mail context renders and sends mail for whichever context wants one (DESIGN section 3): it
    // knows no other context, so a mail adapter implementing its ports depends on nothing else
    private static final ArchRule MAIL_KNOWS_NO_OTHER_CONTEXT =
            noClasses().that().resideInAPackage("io.clientele.mail..")
                    .should().dependOnClassesThat(resideInAPackage("io.clientele..")
                            .and(resideOutsideOfPackages("io.clientele.mail..", "io.clientele.common.."))
                            .as("reside in io.clientele.. outside io.clientele.mail.. and io.clientele.common.."));

    // a composer (the in-memory one, the SMTP module's, a host's) renders a MailModel and nothing
    // else: whatever context wants a mail fills the model in, and the composer knows none of them
    private static final ArchRule COMPOSERS_KNOW_ONLY_THE_MAIL_CONTEXT =
            classes().that().implement(MailComposer.class).should(dependOnlyOnJavaMailCommonAndThemselves());

    // the JSON library is the export encoder's business (io.clientele.adapter.json); services and
    // models hand over plain values, so a host can plug another encoder and no service pulls Jackson in
    private static final ArchRule ONLY_THE_JSON_ADAPTER_KNOWS_JACKSON =
            noClasses().that().resideOutsideOfPackage("io.clientele.adapter.json..")
                    .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..");

    private static final ArchRule MODEL_IS_PURE =
            classes().that().resideInAPackage("..model..")
                    .should(dependOnlyOnJavaCommonJspecifyAndTheirOwnModel());

    private static final ArchRule ADAPTERS_ARE_NEVER_DEPENDED_ON_BY_THE_HEXAGON =
            noClasses().that().resideInAnyPackage("..model..", "..service..", "..port..")
                    .should().dependOnClassesThat().resideInAPackage("io.clientele.adapter..");

    private static final ArchRule PORTS_ARE_INTERFACES =
            classes().that().resideInAPackage("..port..")
                    .and().areTopLevelClasses()
                    .and().doNotHaveSimpleName("package-info")
                    .should().beInterfaces();

    @Test
    void the_import_sees_the_main_classes_of_every_role_but_no_test_class() {
        assertThat(MAIN_CLASSES.stream().map(JavaClass::getName))
                .contains(Clientele.class.getName(),
                        "io.clientele.client.model.Client",
                        "io.clientele.client.service.ClientProfileService",
                        "io.clientele.client.port.ClientRepository",
                        "io.clientele.adapter.memory.InMemoryAdapters")
                .doesNotContain(ArchitectureTest.class.getName(), TestClientele.class.getName(),
                        LeakyModel.class.getName());
    }

    @Test
    void core_never_depends_on_persistence_or_mail_frameworks_nor_on_adapter_modules() {
        CORE_KNOWS_NO_FRAMEWORK_AND_NO_ADAPTER_MODULE.check(MAIN_CLASSES);
    }

    @Test
    void the_mail_context_depends_on_no_other_context_only_on_common() {
        MAIL_KNOWS_NO_OTHER_CONTEXT.check(MAIN_CLASSES);
    }

    @Test
    void mail_composers_know_only_the_mail_context_and_common() {
        assertThat(MAIN_CLASSES.get(SimpleMailComposer.class).getAllRawInterfaces())
                .extracting(JavaClass::getName).contains(MailComposer.class.getName());
        COMPOSERS_KNOW_ONLY_THE_MAIL_CONTEXT.check(MAIN_CLASSES);
    }

    @Test
    void no_service_model_or_port_depends_on_jackson_only_the_json_adapter_does() {
        assertThat(MAIN_CLASSES.stream().map(JavaClass::getName))
                .contains("io.clientele.adapter.json.JacksonExportEncoder",
                        "io.clientele.export.service.DataExportService");
        ONLY_THE_JSON_ADAPTER_KNOWS_JACKSON.check(MAIN_CLASSES);
    }

    @Test
    void the_jackson_rule_reports_a_service_that_writes_its_own_json() {
        JavaClasses fixture = new ClassFileImporter().importClasses(JsonWritingService.class);

        assertThatThrownBy(() -> ONLY_THE_JSON_ADAPTER_KNOWS_JACKSON.check(fixture))
                .hasMessageContaining(JsonWritingService.class.getName())
                .hasMessageContaining("<com.fasterxml.jackson.databind.ObjectMapper>");
    }

    @Test
    void model_classes_depend_only_on_java_common_and_their_own_model() {
        MODEL_IS_PURE.check(MAIN_CLASSES);
    }

    @Test
    void model_service_and_port_classes_never_depend_on_adapters() {
        ADAPTERS_ARE_NEVER_DEPENDED_ON_BY_THE_HEXAGON.check(MAIN_CLASSES);
    }

    @Test
    void ports_are_interfaces() {
        PORTS_ARE_INTERFACES.check(MAIN_CLASSES);
    }

    @Test
    void packages_depend_on_each_other_without_cycles() {
        slices().matching("io.clientele.(**)").namingSlices("package $1")
                .should().beFreeOfCycles()
                .check(MAIN_CLASSES);
    }

    @Test
    void contexts_depend_on_each_other_without_cycles() {
        slices().matching("io.clientele.(*)..").namingSlices("context $1")
                .should().beFreeOfCycles()
                .check(MAIN_CLASSES);
    }

    @Test
    void each_rule_reports_a_class_that_breaks_it() {
        // GroupId is imported too, so that the rule sees it is an id record (which a model may use)
        JavaClasses fixtures = new ClassFileImporter().importClasses(LeakyModel.class, ConcretePort.class,
                GroupId.class);

        assertThatThrownBy(() -> CORE_KNOWS_NO_FRAMEWORK_AND_NO_ADAPTER_MODULE.check(fixtures))
                .hasMessageContaining("LeakyModel.provider> has type <org.hibernate.validator.HibernateValidator>");
        assertThatThrownBy(() -> MODEL_IS_PURE.check(fixtures))
                .hasMessageContaining("<org.hibernate.validator.HibernateValidator>")
                .hasMessageContaining("<io.clientele.client.model.EmailAddress>")
                .hasMessageContaining("<io.clientele.adapter.memory.InMemoryAdapters>")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("GroupId"));
        assertThatThrownBy(() -> ADAPTERS_ARE_NEVER_DEPENDED_ON_BY_THE_HEXAGON.check(fixtures))
                .hasMessageContaining("<io.clientele.adapter.memory.InMemoryAdapters>");
        assertThatThrownBy(() -> PORTS_ARE_INTERFACES.check(fixtures))
                .hasMessageContaining(ConcretePort.class.getName());
    }

    @Test
    void the_mail_rules_report_a_mail_composer_that_knows_the_invitation_context_and_not_its_use_of_common() {
        JavaClasses fixture = new ClassFileImporter().importClasses(MailKnowingInvitations.class, MailComposer.class);

        assertThatThrownBy(() -> MAIL_KNOWS_NO_OTHER_CONTEXT.check(fixture))
                .hasMessageContaining("MailKnowingInvitations.text> has type <"
                        + "io.clientele.invitation.model.InvitationMessage>")
                .hasMessageNotContaining("io.clientele.common.TenantId");
        assertThatThrownBy(() -> COMPOSERS_KNOW_ONLY_THE_MAIL_CONTEXT.check(fixture))
                .hasMessageContaining("<io.clientele.invitation.model.InvitationMessage>")
                .hasMessageNotContaining("io.clientele.common.TenantId")
                .hasMessageNotContaining("<io.clientele.mail.model.RenderedMail>");
    }

    /**
     * {@code DO_NOT_INCLUDE_TESTS} only recognizes the default {@code target/test-classes}; builds
     * with their own output folder ({@code -Dclientele.buildDir=...}) need the main output located
     * from a main class instead.
     */
    private static boolean isMainOutput(Location location) {
        return location.asURI().toString().startsWith(MAIN_OUTPUT);
    }

    private static String mainOutput() {
        try {
            return Clientele.class.getProtectionDomain().getCodeSource().getLocation().toURI().toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the main classes", e);
        }
    }

    /**
     * A model class may use {@code java..}, {@code io.clientele.common..}, JSpecify annotations and
     * the model package of its own context (with subpackages), but not another context's model,
     * except its id records: an aggregate refers to another context's aggregate by identity only
     * (a campaign targets a {@code GroupId}), which keeps ids typed without coupling the models.
     */
    private static ArchCondition<JavaClass> dependOnlyOnJavaCommonJspecifyAndTheirOwnModel() {
        return new ArchCondition<>("depend only on java.., io.clientele.common.., org.jspecify.., their own model"
                + " and the id records of other models") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String ownModel = modelRoot(origin.getPackageName());
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    String pkg = target.getPackageName();
                    boolean allowed = target.isPrimitive()
                            || within(pkg, "java")
                            || within(pkg, "io.clientele.common")
                            || within(pkg, "org.jspecify")
                            || within(pkg, ownModel)
                            || isModelId(target);
                    if (!allowed) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    /**
     * A composer may use {@code java..}, JSpecify annotations, the mail context, {@code
     * io.clientele.common..} and its own nested classes (its phrase tables, say), nothing else.
     */
    private static ArchCondition<JavaClass> dependOnlyOnJavaMailCommonAndThemselves() {
        return new ArchCondition<>("depend only on java.., org.jspecify.., io.clientele.mail..,"
                + " io.clientele.common.. and their own nested classes") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    String pkg = target.getPackageName();
                    boolean allowed = target.isPrimitive()
                            || within(pkg, "java")
                            || within(pkg, "org.jspecify")
                            || within(pkg, "io.clientele.mail")
                            || within(pkg, "io.clientele.common")
                            || topLevelName(target).equals(topLevelName(origin));
                    if (!allowed) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static String topLevelName(JavaClass javaClass) {
        String name = javaClass.getName();
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }

    private static boolean isModelId(JavaClass target) {
        return List.of(target.getPackageName().split("\\.")).contains("model") && target.isRecord()
                && target.getSimpleName().endsWith("Id");
    }

    private static String modelRoot(String packageName) {
        List<String> segments = List.of(packageName.split("\\."));
        return String.join(".", segments.subList(0, segments.indexOf("model") + 1));
    }

    private static boolean within(String pkg, String root) {
        return pkg.equals(root) || pkg.startsWith(root + ".");
    }
}
