package io.clientele.client.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.ClientSummary;
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
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.common.Validate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Named static client groups: create, rename, delete, list, list members, and add or remove
 * members. Group names are unique per tenant, case-insensitively ({@link ConflictException} {@code
 * DUPLICATE} on field {@code name}). Deleting a group removes every member, each with an audit
 * entry and a {@code ClientUpdated} event, in chunks of short units of work (see {@link #delete}).
 * Membership stays editable on locked profiles; erased clients cannot join. Changes require {@link
 * Permission#EDIT_CLIENTS}, listing {@link Permission#VIEW_CLIENTS}; all are staff tools.
 *
 * <p>Adding or removing a member locks the group ({@link GroupRepository#findForShare}), then the
 * client; a delete locks the group in its own unit of work (its conditional delete), and only once
 * that committed locks the members, chunk by chunk in id order. A delete and a member change of one
 * group therefore run one after the other, in either order: a client who joined first is removed by
 * the delete's chunks, one who tries after finds no group. Stateless and thread-safe.
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
    private final ChunkedRemoval removal;

    /**
     * Builds the service on its ports; {@code Clientele} does this for hosts. A delete takes the
     * group off at most {@code chunkSize} clients per unit of work (1 to 10,000).
     */
    public GroupService(Ports ports, int chunkSize) {
        this.clients = ports.clients();
        this.groups = ports.groups();
        this.tx = ports.tx();
        this.ids = ports.ids();
        this.cursors = ports.cursors();
        this.guard = new ClientGuard(ports.clients(), ports.settings());
        this.changes = new ChangeRecorder(ports.clients(), ports.audit(), ports.events(), ports.clock(), ports.ids());
        this.removal = new ChunkedRemoval(ports.clients(), tx, changes, chunkSize, "GroupService");
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
     * Deletes a group and removes every member from it. {@code expectedVersion} is the version the staff member
     * saw (a group renamed meanwhile is not deleted: stale-version {@link ConflictException}).
     *
     * <p>The group leaves the catalog first, in a unit of work of its own that locks it: from then
     * on no reader sees it and no client can be given it, and its name is free. Then it is taken
     * off its clients in chunks of short units of work (at most {@link
     * ClientServices#DEFAULT_CATALOG_CHUNK_SIZE} clients each unless configured otherwise), each
     * client audited ({@code GROUP_LEFT}, naming the group) and announced with {@code
     * ClientUpdated}; last its tombstone is purged. If the run stops midway (a crash, a failed
     * chunk), the group stays out of the catalog and calling this again with the same arguments
     * finishes the job (the version is not checked again then: the delete was decided).
     */
    public void delete(Actor actor, TenantId tenant, GroupId id, long expectedVersion) {
        Validate.notNull("groupId", id);
        Access.requireStaff(actor, Permission.EDIT_CLIENTS, tenant, "group", id);
        ClientGroup deleted = tx.inTransaction(() -> {
            // the group's own lock (with its version check), alone in its unit of work: the chunks
            // below then lock only clients, in id order
            Optional<ClientGroup> live = groups.find(tenant, id);
            if (live.isPresent() && groups.delete(tenant, id, expectedVersion)) {
                return live.get();
            }
            // deleted already (by a run that stopped midway, or one running now): finish it
            return groups.findDeleted(tenant, id).orElseThrow(() -> new NotFoundException("group", id));
        });
        removal.run(actor, tenant, ClientQuery.all().withGroup(id), (client, now) -> client.withGroup(id, false, now),
                AuditAction.GROUP_LEFT, List.of(new FieldChange("group", Optional.of(deleted.name().value()),
                        Optional.empty())));
        tx.run(() -> groups.purge(tenant, id));
    }

    /**
     * One page of the tenant's groups, sorted by name (ignoring case), then id. The cursor is sealed
     * and bound to the tenant ({@link CursorSeal}): one made for another tenant or list, or not by
     * Clientele, is a {@link io.clientele.common.ValidationException} on field {@code cursor}.
     */
    public Page<ClientGroup> list(Actor actor, TenantId tenant, PageRequest page) {
        Access.requireStaff(actor, Permission.VIEW_CLIENTS, tenant);
        Validate.notNull("page", page);
        CursorSeal.Bound catalog = cursors.bind(tenant, "group-catalog", CursorSeal.fingerprint());
        PageRequest position = catalog.open(page);
        return tx.inReadOnlyTransaction(() -> catalog.seal(groups.list(tenant, position)));
    }

    /**
     * One page of the group's members, as the client list shows them ({@link ClientSummary}: sorted
     * by last name, first name, then id; erased clients have left every group). Not-found for a
     * group of another tenant or one that does not exist. The cursor is sealed and bound to the
     * tenant and the group ({@link CursorSeal}). The same rows as {@code clients().list} with {@code
     * ClientQuery.all().withGroup(group)}, which also combines the group with other filters.
     */
    public Page<ClientSummary> members(Actor actor, TenantId tenant, GroupId groupId, PageRequest page) {
        Validate.notNull("groupId", groupId);
        Access.requireStaff(actor, Permission.VIEW_CLIENTS, tenant, "group", groupId);
        Validate.notNull("page", page);
        ClientQuery members = ClientQuery.all().withGroup(groupId);
        CursorSeal.Bound list = cursors.bind(tenant, "group-members", members.fingerprint());
        PageRequest position = list.open(page);
        return tx.inReadOnlyTransaction(() -> {
            load(tenant, groupId);
            return list.seal(clients.search(tenant, members, position));
        });
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
