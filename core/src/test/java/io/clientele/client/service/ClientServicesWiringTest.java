package io.clientele.client.service;

import static io.clientele.testing.TestClientele.CHEAP_ARGON2;
import static io.clientele.testing.TestClientele.INVITATIONS;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.clientele.Clientele;
import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.ClientQuery;
import io.clientele.common.ConfigurationException;
import io.clientele.common.Ids;
import io.clientele.common.PageRequest;
import io.clientele.testing.CountingPorts;
import io.clientele.testing.MutableClock;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Regression for issue 8, point 8, "one guard, one wiring style": the client context's services
 * shared a catch-all {@code ClientOperations} with package-visible fields and twelve copies of
 * "load the client, check the permission, lock, refuse an erased client", while the other contexts
 * took {@code Ports} records; and every read opened a writing unit of work. Now each client service
 * is built from its own public {@code Ports} record, keeps its fields private, goes through {@link
 * ClientGuard}, and reads in read-only units of work.
 */
class ClientServicesWiringTest {

    private static final List<Class<?>> SERVICES = List.of(ClientProfileService.class, PhotoService.class,
            PassService.class, LockService.class, ErasureService.class, LabelService.class, NoteService.class,
            AddressService.class, GroupService.class, AuditService.class);

    @Test
    void every_client_service_is_built_from_its_own_public_ports_record_and_keeps_its_fields_private() {
        List<String> services = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.clientele.client.service").stream()
                .filter(c -> c.getSimpleName().endsWith("Service") && c.getModifiers().contains(
                        JavaModifier.PUBLIC) && c.isTopLevelClass())
                .map(JavaClass::getName).sorted().toList();
        assertThat(services).as("the list below names every service of the context")
                .containsExactlyInAnyOrderElementsOf(SERVICES.stream().map(Class::getName).toList());

        for (Class<?> service : SERVICES) {
            Class<?> ports = Arrays.stream(service.getDeclaredClasses())
                    .filter(c -> c.getSimpleName().equals("Ports")).findFirst()
                    .orElseThrow(() -> new AssertionError(service.getSimpleName() + " has no Ports record"));
            assertThat(ports.isRecord()).as(service.getSimpleName() + ".Ports is a record").isTrue();
            assertThat(Modifier.isPublic(ports.getModifiers())).as(service.getSimpleName() + ".Ports is public")
                    .isTrue();
            Constructor<?>[] constructors = service.getConstructors();
            assertThat(constructors).as(service.getSimpleName() + " has one public constructor").hasSize(1);
            assertThat(constructors[0].getParameterTypes()[0]).as(service.getSimpleName() + "'s first parameter")
                    .isEqualTo(ports);
            for (Field field : service.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    assertThat(Modifier.isPrivate(field.getModifiers()) && Modifier.isFinal(field.getModifiers()))
                            .as(service.getSimpleName() + "." + field.getName() + " is private and final").isTrue();
                }
            }
        }
        assertThatThrownBy(() -> Class.forName("io.clientele.client.service.ClientOperations"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void a_ports_record_names_the_port_that_is_missing() {
        assertThatThrownBy(() -> new NoteService.Ports(null, null, null, null, null, null, null, null, null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("NoteService.Ports.clients");
    }

    @Test
    void reads_of_the_client_context_run_in_read_only_units_of_work() {
        MutableClock clock = MutableClock.standard();
        InMemoryAdapters memory = InMemoryAdapters.create(CHEAP_ARGON2);
        CountingPorts ports = new CountingPorts();
        Clientele c = ports.installInto(memory, Clientele.builder()).clock(clock).ids(new Ids(clock))
                .invitations(INVITATIONS).build();
        Client ana = c.clients().create(OWNER, TENANT, ClientDetails.named("Ana", "López"));
        ClientGroup yoga = c.groups().create(OWNER, TENANT, "Yoga");
        List<Consumer<Clientele>> reads = List.of(
                x -> x.clients().get(OWNER, TENANT, ana.id()),
                x -> x.clients().list(OWNER, TENANT, ClientQuery.all(), PageRequest.first()),
                x -> x.clients().countByStatus(OWNER, TENANT, ClientQuery.all()),
                x -> x.notes().list(OWNER, TENANT, ana.id(), PageRequest.first()),
                x -> x.labels().list(OWNER, TENANT, PageRequest.first()),
                x -> x.groups().list(OWNER, TENANT, PageRequest.first()),
                x -> x.groups().members(OWNER, TENANT, yoga.id(), PageRequest.first()),
                x -> x.photos().load(OWNER, TENANT, ana.id()),
                x -> x.audit().list(OWNER, TENANT, ana.id(), PageRequest.first()));

        for (Consumer<Clientele> read : reads) {
            ports.reset();
            read.accept(c);
            Map<String, Long> calls = ports.counts();
            assertThat(calls).containsEntry("TransactionRunner.inReadOnlyTransaction", 1L)
                    .doesNotContainKey("TransactionRunner.inTransaction")
                    .doesNotContainKey("ClientRepository.findForUpdate");
        }
    }
}
