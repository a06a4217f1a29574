package io.clientele.credit.model;

import io.clientele.common.ClientId;
import io.clientele.common.DomainEvent;
import io.clientele.common.TenantId;
import java.time.Instant;

/** Domain events of the credit context. They carry ids only. */
public final class CreditEvents {

    private CreditEvents() {
    }

    /** A credit was issued (by hand, by a membership, or by an order). */
    public record CreditIssued(TenantId tenantId, ClientId clientId, CreditId creditId, CreditSource.Kind source,
            Instant occurredAt) implements DomainEvent {
    }

    /** A credit changed state. */
    public record CreditChanged(TenantId tenantId, ClientId clientId, CreditId creditId, CreditState from,
            CreditState to, Instant occurredAt) implements DomainEvent {
    }
}
