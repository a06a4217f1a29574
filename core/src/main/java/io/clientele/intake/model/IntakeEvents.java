package io.clientele.intake.model;

import io.clientele.common.ClientId;
import io.clientele.common.DomainEvent;
import io.clientele.common.TenantId;
import java.time.Instant;
import java.util.UUID;

/** Domain events of the intake context. They carry ids only, never form names or answers. */
public final class IntakeEvents {

    private IntakeEvents() {
    }

    /** An intake form submission was recorded for a client. */
    public record IntakeFormRecorded(TenantId tenantId, ClientId clientId, UUID submissionId, Instant occurredAt)
            implements DomainEvent {
    }
}
