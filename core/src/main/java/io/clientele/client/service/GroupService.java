package io.clientele.client.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientEvents;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.GroupId;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.GroupRepository;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.common.Access;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConfigurationException;
import io.clientele.common.ConflictException;
import io.clientele.common.CursorSeal;
import io.clientele.common.DisplayName;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.common.NotFoundException;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.common.Validate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Named static client groups: create, rename, delete, list, and add or remove members. Group
 * names are unique per tenant, case-insensitively ({@link ConflictException} {@code DUPLICATE}
 * on field {@code name}). Deleting a group removes every member, each with an audit entry and a
 * {@code ClientUpdated} event. Membership stays editable on locked profiles; erased clients
 * cannot join. Changes require {@link Permission#EDIT_CLIENTS}, listing {@link
 * Permission#VIEW_CLIENTS}.
 *
 * <p>Adding or removing a member locks the group ({@link GroupRepository#findForShare}), then the
 * client; a delete locks the group (its conditional delete), then each member. A delete and a
 * member change of one group therefore run one after the other, in either order, and no client
 * is ever left in a group that no longer exists. Stateless and thread-safe.
 */
public final class GroupService {

    /** What the service needs: its ports and the seal of its list cursors. */
    public record Ports(
            ClientRepository clients,
            TenantSettingsProvider settings,
            GroupRepository groups,
            AuditLog audit,
            EventPublisher events,
            TransactionRunner tx,
            Clock clock,
            Ids ids,
            CursorSeal cursors) {

        public Ports {
            ConfigurationException.requirePort(OWNER, "clients", clients);
            ConfigurationException.requirePort(OWNER, "settings", settings);
            ConfigurationException.requirePort(OWNER, "groups", groups);
            ConfigurationException.requirePort(OWNER, "audit", audit);
            ConfigurationException.requirePort(OWNER, "events", events);
            ConfigurationException.requirePort(OWNER, "tx", tx);
            ConfigurationException.requirePort(OWNER, "clock", clock);
            ConfigurationException.requirePort(OWNER, "ids", ids);
            ConfigurationException.requirePort(OWNER, "cursors", cursors);
        }
    }

    private static final String OWNER = "GroupService.Ports";

    private final ClientRepository clients;
    private final GroupRepository groups;
    private final TransactionRunner tx;
    private final Ids ids;
    private final CursorSeal cursors;
    private final ClientGuard guard;
    private final ChangeRecorder changes;

    /** Builds the service on its ports; {@code Clientele} does this for hosts. */
    public GroupService(Ports ports) {
        this.clients = ports.clients();
        this.groups = ports.groups();
        this.tx = ports.tx();
        this.ids = ports.ids();
        this.cursors = ports.cursors();
        this.guard = new ClientGuard(ports.clients(), ports.settings());
        this.changes = new ChangeRecorder(ports.clients(), ports.audit(), ports.events(), ports.clock(), ports.ids());
    }

    /** Creates a group. */
    public ClientGroup create(Actor actor, TenantId tenant, String name) {
        Access.requireStaff(actor, Permission.EDIT_CLIENTS, tenant);
        DisplayName displayName = new DisplayName(name);
        return tx.inTransaction(() -> groups.insert(
                new ClientGroup(new GroupId(ids.next()), tenant, displayName, changes.now(), 0)));
    }

    /**
     * Renames a group. {@code expectedVersion} is the version the staff member saw; a newer one is
     * a stale-version {@link ConflictException}.
     */
    public ClientGroup rename(Actor actor, TenantId tenant, GroupId id, long expectedVersion, String newName) {
        Validate.notNull("groupId", id);
        Access.requireStaff(actor, Permission.EDIT_CLIENTS, tenant, "group", id);
        DisplayName displayName = new DisplayName(newName);
        return tx.inTransaction(() -> groups.update(load(tenant, id, expectedVersion).renamed(displayName)));
    }

    /**
     * Deletes a group and removes its members from it. {@code expectedVersion} is the version the
     * staff member saw (a group renamed meanwhile is not deleted: stale-version {@link
     * ConflictException}).
     */
    public void delete(Actor actor, TenantId tenant, GroupId id, long expectedVersion) {
        Validate.notNull("groupId", id);
        Access.requireStaff(actor, Permission.EDIT_CLIENTS, tenant, "group", id);
        tx.run(() -> {
            ClientGroup group = load(tenant, id, expectedVersion);
            // the group's lock (with its version check) before any client's: member changes hold
            // it while they lock their client, so none can join once the members are rewritten
            if (!groups.delete(tenant, id, expectedVersion)) {
                throw new NotFoundException("group", id);
            }
            for (ClientId client : clients.removeGroupFromAll(tenant, id, changes.now())) {
                changes.publish(new ClientEvents.ClientUpdated(tenant, client, AuditAction.GROUP_LEFT.name(),
                        changes.now()));
                changes.record(actor, tenant, client, AuditAction.GROUP_LEFT, List.of(
                        new FieldChange("group", Optional.of(group.name().value()), Optional.empty())));
            }
        });
    }

    /** Every group of the tenant, sorted by name. */
    public List<ClientGroup> list(Actor actor, TenantId tenant) {
        Access.requireStaff(actor, Permission.VIEW_CLIENTS, tenant);
        return tx.inReadOnlyTransaction(() -> groups.list(tenant));
    }

    /**
     * Adds a client to a group; adding a member changes nothing. The client comes first, then the
     * group, as in {@link LabelService#assign}.
     *
     * @return the client as stored (its new version, or as it was when nothing changed)
     */
    public Client addMember(Actor actor, TenantId tenant, ClientId clientId, GroupId groupId) {
        return setMember(actor, tenant, clientId, groupId, true);
    }

    /**
     * Removes a client from a group; removing a non-member changes nothing.
     *
     * @return the client as stored (its new version, or as it was when nothing changed)
     */
    public Client removeMember(Actor actor, TenantId tenant, ClientId clientId, GroupId groupId) {
        return setMember(actor, tenant, clientId, groupId, false);
    }

    private Client setMember(Actor actor, TenantId tenant, ClientId clientId, GroupId groupId, boolean member) {
        Validate.notNull("clientId", clientId);
        Validate.notNull("groupId", groupId);
        Access.requireStaff(actor, Permission.EDIT_CLIENTS, tenant, clientId);
        return tx.inTransaction(() -> {
            // the group's lock before the client's (the lock order): a delete that holds it has
            // removed every member by the time this gets it, and this then finds it gone
            ClientGroup group = groups.findForShare(tenant, groupId)
                    .orElseThrow(() -> new NotFoundException("group", groupId));
            Client client = guard.writeAsStaff(actor, Permission.EDIT_CLIENTS, tenant, clientId,
                    "its groups are read-only");
            if (client.groups().contains(groupId) == member) {
                return client;
            }
            Optional<String> name = Optional.of(group.name().value());
            return changes.save(actor, client.withGroup(groupId, member, changes.now()),
                    member ? AuditAction.GROUP_JOINED : AuditAction.GROUP_LEFT,
                    List.of(member ? new FieldChange("group", Optional.empty(), name)
                            : new FieldChange("group", name, Optional.empty())));
        });
    }

    private ClientGroup load(TenantId tenant, GroupId id) {
        return groups.find(tenant, id).orElseThrow(() -> new NotFoundException("group", id));
    }

    private ClientGroup load(TenantId tenant, GroupId id, long expectedVersion) {
        ClientGroup group = load(tenant, id);
        if (group.version() != expectedVersion) {
            throw ConflictException.staleVersion("group", id);
        }
        return group;
    }
}
