package io.clientele.invitation.service;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.Actor;
import io.clientele.common.ConflictException;
import io.clientele.common.NotFoundException;
import io.clientele.common.Permission;
import io.clientele.common.ValidationException;
import io.clientele.invitation.model.ActivationResult;
import io.clientele.invitation.model.InvitationEvents;
import io.clientele.invitation.model.RawToken;
import io.clientele.invitation.model.TokenInspection;
import io.clientele.invitation.model.TokenPurpose;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.mail.model.OutboxStatus;
import io.clientele.mail.model.RenderedMail;
import io.clientele.testing.TestClientele;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class PasswordResetTest {

    /** What a raw token looks like: 43 base64url characters. */
    private static final Pattern TOKEN_LIKE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final ActivationKit kit = new ActivationKit();
    private final ActivationService service = kit.service;

    @Test
    void staff_request_queues_a_reset_mail_without_any_token() {
        Client ana = kit.accepted(kit.t.ana());

        service.requestPasswordReset(MANAGER, TENANT, ana.id());

        List<OutboxMessage> mails = resetMails(ana);
        assertThat(mails).hasSize(1);
        OutboxMessage mail = mails.get(0);
        assertThat(mail.status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(mail.recipient()).isEqualTo("ana.lopez@example.com");
        assertThat(mail.subject()).isEqualTo("Reset your password");
        assertThat(mail.message()).isEqualTo("Use the link below.");
        assertThat(mail.campaignId()).isEmpty();
        assertThat(List.of(mail.recipient(), mail.subject(), mail.message()))
                .noneMatch(text -> TOKEN_LIKE.matcher(text).find());
        assertThat(kit.t.allIssuedTokens())
                .noneMatch(t -> t.purpose() == TokenPurpose.PASSWORD_RESET);
        AuditEntry requested = lastAudit(AuditAction.PASSWORD_RESET_REQUESTED);
        assertThat(requested.actor()).isEqualTo("staff:manager-1");
        assertThat(requested.clientId()).isEqualTo(ana.id());
        assertThat(kit.t.memory.events().events(InvitationEvents.PasswordResetRequested.class))
                .containsExactly(new InvitationEvents.PasswordResetRequested(TENANT, ana.id(), kit.t.clock.instant()));
    }

    @Test
    void a_reset_link_sets_a_new_password_and_revokes_the_other_reset_links() {
        Client ana = kit.accepted(kit.t.ana());
        RawToken older = kit.link(ana, TokenPurpose.PASSWORD_RESET);
        RawToken reset = kit.link(ana, TokenPurpose.PASSWORD_RESET);
        RawToken unsubscribe = kit.link(ana, TokenPurpose.UNSUBSCRIBE);

        assertThat(service.inspect(TENANT, reset.value())).isInstanceOf(TokenInspection.Valid.class);
        ActivationResult result = service.activate(TENANT, reset.value(), "a brand new secret");

        assertThat(result).isEqualTo(new ActivationResult.Activated(TENANT, ana.id(), TokenPurpose.PASSWORD_RESET));
        assertThat(kit.verifies(ana.id(), "a brand new secret")).isTrue();
        assertThat(kit.verifies(ana.id(), ActivationKit.FIRST_PASSWORD)).isFalse();
        assertThat(service.inspect(TENANT, reset.value())).isInstanceOf(TokenInspection.AlreadyUsed.class);
        assertThat(service.inspect(TENANT, older.value())).isInstanceOf(TokenInspection.AlreadyUsed.class);
        assertThat(kit.stored(unsubscribe).revokedAt()).isEmpty();
        assertThat(lastAudit(AuditAction.PASSWORD_RESET).actor()).isEqualTo("client:" + ana.id().value());
        assertThat(kit.t.memory.events().events(InvitationEvents.PasswordReset.class))
                .containsExactly(new InvitationEvents.PasswordReset(TENANT, ana.id(), kit.t.clock.instant()));
    }

    @Test
    void a_reset_link_of_a_client_without_an_account_sets_nothing() {
        Client ana = kit.t.ana();
        RawToken reset = kit.link(ana, TokenPurpose.PASSWORD_RESET);

        assertThat(service.activate(TENANT, reset.value(), "a brand new secret"))
                .isInstanceOf(ActivationResult.Unknown.class);

        assertThat(kit.storedHash(TENANT, ana.id())).isEmpty();
        assertThat(kit.t.reload(ana.id()).invitationStatus()).isEqualTo(ana.invitationStatus());
    }

    @Test
    void requesting_a_reset_needs_the_invite_permission_and_staff() {
        Client ana = kit.accepted(kit.t.ana());

        assertDenied(() -> service.requestPasswordReset(VIEWER, TENANT, ana.id()));
        assertDenied(() -> service.requestPasswordReset(
                TestClientele.staffWithout("no-invite", Permission.INVITE_CLIENTS), TENANT, ana.id()));
        assertDenied(() -> service.requestPasswordReset(new Actor.ClientSelf(ana.id()), TENANT, ana.id()));

        assertThat(resetMails(ana)).isEmpty();
    }

    @Test
    void a_client_of_another_tenant_is_not_found() {
        Client ana = kit.accepted(kit.t.ana());

        assertThatThrownBy(() -> service.requestPasswordReset(OTHER_OWNER, OTHER_TENANT, ana.id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(resetMails(ana)).isEmpty();
    }

    @Test
    void only_clients_with_an_account_and_a_deliverable_address_can_be_sent_a_reset() {
        Client added = kit.t.ana();
        Client invited = kit.invited(kit.bo());
        Client noEmail = kit.noEmail();
        assertIllegalState(() -> service.requestPasswordReset(MANAGER, TENANT, added.id()));
        assertIllegalState(() -> service.requestPasswordReset(MANAGER, TENANT, invited.id()));
        assertIllegalState(() -> service.requestPasswordReset(MANAGER, TENANT, noEmail.id()));

        Client rejected = kit.accepted(added);
        kit.t.write(s -> s.clients().update(rejected.withEmailRejected(kit.t.clock.instant())));
        assertIllegalState(() -> service.requestPasswordReset(MANAGER, TENANT, rejected.id()));

        Client erased = kit.accepted(invited);
        kit.t.write(s -> s.clients().update(erased.erase(kit.t.clock.instant())));
        assertIllegalState(() -> service.requestPasswordReset(MANAGER, TENANT, erased.id()));

        assertThat(kit.t.allOutboxMessages()).isEmpty();
    }

    @Test
    void forgot_password_answers_the_same_for_known_and_unknown_addresses() {
        Client ana = kit.accepted(kit.t.ana());

        service.forgotPassword(TENANT, "ana.lopez@example.com");
        service.forgotPassword(TENANT, "nobody@example.com");
        service.forgotPassword(OTHER_TENANT, "ana.lopez@example.com");
        DispatchReport report = kit.dispatcher.dispatchAll();

        assertThat(report).isEqualTo(new DispatchReport(3, 1, 0, 0, 2));
        assertThat(kit.sender.delivered()).extracting(RenderedMail::to).containsExactly("ana.lopez@example.com");
        assertThat(resetMails(ana)).singleElement().satisfies(mail -> {
            assertThat(mail.tenantId()).isEqualTo(TENANT);
            assertThat(mail.status()).isEqualTo(OutboxStatus.SENT);
        });
        assertThat(lastAudit(AuditAction.PASSWORD_RESET_REQUESTED).actor()).isEqualTo("system:forgot-password");
    }

    @Test
    void forgot_password_matches_the_address_case_insensitively() {
        Client ana = kit.accepted(kit.t.ana());

        service.forgotPassword(TENANT, "  Ana.Lopez@EXAMPLE.com ");
        kit.dispatcher.dispatchAll();

        assertThat(resetMails(ana)).hasSize(1);
        assertThat(kit.sender.delivered()).hasSize(1);
    }

    @Test
    void forgot_password_sends_at_most_one_mail_per_client_every_five_minutes() {
        kit.accepted(kit.t.ana());

        forgotAndDispatch("ana.lopez@example.com");
        forgotAndDispatch("ana.lopez@example.com");
        kit.t.clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        forgotAndDispatch("ana.lopez@example.com");
        assertThat(kit.sender.deliveredTo("ana.lopez@example.com")).hasSize(1);

        kit.t.clock.advance(Duration.ofSeconds(1));
        forgotAndDispatch("ana.lopez@example.com");
        assertThat(kit.sender.deliveredTo("ana.lopez@example.com")).hasSize(2);
    }

    @Test
    void forgot_password_sends_nothing_to_unknown_erased_not_activated_or_bounced_addresses() {
        kit.t.ana();
        Client erased = kit.accepted(kit.bo());
        kit.t.write(s -> s.clients().update(erased.erase(kit.t.clock.instant())));
        Client bounced = kit.accepted(kit.t.create(ClientDetails.named("Di", "Bounce").withEmail("di@example.com")));
        kit.t.write(s -> s.clients().update(bounced.withEmailRejected(kit.t.clock.instant())));
        int auditBefore = kit.t.auditTrail(TENANT).size();

        List.of("ana.lopez@example.com", "bo.berg@example.com", "di@example.com", "nobody@example.com")
                .forEach(address -> service.forgotPassword(TENANT, address));
        DispatchReport report = kit.dispatcher.dispatchAll();

        assertThat(report).isEqualTo(new DispatchReport(4, 0, 0, 0, 4));
        assertThat(kit.sender.mails()).isEmpty();
        assertThat(kit.t.allOutboxMessages()).hasSize(4).allSatisfy(m -> {
            assertThat(m.status()).isEqualTo(OutboxStatus.CANCELLED);
            assertThat(m.recipient()).as("the address typed is not kept").isEmpty();
            assertThat(m.clientId()).isEmpty();
        });
        assertThat(kit.t.allIssuedTokens())
                .noneMatch(t -> t.purpose() == TokenPurpose.PASSWORD_RESET);
        assertThat(kit.t.auditTrail(TENANT)).hasSize(auditBefore);
        assertThat(kit.t.memory.events().events(InvitationEvents.PasswordResetRequested.class)).isEmpty();
    }

    @Test
    void forgot_password_refuses_a_malformed_address() {
        assertThatThrownBy(() -> service.forgotPassword(TENANT, "not-an-address"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("email"));
    }

    @Test
    void a_staff_reset_is_not_held_back_by_the_forgot_password_interval() {
        Client ana = kit.accepted(kit.t.ana());
        forgotAndDispatch("ana.lopez@example.com");

        service.requestPasswordReset(MANAGER, TENANT, ana.id());

        assertThat(resetMails(ana)).hasSize(2);
        assertThat(resetMails(ana)).map(OutboxMessage::campaignId).containsOnly(Optional.empty());
    }

    private void forgotAndDispatch(String address) {
        service.forgotPassword(TENANT, address);
        kit.dispatcher.dispatchAll();
    }

    private List<OutboxMessage> resetMails(Client client) {
        return kit.t.read(s -> s.outbox().listForClient(client.tenantId(), client.id())).stream()
                .filter(m -> m.kind() == MailKind.PASSWORD_RESET).toList();
    }

    private AuditEntry lastAudit(AuditAction action) {
        List<AuditEntry> entries = kit.t.auditTrail(TENANT).stream().filter(e -> e.action() == action)
                .toList();
        assertThat(entries).isNotEmpty();
        return entries.get(entries.size() - 1);
    }

    private static void assertDenied(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(AccessDeniedException.class);
    }

    private static void assertIllegalState(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE));
    }
}
