package io.clientele.client.model;

import io.clientele.common.ClientId;
import io.clientele.common.DomainEvent;
import io.clientele.common.TenantId;
import java.time.Instant;

/**
 * Domain events of the client context. They carry ids only, never personal data.
 */
public final class ClientEvents {

    private ClientEvents() {
    }

    /** A client was created. */
    public record ClientCreated(TenantId tenantId, ClientId clientId, Instant occurredAt) implements DomainEvent {
    }

    /** A client's profile changed; {@code change} names the audit action, for example {@code DETAILS_CHANGED}. */
    public record ClientUpdated(TenantId tenantId, ClientId clientId, String change, Instant occurredAt)
            implements DomainEvent {
    }

    /** A client was erased (anonymized). */
    public record ClientErased(TenantId tenantId, ClientId clientId, Instant occurredAt) implements DomainEvent {
    }
}
