package io.clientele.membership.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.port.AuditLog;
import io.clientele.common.Actor;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipEvents;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Records a membership's status change, whoever made it (staff through {@link MembershipService},
 * the job ending a membership, the erasure cancelling one): one audit entry on the member and one
 * {@link MembershipEvents.MembershipStatusChanged} event, in the caller's unit of work. Immutable
 * and thread-safe when its ports are.
 */
final class StatusChanges {

    private final AuditLog audit;
    private final EventPublisher events;
    private final Ids ids;

    StatusChanges(AuditLog audit, EventPublisher events, Ids ids) {
        this.audit = audit;
        this.events = events;
        this.ids = ids;
    }

    /** Audits and publishes the change from {@code before} to {@code after} by {@code actor}. */
    void record(Actor actor, Membership before, Membership after, Instant now) {
        AuditAction action = switch (after.status()) {
            case ACTIVE -> AuditAction.MEMBERSHIP_RESUMED;
            case PAUSED -> AuditAction.MEMBERSHIP_PAUSED;
            case CANCELLED -> AuditAction.MEMBERSHIP_CANCELLED;
            case ENDED -> AuditAction.MEMBERSHIP_ENDED;
        };
        // the type does not change; it is recorded so the entry says which membership it was
        audit.append(AuditEntry.of(ids.next(), after.tenantId(), after.clientId(), actor, action, now,
                List.of(FieldChange.plain("membership[" + after.id() + "].status", Optional.of(before.status()),
                                Optional.of(after.status())),
                        FieldChange.plain("membershipType", Optional.empty(), Optional.of(after.typeId())))));
        events.publish(new MembershipEvents.MembershipStatusChanged(after.tenantId(), after.clientId(), after.id(),
                before.status(), after.status(), now));
    }
}
