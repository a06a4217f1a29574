package io.clientele.common;

import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The permission check every use case makes before touching data. {@link Actor.Staff} needs the
 * permission; {@link Actor.ClientSelf} may only view or edit its own profile (personal details,
 * photo, addresses), never use staff tools ({@link #requireStaff}); {@link
 * Actor.SystemActor} (jobs the host runs) is trusted. A denial is logged (actor description,
 * permission, tenant; never personal data) and thrown as {@link AccessDeniedException}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Access {

    private static final Logger LOG = LoggerFactory.getLogger(Access.class);
    private static final Set<Permission> SELF_SERVICE = Set.of(Permission.VIEW_CLIENTS, Permission.EDIT_CLIENTS);

    private Access() {
    }

    /** Requires {@code permission} for an action that concerns no single client. */
    public static void require(Actor actor, Permission permission, TenantId tenant) {
        require(actor, permission, tenant, Optional.empty());
    }

    /** Requires {@code permission} for an action on {@code subject}. */
    public static void require(Actor actor, Permission permission, TenantId tenant, ClientId subject) {
        require(actor, permission, tenant, Optional.of(Validate.notNull("clientId", subject)));
    }

    private static void require(Actor actor, Permission permission, TenantId tenant, Optional<ClientId> subject) {
        Validate.notNull("actor", actor);
        Validate.notNull("tenantId", tenant);
        boolean allowed;
        if (actor instanceof Actor.Staff staff) {
            allowed = staff.has(permission);
        } else if (actor instanceof Actor.ClientSelf self) {
            allowed = SELF_SERVICE.contains(permission)
                    && subject.map(s -> s.value().equals(self.clientId())).orElse(false);
        } else {
            allowed = true;
        }
        if (!allowed) {
            LOG.warn("access denied: actor={} permission={} tenant={}", actor.describe(), permission, tenant);
            throw new AccessDeniedException(permission, actor.describe() + " may not do this");
        }
    }

    /**
     * Requires {@code permission} for a staff tool (labels, groups, notes, passes, locks): like
     * {@link #require(Actor, Permission, TenantId)}, but a client acting for themself is always
     * denied, even on their own profile.
     */
    public static void requireStaff(Actor actor, Permission permission, TenantId tenant) {
        Validate.notNull("actor", actor);
        if (actor instanceof Actor.ClientSelf) {
            throw deny(actor, permission, tenant, "staff only");
        }
        require(actor, permission, tenant, Optional.empty());
    }

    /** Throws the denial for an actor who holds the permission in general but not in this case. */
    public static AccessDeniedException deny(Actor actor, Permission permission, TenantId tenant, String why) {
        LOG.warn("access denied: actor={} permission={} tenant={} reason={}", actor.describe(), permission, tenant,
                why);
        return new AccessDeniedException(permission, why);
    }
}
