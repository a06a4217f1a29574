package io.clientele.common;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access check every use case makes before touching data.
 *
 * <ol>
 *   <li><b>Tenant.</b> {@link Actor.Staff} act only for their own tenant. A call that names another
 *       tenant answers {@link NotFoundException} for what it names, exactly as an unknown id of that
 *       kind does ({@code client <id> not found}, {@code note <id> not found}; a call that names no
 *       object, such as a list, answers {@code tenant <id> not found}), so nothing about another
 *       tenant's data can be learned. It is logged as a denial.</li>
 *   <li><b>Kind of actor.</b> {@link Actor.ClientSelf} may only view or edit its own profile
 *       (personal details, photo, addresses), never use staff tools ({@code requireStaff}).</li>
 *   <li><b>Permission.</b> Staff need the permission; {@link Actor.SystemActor} (jobs the host runs)
 *       is trusted.</li>
 * </ol>
 *
 * <p>A denial is logged (actor description, permission, tenant; never personal data) and thrown as
 * {@link AccessDeniedException}. Stateless and thread-safe.
 */
public final class Access {

    private static final Logger LOG = LoggerFactory.getLogger(Access.class);
    private static final Set<Permission> SELF_SERVICE = Set.of(Permission.VIEW_CLIENTS, Permission.EDIT_CLIENTS);

    private Access() {
    }

    /** Requires {@code permission} for an action that names no object (a list, a creation). */
    public static void require(Actor actor, Permission permission, TenantId tenant) {
        check(actor, permission, tenant, Optional.empty(), false, () -> new NotFoundException("tenant", tenant));
    }

    /** Requires {@code permission} for an action on the client {@code subject}. */
    public static void require(Actor actor, Permission permission, TenantId tenant, ClientId subject) {
        Validate.notNull("clientId", subject);
        check(actor, permission, tenant, Optional.of(subject), false, () -> new NotFoundException("client", subject));
    }

    /**
     * Requires {@code permission} for an action on another kind of object ({@code resource} with
     * {@code id}, for example an order); a client acting for themself is denied. The caller has
     * already checked that {@code id} is present.
     */
    public static void require(Actor actor, Permission permission, TenantId tenant, String resource, Object id) {
        check(actor, permission, tenant, Optional.empty(), false, () -> new NotFoundException(resource, id));
    }

    /**
     * Requires {@code permission} for a staff tool that names no object: like {@link
     * #require(Actor, Permission, TenantId)}, but a client acting for themself is always denied.
     */
    public static void requireStaff(Actor actor, Permission permission, TenantId tenant) {
        check(actor, permission, tenant, Optional.empty(), true, () -> new NotFoundException("tenant", tenant));
    }

    /** Requires {@code permission} for a staff tool used on the client {@code subject} (never the client themself). */
    public static void requireStaff(Actor actor, Permission permission, TenantId tenant, ClientId subject) {
        Validate.notNull("clientId", subject);
        check(actor, permission, tenant, Optional.empty(), true, () -> new NotFoundException("client", subject));
    }

    /** Requires {@code permission} for a staff tool used on {@code resource} {@code id} (never the client themself). */
    public static void requireStaff(Actor actor, Permission permission, TenantId tenant, String resource, Object id) {
        check(actor, permission, tenant, Optional.empty(), true, () -> new NotFoundException(resource, id));
    }

    /**
     * Requires staff holding at least one of {@code permissions} (or the system), for a staff tool
     * that names no object; a client acting for themself is denied.
     */
    public static void requireAnyStaff(Actor actor, TenantId tenant, Permission first, Permission second) {
        Validate.notNull("actor", actor);
        requireStaff(actor, actor.has(second) ? second : first, tenant);
    }

    /** Like {@link #requireAnyStaff(Actor, TenantId, Permission, Permission)}, for a tool used on the client {@code subject}. */
    public static void requireAnyStaff(Actor actor, TenantId tenant, ClientId subject, Permission first,
            Permission second) {
        Validate.notNull("actor", actor);
        requireStaff(actor, actor.has(second) ? second : first, tenant, subject);
    }

    /** Throws the denial for an actor who holds the permission in general but not in this case. */
    public static AccessDeniedException deny(Actor actor, Permission permission, TenantId tenant, String why) {
        LOG.warn("access denied: actor={} permission={} tenant={} reason={}", actor.describe(), permission, tenant,
                why);
        return new AccessDeniedException(permission, why);
    }

    private static void check(Actor actor, Permission permission, TenantId tenant, Optional<ClientId> subject,
            boolean staffOnly, Supplier<NotFoundException> notFound) {
        Validate.notNull("actor", actor);
        Validate.notNull("tenantId", tenant);
        if (!actor.actsFor(tenant)) {
            // answered as if nothing existed there: another tenant's ids cannot be probed
            LOG.warn("access denied: actor={} permission={} tenant={} reason=acts for another tenant ({})",
                    actor.describe(), permission, tenant, ((Actor.Staff) actor).tenantId());
            throw notFound.get();
        }
        if (staffOnly && actor instanceof Actor.ClientSelf) {
            throw deny(actor, permission, tenant, "staff only");
        }
        boolean allowed;
        if (actor instanceof Actor.Staff staff) {
            allowed = staff.has(permission);
        } else if (actor instanceof Actor.ClientSelf self) {
            allowed = SELF_SERVICE.contains(permission)
                    && subject.map(s -> s.equals(self.clientId())).orElse(false);
        } else {
            allowed = true;
        }
        if (!allowed) {
            LOG.warn("access denied: actor={} permission={} tenant={}", actor.describe(), permission, tenant);
            throw new AccessDeniedException(permission, actor.describe() + " may not do this");
        }
    }
}
