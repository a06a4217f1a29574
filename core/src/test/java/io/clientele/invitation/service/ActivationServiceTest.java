package io.clientele.invitation.service;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.client.model.Client;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.ValidationException;
import io.clientele.invitation.model.ActivationResult;
import io.clientele.invitation.model.InvitationEvents;
import io.clientele.invitation.model.Password;
import io.clientele.invitation.model.PreparedCredential;
import io.clientele.invitation.model.RawToken;
import io.clientele.invitation.model.TokenInspection;
import io.clientele.invitation.model.TokenPurpose;
import io.clientele.invitation.model.UnsubscribeResult;
import io.clientele.invitation.port.CredentialStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ActivationServiceTest {

    private static final String UNKNOWN_TOKEN = "A".repeat(43);

    private final ActivationKit kit = new ActivationKit();
    private final ActivationService service = kit.service;

    @Test
    void inspect_does_not_consume_the_link() {
        Client ana = kit.t.ana();
        RawToken link = kit.link(ana, TokenPurpose.ACTIVATION);

        for (int i = 0; i < 3; i++) {
            assertThat(service.inspect(TENANT, link.value())).isEqualTo(new TokenInspection.Valid(TENANT, ana.id(),
                    TokenPurpose.ACTIVATION, kit.t.clock.instant().plus(Duration.ofDays(14))));
        }

        assertThat(kit.stored(link).usedAt()).isEmpty();
        assertThat(service.activate(TENANT, link.value(), "a good password"))
                .isEqualTo(new ActivationResult.Activated(TENANT, ana.id(), TokenPurpose.ACTIVATION));
        assertThat(service.inspect(TENANT, link.value())).isInstanceOf(TokenInspection.AlreadyUsed.class);
    }

    @Test
    void inspect_answers_unknown_for_malformed_unknown_and_unsubscribe_tokens() {
        Client ana = kit.t.ana();
        RawToken unsubscribe = kit.link(ana, TokenPurpose.UNSUBSCRIBE);

        assertThat(service.inspect(TENANT, "")).isInstanceOf(TokenInspection.Unknown.class);
        assertThat(service.inspect(TENANT, "not a token")).isInstanceOf(TokenInspection.Unknown.class);
        assertThat(service.inspect(TENANT, UNKNOWN_TOKEN)).isInstanceOf(TokenInspection.Unknown.class);
        assertThat(service.inspect(TENANT, unsubscribe.value())).isInstanceOf(TokenInspection.Unknown.class);
        assertThat(service.activate(TENANT, unsubscribe.value(), "a good password"))
                .isInstanceOf(ActivationResult.Unknown.class);
        assertThat(service.activate(TENANT, UNKNOWN_TOKEN, "a good password"))
                .isInstanceOf(ActivationResult.Unknown.class);
        assertThat(kit.stored(unsubscribe).usedAt()).isEmpty();
    }

    @Test
    void inspect_with_another_tenants_id_answers_unknown_like_an_unknown_token() {
        Client ana = kit.accepted(kit.t.ana());
        RawToken used = kit.link(ana, TokenPurpose.PASSWORD_RESET);
        assertThat(service.activate(TENANT, used.value(), "a good password"))
                .isInstanceOf(ActivationResult.Activated.class);
        RawToken expired = kit.link(ana, TokenPurpose.PASSWORD_RESET);
        kit.t.clock.advance(Duration.ofHours(2));
        RawToken reset = kit.link(ana, TokenPurpose.PASSWORD_RESET);
        RawToken activation = kit.link(kit.bo(), TokenPurpose.ACTIVATION);
        TokenInspection unknown = service.inspect(OTHER_TENANT, UNKNOWN_TOKEN);

        assertThat(unknown).isInstanceOf(TokenInspection.Unknown.class);
        // valid, used and expired links of studio A all look unknown to studio B: nothing to enumerate
        assertThat(service.inspect(OTHER_TENANT, activation.value())).isEqualTo(unknown);
        assertThat(service.inspect(OTHER_TENANT, reset.value())).isEqualTo(unknown);
        assertThat(service.inspect(OTHER_TENANT, used.value())).isEqualTo(unknown);
        assertThat(service.inspect(OTHER_TENANT, expired.value())).isEqualTo(unknown);
        assertThat(service.inspect(TENANT, activation.value())).isInstanceOf(TokenInspection.Valid.class);
        assertThat(service.inspect(TENANT, reset.value())).isInstanceOf(TokenInspection.Valid.class);
        assertThat(service.inspect(TENANT, used.value())).isInstanceOf(TokenInspection.AlreadyUsed.class);
        assertThat(service.inspect(TENANT, expired.value())).isInstanceOf(TokenInspection.Expired.class);
    }

    @Test
    void activate_with_another_tenants_id_answers_unknown_and_the_link_stays_usable_in_its_own_tenant() {
        Client ana = kit.invited(kit.t.ana());
        RawToken link = kit.link(ana, TokenPurpose.ACTIVATION);
        int auditBefore = kit.t.auditTrail(TENANT).size();

        assertThat(service.activate(OTHER_TENANT, link.value(), "a good password"))
                .isEqualTo(service.activate(OTHER_TENANT, UNKNOWN_TOKEN, "a good password"))
                .isInstanceOf(ActivationResult.Unknown.class);

        assertThat(kit.stored(link).usedAt()).isEmpty();
        assertThat(kit.stored(link).revokedAt()).isEmpty();
        assertThat(kit.t.reload(ana.id()).invitationStatus()).isEqualTo(InvitationStatus.INVITED);
        assertThat(kit.storedHash(TENANT, ana.id())).isEmpty();
        assertThat(kit.storedHash(OTHER_TENANT, ana.id())).isEmpty();
        assertThat(kit.t.auditTrail(TENANT)).hasSize(auditBefore);
        assertThat(kit.t.auditTrail(OTHER_TENANT)).isEmpty();
        assertThat(kit.t.memory.events().events(InvitationEvents.InvitationAccepted.class)).isEmpty();
        assertThat(service.inspect(TENANT, link.value())).isInstanceOf(TokenInspection.Valid.class);
        assertThat(service.activate(TENANT, link.value(), "a good password"))
                .isEqualTo(new ActivationResult.Activated(TENANT, ana.id(), TokenPurpose.ACTIVATION));
        assertThat(kit.verifies(ana.id(), "a good password")).isTrue();
    }

    @Test
    void activate_with_another_tenants_id_answers_unknown_for_reset_expired_and_used_links_too() {
        Client ana = kit.accepted(kit.t.ana());
        RawToken reset = kit.link(ana, TokenPurpose.PASSWORD_RESET);

        assertThat(service.activate(OTHER_TENANT, reset.value(), "a good password"))
                .isInstanceOf(ActivationResult.Unknown.class);
        assertThat(kit.verifies(ana.id(), ActivationKit.FIRST_PASSWORD)).isTrue();
        assertThat(service.activate(TENANT, reset.value(), "a good password"))
                .isInstanceOf(ActivationResult.Activated.class);
        assertThat(service.activate(OTHER_TENANT, reset.value(), "a good password"))
                .as("used").isInstanceOf(ActivationResult.Unknown.class);

        RawToken expiring = kit.link(ana, TokenPurpose.PASSWORD_RESET);
        kit.t.clock.advance(Duration.ofHours(2));
        assertThat(service.activate(OTHER_TENANT, expiring.value(), "a good password"))
                .as("expired").isInstanceOf(ActivationResult.Unknown.class);
        assertThat(service.activate(TENANT, expiring.value(), "a good password"))
                .isEqualTo(new ActivationResult.Expired(TENANT, ana.id(), TokenPurpose.PASSWORD_RESET));
    }

    @Test
    void each_tenants_links_work_in_that_tenant_only() {
        Client ana = kit.t.ana();
        Client fay = kit.t.clientele.clients().create(OTHER_OWNER, OTHER_TENANT,
                ClientDetails.named("Fay", "Other").withEmail("fay.other@example.com"));
        RawToken anas = kit.link(ana, TokenPurpose.ACTIVATION);
        RawToken fays = kit.link(fay, TokenPurpose.ACTIVATION);

        assertThat(service.inspect(TENANT, fays.value())).isInstanceOf(TokenInspection.Unknown.class);
        assertThat(service.activate(TENANT, fays.value(), "a good password"))
                .isInstanceOf(ActivationResult.Unknown.class);

        assertThat(service.activate(OTHER_TENANT, fays.value(), "a good password"))
                .isEqualTo(new ActivationResult.Activated(OTHER_TENANT, fay.id(), TokenPurpose.ACTIVATION));
        assertThat(service.activate(TENANT, anas.value(), "a good password"))
                .isEqualTo(new ActivationResult.Activated(TENANT, ana.id(), TokenPurpose.ACTIVATION));
    }

    @Test
    void expiry_follows_the_injected_clock() {
        Client ana = kit.t.ana();
        RawToken link = kit.link(ana, TokenPurpose.ACTIVATION);

        kit.t.clock.advance(Duration.ofDays(14).minusSeconds(1));
        assertThat(service.inspect(TENANT, link.value())).isInstanceOf(TokenInspection.Valid.class);

        kit.t.clock.advance(Duration.ofSeconds(1));
        assertThat(service.inspect(TENANT, link.value()))
                .isEqualTo(new TokenInspection.Expired(TENANT, ana.id(), TokenPurpose.ACTIVATION));
        assertThat(service.activate(TENANT, link.value(), "a good password"))
                .isEqualTo(new ActivationResult.Expired(TENANT, ana.id(), TokenPurpose.ACTIVATION));
        assertThat(kit.stored(link).usedAt()).isEmpty();
        assertThat(kit.t.reload(ana.id()).invitationStatus()).isEqualTo(InvitationStatus.ADDED);
    }

    @Test
    void a_password_reset_link_lives_one_hour() {
        Client ana = kit.accepted(kit.t.ana());
        RawToken reset = kit.link(ana, TokenPurpose.PASSWORD_RESET);

        kit.t.clock.advance(Duration.ofMinutes(59));
        assertThat(service.inspect(TENANT, reset.value())).isInstanceOf(TokenInspection.Valid.class);
        kit.t.clock.advance(Duration.ofMinutes(1));
        assertThat(service.inspect(TENANT, reset.value()))
                .isEqualTo(new TokenInspection.Expired(TENANT, ana.id(), TokenPurpose.PASSWORD_RESET));
    }

    @Test
    void resend_keeps_the_first_link_valid() {
        Client ana = kit.t.ana();
        RawToken first = kit.link(ana, TokenPurpose.ACTIVATION);
        kit.t.clock.advance(Duration.ofDays(2));
        RawToken second = kit.link(ana, TokenPurpose.ACTIVATION);

        assertThat(service.inspect(TENANT, first.value())).isInstanceOf(TokenInspection.Valid.class);
        assertThat(service.inspect(TENANT, second.value())).isInstanceOf(TokenInspection.Valid.class);
        assertThat(service.activate(TENANT, first.value(), "a good password"))
                .isInstanceOf(ActivationResult.Activated.class);
    }

    @Test
    void activation_accepts_the_client_sets_the_password_audits_and_publishes() {
        Client ana = kit.invited(kit.t.ana());
        RawToken link = kit.link(ana, TokenPurpose.ACTIVATION);

        ActivationResult result = service.activate(TENANT, link.value(), "my new password");

        assertThat(result).isEqualTo(new ActivationResult.Activated(TENANT, ana.id(), TokenPurpose.ACTIVATION));
        assertThat(kit.t.reload(ana.id()).invitationStatus()).isEqualTo(InvitationStatus.ACCEPTED);
        assertThat(kit.verifies(ana.id(), "my new password")).isTrue();
        assertThat(kit.stored(link).usedAt()).contains(kit.t.clock.instant());
        AuditEntry accepted = lastAudit(AuditAction.INVITATION_ACCEPTED);
        assertThat(accepted.actor()).isEqualTo("client:" + ana.id().value());
        assertThat(accepted.clientId()).isEqualTo(ana.id());
        assertThat(accepted.changes()).containsExactly(
                new FieldChange("invitationStatus", Optional.of("INVITED"), Optional.of("ACCEPTED")));
        assertThat(kit.t.memory.events().events(InvitationEvents.InvitationAccepted.class))
                .containsExactly(new InvitationEvents.InvitationAccepted(TENANT, ana.id(), kit.t.clock.instant()));
    }

    @Test
    void a_link_used_before_the_client_was_marked_invited_still_accepts_them() {
        Client ana = kit.t.ana();
        RawToken link = kit.link(ana, TokenPurpose.ACTIVATION);

        assertThat(service.activate(TENANT, link.value(), "my new password"))
                .isInstanceOf(ActivationResult.Activated.class);

        assertThat(kit.t.reload(ana.id()).invitationStatus()).isEqualTo(InvitationStatus.ACCEPTED);
        assertThat(lastAudit(AuditAction.INVITATION_ACCEPTED).changes()).containsExactly(
                new FieldChange("invitationStatus", Optional.of("ADDED"), Optional.of("ACCEPTED")));
    }

    @Test
    void acceptance_revokes_every_other_activation_and_reset_link_but_not_unsubscribe_links() {
        Client ana = kit.t.ana();
        RawToken used = kit.link(ana, TokenPurpose.ACTIVATION);
        RawToken otherActivation = kit.link(ana, TokenPurpose.ACTIVATION);
        RawToken reset = kit.link(ana, TokenPurpose.PASSWORD_RESET);
        RawToken unsubscribe = kit.link(ana, TokenPurpose.UNSUBSCRIBE);
        Client bo = kit.bo();
        RawToken bosLink = kit.link(bo, TokenPurpose.ACTIVATION);

        assertThat(service.activate(TENANT, used.value(), "my new password"))
                .isInstanceOf(ActivationResult.Activated.class);

        assertThat(service.inspect(TENANT, otherActivation.value())).isInstanceOf(TokenInspection.AlreadyUsed.class);
        assertThat(service.inspect(TENANT, reset.value())).isInstanceOf(TokenInspection.AlreadyUsed.class);
        assertThat(kit.stored(otherActivation).revokedAt()).isPresent();
        assertThat(kit.stored(reset).revokedAt()).isPresent();
        assertThat(kit.stored(unsubscribe).revokedAt()).isEmpty();
        assertThat(service.unsubscribe(TENANT, unsubscribe.value()))
                .isInstanceOf(UnsubscribeResult.Unsubscribed.class);
        assertThat(service.inspect(TENANT, bosLink.value())).isInstanceOf(TokenInspection.Valid.class);
    }

    @Test
    void an_accepted_clients_activation_link_is_already_used_and_keeps_the_password() {
        Client ana = kit.accepted(kit.t.ana());
        RawToken late = kit.link(ana, TokenPurpose.ACTIVATION);

        assertThat(service.activate(TENANT, late.value(), "someone else's password"))
                .isInstanceOf(ActivationResult.AlreadyUsed.class);

        assertThat(kit.verifies(ana.id(), ActivationKit.FIRST_PASSWORD)).isTrue();
        assertThat(kit.verifies(ana.id(), "someone else's password")).isFalse();
    }

    @Test
    void an_erased_clients_link_is_unknown() {
        Client ana = kit.t.ana();
        RawToken link = kit.link(ana, TokenPurpose.ACTIVATION);
        kit.t.write(s -> s.clients().update(ana.erase(kit.t.clock.instant())));

        assertThat(service.activate(TENANT, link.value(), "my new password"))
                .isInstanceOf(ActivationResult.Unknown.class);

        assertThat(kit.storedHash(TENANT, ana.id())).isEmpty();
        assertThat(kit.t.memory.events().events(InvitationEvents.InvitationAccepted.class)).isEmpty();
    }

    static Stream<Arguments> passwords() {
        String emoji = "\uD83D\uDE00"; // one code point, two UTF-16 chars
        return Stream.of(
                Arguments.of("7 characters", "x".repeat(7), "min_length"),
                Arguments.of("8 characters", "x".repeat(8), null),
                Arguments.of("128 characters", "x".repeat(128), null),
                Arguments.of("129 characters", "x".repeat(129), "max_length"),
                Arguments.of("7 emoji (14 chars)", emoji.repeat(7), "min_length"),
                Arguments.of("8 emoji", emoji.repeat(8), null),
                Arguments.of("128 emoji (256 chars)", emoji.repeat(128), null),
                Arguments.of("129 emoji", emoji.repeat(129), "max_length"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("passwords")
    void passwords_follow_nist_lengths_counted_in_code_points(String name, String password, String refusedRule) {
        Client ana = kit.t.ana();
        RawToken link = kit.link(ana, TokenPurpose.ACTIVATION);

        if (refusedRule == null) {
            assertThat(service.activate(TENANT, link.value(), password)).isInstanceOf(ActivationResult.Activated.class);
            assertThat(kit.verifies(ana.id(), password)).isTrue();
        } else {
            assertThatThrownBy(() -> service.activate(TENANT, link.value(), password))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.field()).isEqualTo("password");
                        assertThat(e.rule()).isEqualTo(refusedRule);
                        assertThat(e.getMessage()).doesNotContain(password);
                    });
            assertThat(service.inspect(TENANT, link.value())).isInstanceOf(TokenInspection.Valid.class);
        }
    }

    @Test
    void a_refused_password_changes_nothing_and_leaves_the_link_usable() {
        Client ana = kit.t.ana();
        RawToken link = kit.link(ana, TokenPurpose.ACTIVATION);
        int auditBefore = kit.t.auditTrail(TENANT).size();

        assertThatThrownBy(() -> service.activate(TENANT, link.value(), "short"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("password"));

        assertThat(kit.stored(link).usedAt()).isEmpty();
        assertThat(kit.t.reload(ana.id()).invitationStatus()).isEqualTo(InvitationStatus.ADDED);
        assertThat(kit.storedHash(TENANT, ana.id())).isEmpty();
        assertThat(kit.t.auditTrail(TENANT)).hasSize(auditBefore);
        assertThat(service.activate(TENANT, link.value(), "long enough now"))
                .isInstanceOf(ActivationResult.Activated.class);
    }

    @Test
    void a_failing_credential_store_rolls_back_the_consumption_and_the_acceptance() {
        AtomicBoolean down = new AtomicBoolean(true);
        ActivationKit failing = new ActivationKit(store -> new CredentialStore() {
            @Override
            public PreparedCredential prepare(Password password) {
                return store.prepare(password);
            }

            @Override
            public void setPassword(TenantId tenant, ClientId client, PreparedCredential password) {
                if (down.get()) {
                    throw new IllegalStateException("identity system unavailable");
                }
                store.setPassword(tenant, client, password);
            }

            @Override
            public void remove(TenantId tenant, ClientId client) {
                store.remove(tenant, client);
            }
        });
        Client ana = failing.t.ana();
        RawToken link = failing.link(ana, TokenPurpose.ACTIVATION);
        RawToken other = failing.link(ana, TokenPurpose.ACTIVATION);

        assertThatThrownBy(() -> failing.service.activate(TENANT, link.value(), "my new password"))
                .isInstanceOf(IllegalStateException.class);

        assertThat(failing.service.inspect(TENANT, link.value())).isInstanceOf(TokenInspection.Valid.class);
        assertThat(failing.service.inspect(TENANT, other.value())).isInstanceOf(TokenInspection.Valid.class);
        assertThat(failing.t.reload(ana.id()).invitationStatus()).isEqualTo(InvitationStatus.ADDED);
        assertThat(failing.t.auditTrail(TENANT))
                .noneMatch(e -> e.action() == AuditAction.INVITATION_ACCEPTED);
        assertThat(failing.t.memory.events().events(InvitationEvents.InvitationAccepted.class)).isEmpty();

        down.set(false);
        assertThat(failing.service.activate(TENANT, link.value(), "my new password"))
                .isInstanceOf(ActivationResult.Activated.class);
        assertThat(failing.verifies(ana.id(), "my new password")).isTrue();
    }

    private AuditEntry lastAudit(AuditAction action) {
        List<AuditEntry> entries = kit.t.auditTrail(TENANT).stream().filter(e -> e.action() == action)
                .toList();
        assertThat(entries).isNotEmpty();
        return entries.get(entries.size() - 1);
    }
}
