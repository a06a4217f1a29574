package io.clientele.client.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.model.Client;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConfigurationException;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Locks and unlocks profiles. While locked, the field groups of the tenant's {@link
 * io.clientele.client.model.LockPolicy} (by default personal details, photo and addresses) can only
 * be edited by staff holding {@link Permission#EDIT_LOCKED_CLIENTS}; labels, notes, groups and
 * the other sections stay open. Each call takes the client's version the staff member saw: a newer
 * stored version is a stale-version {@link io.clientele.common.ConflictException} (two staff
 * toggling the lock at once do not undo each other). Locking a locked profile (or unlocking an
 * unlocked one) at the current version changes nothing and is not audited. Requires {@link
 * Permission#LOCK_CLIENTS}. Stateless and thread-safe.
 */
public final class LockService {

    /** What the service needs. */
    public record Ports(
            ClientRepository clients,
            TenantSettingsProvider settings,
            AuditLog audit,
            EventPublisher events,
            TransactionRunner tx,
            Clock clock,
            Ids ids) {

        public Ports {
            ConfigurationException.requirePort(OWNER, "clients", clients);
            ConfigurationException.requirePort(OWNER, "settings", settings);
            ConfigurationException.requirePort(OWNER, "audit", audit);
            ConfigurationException.requirePort(OWNER, "events", events);
            ConfigurationException.requirePort(OWNER, "tx", tx);
            ConfigurationException.requirePort(OWNER, "clock", clock);
            ConfigurationException.requirePort(OWNER, "ids", ids);
        }
    }

    private static final String OWNER = "LockService.Ports";

    private final TransactionRunner tx;
    private final ClientGuard guard;
    private final ChangeRecorder changes;

    /** Builds the service on its ports; {@code Clientele} does this for hosts. */
    public LockService(Ports ports) {
        this.tx = ports.tx();
        this.guard = new ClientGuard(ports.clients(), ports.settings());
        this.changes = new ChangeRecorder(ports.clients(), ports.audit(), ports.events(), ports.clock(), ports.ids());
    }

    /** Locks the profile, seen by the staff member at {@code expectedVersion}. */
    public Client lock(Actor actor, TenantId tenant, ClientId id, long expectedVersion) {
        return setLocked(actor, tenant, id, expectedVersion, true);
    }

    /** Unlocks the profile, seen by the staff member at {@code expectedVersion}. */
    public Client unlock(Actor actor, TenantId tenant, ClientId id, long expectedVersion) {
        return setLocked(actor, tenant, id, expectedVersion, false);
    }

    private Client setLocked(Actor actor, TenantId tenant, ClientId id, long expectedVersion, boolean locked) {
        return tx.inTransaction(() -> {
            Client client = ClientGuard.requireVersion(
                    guard.write(actor, Permission.LOCK_CLIENTS, tenant, id, "its profile is read-only"),
                    expectedVersion);
            if (client.locked() == locked) {
                return client;
            }
            return changes.save(actor, client.withLocked(locked, changes.now()),
                    locked ? AuditAction.LOCKED : AuditAction.UNLOCKED,
                    List.of(FieldChange.plain("locked", Optional.of(!locked), Optional.of(locked))));
        });
    }
}
