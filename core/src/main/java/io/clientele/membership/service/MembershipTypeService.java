package io.clientele.membership.service;

import io.clientele.common.Access;
import io.clientele.common.Actor;
import io.clientele.common.ConfigurationException;
import io.clientele.common.ConflictException;
import io.clientele.common.DisplayName;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.common.NotFoundException;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.common.Validate;
import io.clientele.membership.model.MembershipEvents;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.MembershipTypeId;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.membership.port.MembershipTypeRepository;
import java.time.Clock;
import java.util.List;

/**
 * The tenant's catalog of membership types. A type has a name unique per tenant
 * (case-insensitively), an enabled flag (new types are enabled) and a {@link RecurringCreditRule},
 * which never changes. Only enabled types can be added to a client ({@link MembershipService});
 * disabling a type leaves its running memberships as they are.
 *
 * <p>Changes need {@link Permission#MANAGE_MEMBERSHIPS}, staff only; they concern no client and are
 * not audited, but are published as {@link MembershipEvents}. Another tenant's type is answered as
 * not found. The listing runs in a read-only unit of work.
 *
 * <p>Stateless apart from its ports; thread-safe when they are.
 */
public final class MembershipTypeService {

    /** The ports the catalog needs. */
    public record Ports(
            MembershipTypeRepository types,
            EventPublisher events,
            TransactionRunner tx,
            Clock clock,
            Ids ids) {

        public Ports {
            ConfigurationException.requirePort("MembershipTypeService.Ports", "types", types);
            ConfigurationException.requirePort("MembershipTypeService.Ports", "events", events);
            ConfigurationException.requirePort("MembershipTypeService.Ports", "tx", tx);
            ConfigurationException.requirePort("MembershipTypeService.Ports", "clock", clock);
            ConfigurationException.requirePort("MembershipTypeService.Ports", "ids", ids);
        }
    }

    private final MembershipTypeRepository types;
    private final EventPublisher events;
    private final TransactionRunner tx;
    private final Clock clock;
    private final Ids ids;

    /** Builds the service on its ports; {@code Clientele} does this for hosts. */
    public MembershipTypeService(Ports ports) {
        Validate.notNull("ports", ports);
        this.types = ports.types();
        this.events = ports.events();
        this.tx = ports.tx();
        this.clock = ports.clock();
        this.ids = ports.ids();
    }

    /**
     * Adds an enabled type to the tenant's catalog. A name already used in the tenant (ignoring case)
     * is a {@link ConflictException} {@code DUPLICATE} on field {@code name}. Requires {@link
     * Permission#MANAGE_MEMBERSHIPS}, staff only.
     */
    public MembershipType createType(Actor actor, TenantId tenant, String name, RecurringCreditRule rule) {
        Access.requireStaff(actor, Permission.MANAGE_MEMBERSHIPS, tenant);
        DisplayName typeName = new DisplayName(name);
        Validate.notNull("rule", rule);
        return tx.inTransaction(() -> {
            MembershipType created = types.insert(MembershipType.create(new MembershipTypeId(ids.next()), tenant,
                    typeName, rule));
            events.publish(new MembershipEvents.MembershipTypeCreated(tenant, created.id(), clock.instant()));
            return created;
        });
    }

    /**
     * Renames a type; the same name changes nothing. A name used by another type of the tenant is a
     * {@link ConflictException} {@code DUPLICATE} on field {@code name}; a type changed since the
     * staff member saw it at {@code expectedVersion} is {@code STALE_VERSION}. Requires {@link
     * Permission#MANAGE_MEMBERSHIPS}, staff only.
     */
    public MembershipType renameType(Actor actor, TenantId tenant, MembershipTypeId typeId, long expectedVersion,
            String name) {
        Validate.notNull("typeId", typeId);
        Access.requireStaff(actor, Permission.MANAGE_MEMBERSHIPS, tenant, "membership type", typeId);
        DisplayName typeName = new DisplayName(name);
        return tx.inTransaction(() -> {
            MembershipType current = load(tenant, typeId);
            if (current.version() != expectedVersion) {
                throw ConflictException.staleVersion("membership type", typeId);
            }
            if (current.name().equals(typeName)) {
                return current;
            }
            MembershipType renamed = types.update(current.renamed(typeName));
            events.publish(new MembershipEvents.MembershipTypeRenamed(tenant, typeId, clock.instant()));
            return renamed;
        });
    }

    /**
     * Lets the type be added to clients again; an enabled type stays as it is. Requires {@link
     * Permission#MANAGE_MEMBERSHIPS}, staff only.
     */
    public MembershipType enableType(Actor actor, TenantId tenant, MembershipTypeId typeId) {
        return setEnabled(actor, tenant, typeId, true);
    }

    /**
     * Stops the type from being added to clients; memberships of it already running go on issuing
     * credits. A disabled type stays as it is. Requires {@link Permission#MANAGE_MEMBERSHIPS}, staff
     * only.
     */
    public MembershipType disableType(Actor actor, TenantId tenant, MembershipTypeId typeId) {
        return setEnabled(actor, tenant, typeId, false);
    }

    /**
     * Every type of the tenant, enabled or not, by name (a studio's catalog is short; it is not
     * paged). Requires {@link Permission#VIEW_CLIENTS} or {@link Permission#MANAGE_MEMBERSHIPS},
     * staff only. Read-only.
     */
    public List<MembershipType> listTypes(Actor actor, TenantId tenant) {
        Access.requireAnyStaff(actor, tenant, Permission.VIEW_CLIENTS, Permission.MANAGE_MEMBERSHIPS);
        return tx.inReadOnlyTransaction(() -> types.list(tenant));
    }

    private MembershipType setEnabled(Actor actor, TenantId tenant, MembershipTypeId typeId, boolean enabled) {
        Validate.notNull("typeId", typeId);
        Access.requireStaff(actor, Permission.MANAGE_MEMBERSHIPS, tenant, "membership type", typeId);
        return tx.inTransaction(() -> {
            MembershipType current = load(tenant, typeId);
            if (current.enabled() == enabled) {
                return current;
            }
            MembershipType changed = types.update(current.withEnabled(enabled));
            events.publish(new MembershipEvents.MembershipTypeEnabledChanged(tenant, typeId, enabled,
                    clock.instant()));
            return changed;
        });
    }

    private MembershipType load(TenantId tenant, MembershipTypeId id) {
        return types.find(tenant, id).orElseThrow(() -> new NotFoundException("membership type", id));
    }
}
