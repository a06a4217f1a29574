package io.clientele;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.clientele.archfixture.service.CopiedGateService;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.service.ClientGuard;
import io.clientele.client.service.ClientLookups;
import io.clientele.common.Access;
import io.clientele.common.ClientId;
import io.clientele.common.ConfigurationException;
import io.clientele.consent.service.ConsentService;
import io.clientele.credit.service.CreditService;
import io.clientele.intake.service.IntakeFormService;
import io.clientele.membership.service.MembershipEraser;
import io.clientele.membership.service.MembershipIssuanceJob;
import io.clientele.membership.service.MembershipService;
import io.clientele.membership.service.MembershipTypeService;
import io.clientele.order.service.OrderService;
import io.clientele.payment.service.PaymentMethodService;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 point 8, "one guard, one wiring style", for the credit, membership, order, payment, intake
 * and consent services: each had its own copy of "check the permission on the client, load it in
 * the tenant or answer not found, lock it, refuse an erased one" ({@code Access.require...} then
 * {@code ClientLookups.find/lock/lockActive}), and some were wired from loose constructor
 * arguments. Now every one passes the {@link ClientGuard}, is built from its public {@code Ports}
 * record, and keeps its fields private. Each rule is also shown to report a class that breaks it.
 */
class SectionServicesShapeTest {

    private static final String[] PACKAGES = {"io.clientele.credit.service", "io.clientele.membership.service",
        "io.clientele.order.service", "io.clientele.payment.service", "io.clientele.intake.service",
        "io.clientele.consent.service"};

    /** Every service of these contexts the facade builds. */
    private static final List<Class<?>> SERVICES = List.of(CreditService.class, MembershipService.class,
            MembershipTypeService.class, MembershipIssuanceJob.class, MembershipEraser.class, OrderService.class,
            PaymentMethodService.class, IntakeFormService.class, ConsentService.class);

    /** The services with use cases on a client: each passes the guard. */
    private static final List<Class<?>> GATED = List.of(CreditService.class, MembershipService.class,
            MembershipIssuanceJob.class, OrderService.class, PaymentMethodService.class, IntakeFormService.class,
            ConsentService.class);

    /**
     * Stated exceptions, each with its reason. A self-service decision must refuse staff before the
     * client is looked up (whether it exists or not), so it checks the tenant and permission first,
     * then passes the guard. The consent audience leaves erased clients out by looking each one up;
     * it belongs to the set-based audience listing, which replaces that look-up with its query.
     */
    private static final Set<String> STATED = Set.of(
            "io.clientele.consent.service.ConsentService.recordSelfService",
            "io.clientele.consent.service.ConsentService.isActive");

    private static final JavaClasses SECTION_SERVICES = ArchitectureTest.mainClasses(PACKAGES);

    @Test
    void no_section_service_checks_looks_up_or_locks_a_client_itself_every_one_passes_the_client_guard() {
        assertThat(gatesOutsideTheGuard(SECTION_SERVICES)).isEmpty();
        for (Class<?> service : GATED) {
            JavaClass type = SECTION_SERVICES.get(service);
            assertThat(callsFrom(type)).as(service.getSimpleName() + " passes the guard")
                    .anyMatch(call -> call.getTargetOwner().isEquivalentTo(ClientGuard.class));
        }
    }

    @Test
    void every_section_service_is_built_from_its_public_ports_record_and_keeps_its_fields_private() {
        assertThat(notBuiltFromPorts(SERVICES)).isEmpty();
        assertThat(nonPrivateFields(SECTION_SERVICES)).isEmpty();
        assertThat(SECTION_SERVICES.contain(CreditService.class)).as("the sweep sees the services").isTrue();
    }

    @Test
    void a_ports_record_names_the_port_that_is_missing() throws ReflectiveOperationException {
        for (Class<?> service : SERVICES) {
            Class<?> ports = portsOf(service);
            RecordComponent[] components = ports.getRecordComponents();
            Constructor<?> canonical = ports.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));

