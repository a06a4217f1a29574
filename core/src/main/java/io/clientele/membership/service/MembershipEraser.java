package io.clientele.membership.service;

import io.clientele.audit.port.AuditLog;
import io.clientele.client.port.ErasureParticipant;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConfigurationException;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import io.clientele.membership.model.Membership;
import io.clientele.membership.port.MembershipRepository;
import java.time.Clock;
import java.time.Instant;

/**
 * The membership context's part of an erasure: the client's running memberships are cancelled (by
 * {@link #ERASURE_ACTOR}, audited {@code MEMBERSHIP_CANCELLED} on the member), so no credits are
 * issued to an erased client; memberships hold no personal data and stay. It runs in the
 * erasure's unit of work, under the client's lock the erasure took. {@code Clientele} registers it
 * with its erasure participants; a host wiring the services by hand does the same. Idempotent;
 * stateless apart from its ports and thread-safe when they are.
 */
public final class MembershipEraser implements ErasureParticipant {

    /** The actor that cancels the memberships of an erased client. */
    public static final Actor.SystemActor ERASURE_ACTOR = new Actor.SystemActor("membership-erasure");

    /** The ports the eraser needs. */
    public record Ports(
            MembershipRepository memberships,
            AuditLog audit,
            EventPublisher events,
            Clock clock,
            Ids ids) {

        public Ports {
            ConfigurationException.requirePort("MembershipEraser.Ports", "memberships", memberships);
            ConfigurationException.requirePort("MembershipEraser.Ports", "audit", audit);
            ConfigurationException.requirePort("MembershipEraser.Ports", "events", events);
            ConfigurationException.requirePort("MembershipEraser.Ports", "clock", clock);
            ConfigurationException.requirePort("MembershipEraser.Ports", "ids", ids);
        }
    }

    private final MembershipRepository memberships;
    private final Clock clock;
    private final StatusChanges statusChanges;

    /** Builds the eraser on its ports; {@code Clientele} does this for hosts. */
    public MembershipEraser(Ports ports) {
        Validate.notNull("ports", ports);
        this.memberships = ports.memberships();
        this.clock = ports.clock();
        this.statusChanges = new StatusChanges(ports.audit(), ports.events(), ports.ids());
    }

    /** Cancels every running membership of the client; cancelled and ended ones stay as they are. */
    @Override
    public void erase(TenantId tenant, ClientId client) {
        Instant now = clock.instant();
        for (Membership m : memberships.listForClient(tenant, client)) {
            if (m.status().isRunning()) {
                Membership cancelled = memberships.update(m.cancel(ERASURE_ACTOR.describe(), now));
                statusChanges.record(ERASURE_ACTOR, m, cancelled, now);
            }
        }
    }
}
