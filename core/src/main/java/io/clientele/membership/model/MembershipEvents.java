package io.clientele.membership.model;

import io.clientele.common.ClientId;
import io.clientele.common.DomainEvent;
import io.clientele.common.MembershipId;
import io.clientele.common.TenantId;
import java.time.Instant;

/** Domain events of the membership context. They carry ids, never personal data. */
public final class MembershipEvents {

    private MembershipEvents() {
    }

    /** A membership type was added to the catalog. */
    public record MembershipTypeCreated(TenantId tenantId, MembershipTypeId typeId, Instant occurredAt) implements DomainEvent {
    }

    /** A membership type was renamed. */
    public record MembershipTypeRenamed(TenantId tenantId, MembershipTypeId typeId, Instant occurredAt) implements DomainEvent {
    }

    /** A membership type was enabled or disabled. */
    public record MembershipTypeEnabledChanged(TenantId tenantId, MembershipTypeId typeId, boolean enabled, Instant occurredAt)
            implements DomainEvent {
    }

    /** A client was given a membership. */
    public record MembershipAdded(TenantId tenantId, ClientId clientId, MembershipId membershipId, MembershipTypeId typeId,
            Instant occurredAt) implements DomainEvent {
    }

    /** A membership was paused, resumed, cancelled or ended. */
    public record MembershipStatusChanged(TenantId tenantId, ClientId clientId, MembershipId membershipId,
            MembershipStatus from, MembershipStatus to, Instant occurredAt) implements DomainEvent {
    }

    /** The credits of one period of a membership were issued. */
    public record MembershipCreditsIssued(TenantId tenantId, ClientId clientId, MembershipId membershipId, long periodIndex,
            int credits, Instant occurredAt) implements DomainEvent {
    }
}
