package io.clientele.consent.model;

import io.clientele.common.ClientId;
import io.clientele.common.DomainEvent;
import io.clientele.common.TenantId;
import java.time.Instant;
import java.util.UUID;

/**
 * Domain events of the consent context. They carry ids only: never the decision's IP address or
 * user agent, nor anything else about the client.
 */
public final class ConsentEvents {

    private ConsentEvents() {
    }

    /** A consent record was appended; read it from the consent history by {@code recordId}. */
    public record ConsentRecorded(TenantId tenantId, ClientId clientId, PreferenceId preferenceId, UUID recordId,
            Instant occurredAt) implements DomainEvent {
    }

    /** The tenant defined a new marketing preference (at version 1). */
    public record PreferenceDefined(TenantId tenantId, PreferenceId preferenceId, Instant occurredAt) implements DomainEvent {
    }

    /** The wording of a marketing preference changed; {@code version} is the new version. */
    public record PreferenceWordingChanged(TenantId tenantId, PreferenceId preferenceId, int version, Instant occurredAt)
            implements DomainEvent {
    }
}
