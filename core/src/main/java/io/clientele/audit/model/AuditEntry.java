package io.clientele.audit.model;

import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One append-only audit record: on which client, by which actor (its
 * {@link io.clientele.common.Actor#describe() description}), what action, when, and the
 * field-level changes with personal data masked. Ids are UUIDv7, so id order is time order.
 *
 * <p>Immutable and thread-safe.
 */
public record AuditEntry(
        UUID id,
        TenantId tenantId,
        ClientId clientId,
        String actor,
        AuditAction action,
        Instant occurredAt,
        List<FieldChange> changes) {

    public AuditEntry {
        Validate.notNull("id", id);
        Validate.notNull("tenantId", tenantId);
        Validate.notNull("clientId", clientId);
        Validate.notBlank("actor", actor);
        Validate.notNull("action", action);
        Validate.notNull("occurredAt", occurredAt);
        changes = List.copyOf(changes);
    }

    /**
     * This entry as it reads once its client is erased: every {@linkplain FieldChange#personal()
     * personal} value replaced by {@value FieldChange#ERASED}; actor, action, time and field names
     * stay.
     */
    public AuditEntry erased() {
        return new AuditEntry(id, tenantId, clientId, actor, action, occurredAt,
                changes.stream().map(FieldChange::erased).toList());
    }

    /** An entry by {@code actor}, keeping only the changes whose values differ. */
    public static AuditEntry of(UUID id, TenantId tenant, ClientId client, Actor actor, AuditAction action,
            Instant at, List<FieldChange> changes) {
        return new AuditEntry(id, tenant, client, actor.describe(), action, at,
                changes.stream().filter(FieldChange::changed).toList());
    }
}
