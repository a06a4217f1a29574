package io.clientele.invitation.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.model.Client;
import io.clientele.client.port.EmailChangeParticipant;
import io.clientele.client.port.ErasureParticipant;
import io.clientele.common.ClientId;
import io.clientele.common.Ids;
import io.clientele.common.TenantId;
import io.clientele.invitation.port.CampaignRepository;
import io.clientele.invitation.port.CredentialStore;
import io.clientele.invitation.port.TokenRepository;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.port.MailOutbox;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What the client context's erasure and change of email address do in the invitation context:
 * both run in the client context's unit of work, under the client's lock. Stateless apart from its
 * ports; thread-safe.
 */
final class InvitationParticipants {

    private final TokenRepository tokens;
    private final CredentialStore credentials;
    private final MailOutbox outbox;
    private final CampaignRepository campaigns;
    private final AuditLog audit;
    private final Ids ids;
    private final Clock clock;

    InvitationParticipants(InvitationServices.Ports ports) {
        this.tokens = ports.tokens();
        this.credentials = ports.credentials();
        this.outbox = ports.outbox();
        this.campaigns = ports.campaigns();
        this.audit = ports.audit();
        this.ids = ports.ids();
        this.clock = ports.clock();
    }

    /**
     * Forgets what the invitation context holds about an erased client: live links are revoked,
     * credentials removed, pending mails cancelled and every mail's recipient and text blanked, and
     * so are the "forgot password" requests for the client's address, which name no client yet
     * (found with the client as it was before anonymization); the custom message of every campaign
     * aimed at the client by id is dropped.
     */
    ErasureParticipant eraser() {
        return new ErasureParticipant() {
            @Override
            public void erase(TenantId tenant, ClientId client) {
                tokens.revokeAll(tenant, client, clock.instant());
                credentials.remove(tenant, client);
                outbox.anonymize(tenant, client);
                campaigns.dropCustomMessagesTargeting(tenant, client);
            }

            @Override
            public void erase(Client before) {
                erase(before.tenantId(), before.id());
                before.details().email()
                        .ifPresent(email -> outbox.anonymizeRequests(before.tenantId(), email.value()));
            }
        };
    }

    /**
     * What a change of a client's email address does in this context, in the edit's unit of work
     * and under the client's lock: every live link of the client is revoked, unsubscribe links
     * included (whoever holds the old mailbox is not necessarily the client, and the client's
     * opt-out stays recorded), pending invitation and reset mails are cancelled, and, when anything
     * was, a {@code LINKS_REVOKED} audit entry by the editor records how many (counts only). A mail
     * the dispatcher has already rendered is stopped too: its row is cancelled, so recording its
     * result revokes its links.
     */
    EmailChangeParticipant emailChangeParticipant() {
        return (actor, before, after) -> {
            TenantId tenant = after.tenantId();
            ClientId client = after.id();
            int links = tokens.revokeAll(tenant, client, clock.instant());
            int invitations = outbox.cancelPending(tenant, client, MailKind.INVITATION);
            int resets = outbox.cancelPending(tenant, client, MailKind.PASSWORD_RESET);
            if (links + invitations + resets > 0) {
                audit.append(AuditEntry.of(ids.next(), tenant, client, actor, AuditAction.LINKS_REVOKED,
                        clock.instant(), List.of(
                                FieldChange.plain("liveLinks", Optional.of(links), Optional.of(0)),
                                FieldChange.plain("pendingInvitations", Optional.of(invitations), Optional.of(0)),
                                FieldChange.plain("pendingPasswordResets", Optional.of(resets), Optional.of(0)))));
            }
        };
    }
}
