package io.clientele.client.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.FieldChange;
import io.clientele.client.model.Client;
import io.clientele.common.Access;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
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

    private final ClientOperations ops;

    LockService(ClientOperations ops) {
        this.ops = ops;
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
        Access.require(actor, Permission.LOCK_CLIENTS, tenant, id);
        return ops.inTransaction(() -> {
            Client client = ops.requireVersion(ops.lockActive(tenant, id), expectedVersion);
            if (client.locked() == locked) {
                return client;
            }
            return ops.save(actor, client.withLocked(locked, ops.now()),
                    locked ? AuditAction.LOCKED : AuditAction.UNLOCKED,
                    List.of(FieldChange.plain("locked", Optional.of(!locked), Optional.of(locked))));
        });
    }
}
