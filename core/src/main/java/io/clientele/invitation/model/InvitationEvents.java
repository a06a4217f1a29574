package io.clientele.invitation.model;

import io.clientele.common.CampaignId;
import io.clientele.common.ClientId;
import io.clientele.common.DomainEvent;
import io.clientele.common.TenantId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Domain events of the invitation context. They carry ids only, never personal data or tokens. */
public final class InvitationEvents {

    private InvitationEvents() {
    }

    /** An invitation mail was put in the outbox, individually or by a campaign. */
    public record InvitationEnqueued(TenantId tenantId, ClientId clientId, Optional<CampaignId> campaignId,
            Instant occurredAt) implements DomainEvent {
    }

    /** An invitation mail was handed to the mail provider; the client is {@code INVITED}. */
    public record InvitationSent(TenantId tenantId, ClientId clientId, UUID outboxMessageId, Instant occurredAt)
            implements DomainEvent {
    }

    /** The client activated their account; the client is {@code ACCEPTED}. */
    public record InvitationAccepted(TenantId tenantId, ClientId clientId, Instant occurredAt) implements DomainEvent {
    }

    /** The mail provider refused the client's address for good. */
    public record EmailRejected(TenantId tenantId, ClientId clientId, Instant occurredAt) implements DomainEvent {
    }

    /**
     * A password-reset mail was put in the outbox for the client: by staff, or by the dispatcher
     * when it matched a "forgot password" request to the client.
     */
    public record PasswordResetRequested(TenantId tenantId, ClientId clientId, Instant occurredAt)
            implements DomainEvent {
    }

    /** The client set a new password through a reset link. */
    public record PasswordReset(TenantId tenantId, ClientId clientId, Instant occurredAt) implements DomainEvent {
    }

    /** The client unsubscribed from invitations. */
    public record UnsubscribedFromInvitations(TenantId tenantId, ClientId clientId, Instant occurredAt)
            implements DomainEvent {
    }
}
