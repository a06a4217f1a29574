package io.clientele.invitation.service;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.clientele.Clientele;
import io.clientele.client.service.ClientProfileService;
import java.lang.reflect.Constructor;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression tests of issue 8, point 8 ("one wiring style for every service"): the invitation
 * services shared a catch-all {@code InvitationSupport} whose fifteen package-visible fields they
 * read directly ({@code support.clients}, {@code support.outbox}, ...), built through its own
 * nested {@code Ports} record, while the other contexts build each service from a public {@code
 * Ports} record. Checked over the main classes of the package only.
 */
class InvitationWiringTest {

    private static final String PACKAGE = "io.clientele.invitation.service";

    private static final String MAIN_OUTPUT = mainOutput();

    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> location.asURI().toString().startsWith(MAIN_OUTPUT))
            .importPackages(PACKAGE);

    @Test
    void no_class_of_the_invitation_services_has_a_package_visible_field() {
        assertThat(MAIN_CLASSES.contain(InvitationSupport.class)).as("the package's main classes").isTrue();

        fields().that().areDeclaredInClassesThat().resideInAPackage(PACKAGE)
                .and().areNotStatic()
                .and().doNotHaveModifier(JavaModifier.SYNTHETIC)
                .should().bePrivate()
                .because("a service keeps the ports it uses in private fields, and shares rules through methods")
                .check(MAIN_CLASSES);
    }

    @Test
    void every_invitation_service_is_built_from_the_contexts_ports_record_alone() {
        for (Class<?> service : List.of(CampaignService.class, ActivationService.class, MailDispatcher.class)) {
            assertThat(parameters(service)).as(service.getSimpleName())
                    .containsExactly(List.<Class<?>>of(InvitationServices.Ports.class));
        }
        assertThat(parameters(InvitationService.class)).as("InvitationService: the ports and who creates clients")
                .containsExactly(List.<Class<?>>of(InvitationServices.Ports.class, ClientProfileService.class));
        for (Class<?> helper : List.of(InvitationSupport.class, TokenIssuer.class, MailRendering.class,
                InvitationParticipants.class)) {
            assertThat(parameters(helper)).as(helper.getSimpleName())
                    .containsExactly(List.<Class<?>>of(InvitationServices.Ports.class));
        }
    }

    @Test
    void the_context_has_one_ports_record_and_nothing_takes_the_shared_rules_as_a_dependency() {
        assertThat(MAIN_CLASSES.stream().filter(c -> c.getSimpleName().equals("Ports")).map(JavaClass::getName))
                .as("the Ports records of the package")
                .containsExactly(InvitationServices.Ports.class.getName());
        for (Class<?> type : List.of(InvitationService.class, CampaignService.class, ActivationService.class,
                MailDispatcher.class, MailRendering.class, TokenIssuer.class, InvitationParticipants.class,
                InvitationServices.class)) {
            assertThat(parameters(type)).as(type.getSimpleName())
                    .noneMatch(types -> types.contains(InvitationSupport.class));
        }
    }

    /** The parameter types of each constructor the class declares. */
    private static List<List<Class<?>>> parameters(Class<?> type) {
        return Arrays.stream(type.getDeclaredConstructors()).map(Constructor::getParameterTypes).map(List::of)
                .toList();
    }

    private static String mainOutput() {
        try {
            return Clientele.class.getProtectionDomain().getCodeSource().getLocation().toURI().toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the main classes", e);
        }
    }
}
