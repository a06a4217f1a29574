package io.clientele.invitation.service;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.NotFoundException;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.invitation.model.InviteOutcome;
import io.clientele.invitation.model.SkipReason;
import io.clientele.testing.TestClientele;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Regression tests of issue 8, point 8 ("one shared guard"): inviting a client, previewing their
 * invitation and sending them a password reset each checked the permission, found the client in
 * the tenant or answered not-found, locked it and refused an erased one by hand. They now pass
 * {@code ClientGuard}; callers get the same answers as before for every way in which the gate
 * refuses, and the client's row lock is taken by the uses that write and by no read.
 */
class InvitationClientGateTest {

    private final TestClientele t = new TestClientele();
    private final InvitationServices services = InvitationFixture.services(t,
            InvitationFixture.ports(t, InvitationFixture.CONFIG, InviteKit.noCredentials(), InviteKit.TEMPLATES));
    private final List<String> locks = new CopyOnWriteArrayList<>();

    /** A use case of the invitation context that passes the client gate. */
    interface UseCase {
        Object call(InvitationServices services, Actor actor, TenantId tenant, ClientId client);
    }

    static Stream<Arguments> useCases() {
        return Stream.of(
                Arguments.of("invite", (UseCase) (s, actor, tenant, client) -> s.invitations().invite(actor, tenant,
                        client)),
                Arguments.of("preview", (UseCase) (s, actor, tenant, client) -> s.invitations().preview(actor,
                        tenant, client)),
                Arguments.of("requestPasswordReset", (UseCase) (s, actor, tenant, client) -> {
                    s.activation().requestPasswordReset(actor, tenant, client);
                    return "requested";
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("useCases")
    void an_unknown_client_or_one_of_another_tenant_is_not_found_whoever_asks(String name, UseCase useCase) {
        Client ana = accepted(t.ana());
        Client foreign = accepted(t.clientele.clients().create(OTHER_OWNER, OTHER_TENANT,
                ClientDetails.named("Fo", "Reign").withEmail("fo.reign@example.com")));

        assertThatThrownBy(() -> useCase.call(services, OWNER, TENANT, new ClientId(UUID.randomUUID())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> useCase.call(services, OWNER, TENANT, foreign.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> useCase.call(services, OTHER_OWNER, OTHER_TENANT, ana.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> useCase.call(services, OTHER_OWNER, TENANT, ana.id()))
                .as("staff of another tenant naming this one").isInstanceOf(NotFoundException.class);
        assertThat(t.allOutboxMessages()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("useCases")
    void staff_without_the_invite_permission_and_the_client_themself_are_denied(String name, UseCase useCase) {
        Client ana = accepted(t.ana());

        assertThatThrownBy(() -> useCase.call(services, VIEWER, TENANT, ana.id()))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> useCase.call(services,
                TestClientele.staffWithout("no-invite", Permission.INVITE_CLIENTS), TENANT, ana.id()))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> useCase.call(services, new Actor.ClientSelf(ana.id()), TENANT, ana.id()))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(t.allOutboxMessages()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("useCases")
    @Tag("in-memory")
    void only_the_uses_that_write_take_the_clients_row_lock(String name, UseCase useCase) {
        Client ana = accepted(t.ana());
        t.memory.transactions().onLockAcquired(key -> locks.add(key.toString()));

        useCase.call(services, OWNER, TENANT, ana.id());

        if (name.equals("preview")) {
            assertThat(locks).as("a preview only reads").isEmpty();
        } else {
            assertThat(locks).as("the client's lock, first").isNotEmpty()
                    .first().asString().contains(ana.id().value().toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("useCases")
    void an_erased_client_is_skipped_by_an_invite_and_its_preview_and_refused_a_password_reset(String name,
            UseCase useCase) {
        Client ana = t.write(s -> s.clients().update(accepted(t.ana()).erase(t.clock.instant())));

        if (name.equals("requestPasswordReset")) {
            assertThatThrownBy(() -> useCase.call(services, OWNER, TENANT, ana.id()))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE));
        } else {
            Object answer = useCase.call(services, OWNER, TENANT, ana.id());
            assertThat(answer).isIn(new InviteOutcome.Skipped(ana.id(), SkipReason.ERASED),
                    new InvitationPreview.Skipped(ana.id(), SkipReason.ERASED));
        }
        assertThat(t.allOutboxMessages()).isEmpty();
    }

    /** The client, with an activated account (a reset needs one; an invite skips it as accepted). */
    private Client accepted(Client client) {
        return t.write(s -> s.clients().update(client.accept(t.clock.instant())));
    }
}
