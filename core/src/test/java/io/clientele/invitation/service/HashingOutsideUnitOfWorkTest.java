package io.clientele.invitation.service;

import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.client.model.InvitationStatus;
import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.ValidationException;
import io.clientele.invitation.model.ActivationResult;
import io.clientele.invitation.model.Password;
import io.clientele.invitation.model.PreparedCredential;
import io.clientele.invitation.model.RawToken;
import io.clientele.invitation.model.TokenInspection;
import io.clientele.invitation.model.TokenPurpose;
import io.clientele.invitation.port.CredentialStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Regression tests of issue 7, point 20: Argon2id hashing (tens of milliseconds by design) ran
 * inside the activation's unit of work, holding the transaction and the client's lock. The
 * credential store is wrapped to see, on the calling thread, whether a unit of work is open.
 */
class HashingOutsideUnitOfWorkTest {

    /** One call to the credential store: which, whether a unit of work was open, whether the link was used yet. */
    private record Call(String method, boolean inUnitOfWork, boolean linkUsed) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicBoolean hashingFails = new AtomicBoolean();
    private RawToken watched;
    private final ActivationKit kit = new ActivationKit(this::watching);

    @Test
    @Tag("in-memory")
    void passwords_are_hashed_outside_the_unit_of_work() {
        Client ana = kit.invited(kit.t.ana());
        watched = kit.link(ana, TokenPurpose.ACTIVATION);

        assertThat(kit.service.activate(TENANT, watched.value(), "a fine new password"))
                .isInstanceOf(ActivationResult.Activated.class);

        assertThat(calls).containsExactly(new Call("prepare", false, false), new Call("setPassword", true, true));
        assertThat(kit.verifies(ana.id(), "a fine new password")).isTrue();
        assertThat(kit.t.reload(ana.id()).invitationStatus()).isEqualTo(InvitationStatus.ACCEPTED);
    }

    @Test
    @Tag("in-memory")
    void a_password_reset_hashes_outside_the_unit_of_work_too() {
        Client ana = kit.accepted(kit.t.ana());
        calls.clear();
        watched = kit.link(ana, TokenPurpose.PASSWORD_RESET);

        assertThat(kit.service.activate(TENANT, watched.value(), "another new password"))
                .isInstanceOf(ActivationResult.Activated.class);

        assertThat(calls).containsExactly(new Call("prepare", false, false), new Call("setPassword", true, true));
        assertThat(kit.verifies(ana.id(), "another new password")).isTrue();
    }

    @Test
    void a_bogus_token_costs_no_hash() {
        Client ana = kit.invited(kit.t.ana());
        RawToken used = kit.link(ana, TokenPurpose.ACTIVATION);
        RawToken revoked = kit.link(ana, TokenPurpose.ACTIVATION);
        RawToken expiring = kit.link(ana, TokenPurpose.PASSWORD_RESET);
        RawToken unsubscribe = kit.link(ana, TokenPurpose.UNSUBSCRIBE);
        kit.t.write(s -> s.tokens().consume(TENANT, used.hash(), kit.t.clock.instant()));
        kit.t.change(s -> s.tokens().revoke(TENANT, revoked.hash(), kit.t.clock.instant()));
        kit.t.clock.advance(Duration.ofHours(2));

        List<String> bogus = List.of("not-a-token", "A".repeat(43), used.value(), revoked.value(), expiring.value(),
                unsubscribe.value());
        for (String token : bogus) {
            assertThat(kit.service.activate(TENANT, token, "a fine new password")).as(token)
                    .isNotInstanceOf(ActivationResult.Activated.class);
        }
        RawToken live = kit.link(ana, TokenPurpose.ACTIVATION);
        assertThat(kit.service.activate(OTHER_TENANT, live.value(), "a fine new password"))
                .isInstanceOf(ActivationResult.Unknown.class);

        assertThat(calls).isEmpty();
    }

    @Test
    void a_refused_password_costs_no_hash_and_leaves_the_link_usable() {
        Client ana = kit.invited(kit.t.ana());
        RawToken link = kit.link(ana, TokenPurpose.ACTIVATION);

        assertThatThrownBy(() -> kit.service.activate(TENANT, link.value(), "short"))
                .isInstanceOf(ValidationException.class);

        assertThat(calls).isEmpty();
        assertThat(kit.service.inspect(TENANT, link.value())).isInstanceOf(TokenInspection.Valid.class);
    }

    @Test
    void hashing_that_fails_leaves_the_link_usable_and_the_client_unchanged() {
        Client ana = kit.invited(kit.t.ana());
        RawToken link = kit.link(ana, TokenPurpose.ACTIVATION);
        hashingFails.set(true);

        assertThatThrownBy(() -> kit.service.activate(TENANT, link.value(), "a fine new password"))
                .isInstanceOf(IllegalStateException.class);

        assertThat(kit.service.inspect(TENANT, link.value())).isInstanceOf(TokenInspection.Valid.class);
        assertThat(kit.t.reload(ana.id()).invitationStatus()).isEqualTo(InvitationStatus.INVITED);
        hashingFails.set(false);
        assertThat(kit.service.activate(TENANT, link.value(), "a fine new password"))
                .isInstanceOf(ActivationResult.Activated.class);
    }

    private CredentialStore watching(CredentialStore store) {
        return new CredentialStore() {
            @Override
            public PreparedCredential prepare(Password password) {
                calls.add(new Call("prepare", inUnitOfWork(), linkUsed()));
                if (hashingFails.get()) {
                    throw new IllegalStateException("hashing failed");
                }
                return store.prepare(password);
            }

            @Override
            public void setPassword(TenantId tenant, ClientId client, PreparedCredential credential) {
                calls.add(new Call("setPassword", inUnitOfWork(), linkUsed()));
                store.setPassword(tenant, client, credential);
            }

            @Override
            public void remove(TenantId tenant, ClientId client) {
                store.remove(tenant, client);
            }
        };
    }

    private boolean inUnitOfWork() {
        return kit.t.memory.transactions().inTransaction();
    }

    private boolean linkUsed() {
        return watched != null && kit.stored(watched).usedAt().isPresent();
    }
}
