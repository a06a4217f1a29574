package io.clientele.common;

import java.time.Instant;

/**
 * Something that happened in the domain, published to the {@link EventPublisher} after the use
 * case's unit of work. Events carry ids, never personal data, so a host can forward them to a
 * message bus without widening where personal data lives.
 */
public interface DomainEvent {

    /** The tenant the event belongs to. */
    TenantId tenantId();

    /** When it happened, from the injected clock. */
    Instant occurredAt();
}
