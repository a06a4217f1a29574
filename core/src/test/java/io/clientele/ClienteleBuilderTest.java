package io.clientele;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.client.model.Client;
import io.clientele.client.model.ImageType;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.Actor;
import io.clientele.common.ConfigurationException;
import io.clientele.common.TenantId;
import io.clientele.common.ValidationException;
import io.clientele.testing.Images;
import io.clientele.testing.MutableClock;
import io.clientele.testing.TestClientele;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Clientele.Builder} fails fast, naming what is missing, and builds a working facade otherwise. */
class ClienteleBuilderTest {

    private static final TenantId STUDIO = TenantId.of("studio-1");
    private static final Actor OWNER = Actor.Staff.owner("owner-1", STUDIO);

    private static final List<String> PORTS = List.of("transactionRunner", "eventPublisher", "clientRepository",
            "labelRepository", "groupRepository", "noteRepository", "auditLog", "photoStorage",
            "bookingAnonymizer", "tenantSettings", "invitations", "mailOutbox", "mailSender", "mailComposer",
            "tokenRepository", "credentialStore", "campaignRepository", "messageTemplates", "preferenceRepository",
            "consentLog", "creditRepository", "orderRepository", "intakeFormRepository", "paymentMethodRepository",
            "paymentGateway", "membershipTypeRepository", "membershipRepository", "issuanceLog");

    @Test
    void an_empty_builder_is_refused_naming_every_missing_port() {
        assertThatThrownBy(() -> Clientele.builder().build())
                .asInstanceOf(type(ConfigurationException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(ConfigurationException.CODE);
                    assertThat(e.getMessage()).contains(PORTS).doesNotContain("clock");
                });
    }

    static Stream<Arguments> unsetters() {
        return Stream.of(
                unset("transactionRunner", b -> b.transactionRunner(null)),
                unset("eventPublisher", b -> b.eventPublisher(null)),
                unset("clientRepository", b -> b.clientRepository(null)),
                unset("labelRepository", b -> b.labelRepository(null)),
                unset("groupRepository", b -> b.groupRepository(null)),
                unset("noteRepository", b -> b.noteRepository(null)),
                unset("auditLog", b -> b.auditLog(null)),
                unset("photoStorage", b -> b.photoStorage(null)),
                unset("bookingAnonymizer", b -> b.bookingAnonymizer(null)),
                unset("tenantSettings", b -> b.tenantSettings(null)),
                unset("invitations", b -> b.invitations(null)),
                unset("mailOutbox", b -> b.mailOutbox(null)),
                unset("mailSender", b -> b.mailSender(null)),
                unset("mailComposer", b -> b.mailComposer(null)),
                unset("tokenRepository", b -> b.tokenRepository(null)),
                unset("credentialStore", b -> b.credentialStore(null)),
                unset("campaignRepository", b -> b.campaignRepository(null)),
                unset("messageTemplates", b -> b.messageTemplates(null)),
                unset("preferenceRepository", b -> b.preferenceRepository(null)),
                unset("consentLog", b -> b.consentLog(null)),
                unset("pacer", b -> b.pacer(null)),
                unset("creditRepository", b -> b.creditRepository(null)),
                unset("orderRepository", b -> b.orderRepository(null)),
                unset("intakeFormRepository", b -> b.intakeFormRepository(null)),
                unset("paymentMethodRepository", b -> b.paymentMethodRepository(null)),
                unset("paymentGateway", b -> b.paymentGateway(null)),
                unset("membershipTypeRepository", b -> b.membershipTypeRepository(null)),
                unset("membershipRepository", b -> b.membershipRepository(null)),
                unset("issuanceLog", b -> b.issuanceLog(null)),
                unset("exportEncoder", b -> b.exportEncoder(null)),
                unset("clock", b -> b.clock(null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsetters")
    void a_builder_missing_one_port_is_refused_naming_exactly_that_port(
            String missing, UnaryOperator<Clientele.Builder> unset) {
        Clientele.Builder builder = unset.apply(InMemoryAdapters.create().installInto(Clientele.builder())
                .invitations(TestClientele.INVITATIONS));

        assertThatThrownBy(builder::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(missing)
                .satisfies(e -> assertThat(PORTS).filteredOn(port -> !port.equals(missing))
                        .noneMatch(port -> e.getMessage().contains(port)));
    }

    @Test
    void every_port_of_the_builder_is_covered_by_the_one_port_missing_cases() {
        assertThat(unsetters().map(arguments -> (String) arguments.get()[0]))
                .containsAll(PORTS)
                .contains("clock", "pacer", "exportEncoder");
    }

    @Test
    void a_fully_wired_builder_builds_a_clientele_whose_use_cases_work() {
        MutableClock clock = MutableClock.standard();
        InMemoryAdapters memory = InMemoryAdapters.create();

        Clientele clientele = memory.installInto(Clientele.builder()).clock(clock)
                .invitations(TestClientele.INVITATIONS).build();
        Client ana = clientele.clients().create(OWNER, STUDIO, ClientDetails.named("Ana", "López"));

        assertThat(clientele.clients().get(OWNER, STUDIO, ana.id()).details().name().fullName())
                .isEqualTo("Ana López");
        assertThat(memory.clients().contents()).isNotEmpty();
        assertThat(ana.createdAt()).isEqualTo(clock.instant());
    }

    @Test
    void a_photo_size_limit_below_one_byte_is_refused() {
        Clientele.Builder builder = Clientele.builder();

        assertThatThrownBy(() -> builder.photoMaxBytes(0))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("photoMaxBytes");
        assertThatThrownBy(() -> builder.photoMaxBytes(-1))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("photoMaxBytes");
    }

    @Test
    void the_photo_size_limit_reaches_the_photo_use_case() {
        Clientele clientele = InMemoryAdapters.create().installInto(Clientele.builder())
                .invitations(TestClientele.INVITATIONS).photoMaxBytes(1000).build();
        Client ana = clientele.clients().create(OWNER, STUDIO, ClientDetails.named("Ana", "López"));

        assertThat(clientele.photos().upload(OWNER, STUDIO, ana.id(), ana.version(),
                new ByteArrayInputStream(Images.pngOfSize(1000)))
                .photo().orElseThrow().type()).isEqualTo(ImageType.PNG);
        assertThatThrownBy(() -> clientele.photos().upload(OWNER, STUDIO, ana.id(), ana.version() + 1,
                new ByteArrayInputStream(Images.pngOfSize(1001))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("max_size");
    }

    private static Arguments unset(String port, UnaryOperator<Clientele.Builder> unsetter) {
        return Arguments.of(port, unsetter);
    }
}