            Object[] none = new Object[components.length];
            assertThatThrownBy(() -> construct(canonical, none)).as(service.getSimpleName())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage(service.getSimpleName() + ".Ports." + components[0].getName() + " must not be null");
        }
    }

    @Test
    void each_rule_reports_a_service_that_breaks_it() {
        JavaClasses fixture = new ClassFileImporter().importClasses(CopiedGateService.class);

        assertThat(gatesOutsideTheGuard(fixture)).containsExactlyInAnyOrder(
                CopiedGateService.class.getName() + ".read calls " + Access.class.getName() + ".require",
                CopiedGateService.class.getName() + ".read calls " + ClientLookups.class.getName() + ".find");
        assertThat(nonPrivateFields(fixture)).containsExactly(CopiedGateService.class.getName() + ".clients");
        assertThat(notBuiltFromPorts(List.of(CopiedGateService.class))).containsExactly(
                CopiedGateService.class.getName());
    }

    /** Calls that check the permission on a client, or look it up or lock it, anywhere but in the guard. */
    private static List<String> gatesOutsideTheGuard(JavaClasses classes) {
        Map<Class<?>, Set<String>> gates = Map.of(
                ClientLookups.class, Set.of("find", "lock", "lockActive"),
                ClientRepository.class, Set.of("find", "findForUpdate"));
        List<String> out = new ArrayList<>();
        for (JavaClass type : classes) {
            for (JavaMethodCall call : callsFrom(type)) {
                String origin = call.getOriginOwner().getName() + "." + call.getOrigin().getName();
                boolean clientGate = gates.entrySet().stream().anyMatch(g -> call.getTargetOwner().isEquivalentTo(
                        g.getKey()) && g.getValue().contains(call.getName()));
                boolean accessOnClient = call.getTargetOwner().isEquivalentTo(Access.class)
                        && call.getName().startsWith("require")
                        && call.getTarget().getRawParameterTypes().stream()
                                .anyMatch(p -> p.isEquivalentTo(ClientId.class));
                if ((clientGate || accessOnClient) && !STATED.contains(origin)) {
                    out.add(origin + " calls " + call.getTargetOwner().getName() + "." + call.getName());
                }
            }
        }
        return out;
    }

    /** The method calls made in the class's own code, its lambdas included. */
    private static Set<JavaMethodCall> callsFrom(JavaClass type) {
        return type.getMethodCallsFromSelf();
    }

    /** Instance fields of the given classes that other classes could reach: not private. */
    private static List<String> nonPrivateFields(JavaClasses classes) {
        List<String> out = new ArrayList<>();
        for (JavaClass type : classes) {
            for (JavaField field : type.getFields()) {
                if (!field.getModifiers().contains(JavaModifier.STATIC)
                        && !field.getModifiers().contains(JavaModifier.PRIVATE)) {
                    out.add(field.getFullName());
                }
            }
        }
        return out;
    }

    /** The services whose only public constructor does not take their own public {@code Ports} record. */
    private static List<String> notBuiltFromPorts(List<Class<?>> services) {
        List<String> out = new ArrayList<>();
        for (Class<?> service : services) {
            Constructor<?>[] constructors = service.getConstructors();
            boolean fromPorts = constructors.length == 1 && constructors[0].getParameterCount() == 1
                    && constructors[0].getParameterTypes()[0].getSimpleName().equals("Ports")
                    && constructors[0].getParameterTypes()[0].getEnclosingClass() == service
                    && constructors[0].getParameterTypes()[0].isRecord()
                    && Modifier.isPublic(constructors[0].getParameterTypes()[0].getModifiers());
            if (!fromPorts) {
                out.add(service.getName());
            }
        }
        return out;
    }

    private static Class<?> portsOf(Class<?> service) {
        return service.getConstructors()[0].getParameterTypes()[0];
    }

    private static Object construct(Constructor<?> constructor, Object[] args) throws Throwable {
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
