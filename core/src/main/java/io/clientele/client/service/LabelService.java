package io.clientele.client.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.Label;
import io.clientele.client.model.LabelId;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.LabelRepository;
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
 * The tenant's label catalog (create, rename, delete, list) and the assignment of labels to
 * clients. Label names are unique per tenant, case-insensitively ({@link ConflictException}
 * {@code DUPLICATE} on field {@code name}). Deleting a label unassigns it from every client, each
 * with an audit entry and a {@code ClientUpdated} event, in chunks of short units of work (see
 * {@link #delete}). Labels stay editable on locked profiles. Catalog changes and assignments
 * require {@link Permission#EDIT_CLIENTS}, listing {@link Permission#VIEW_CLIENTS}; all are staff
 * tools.
 *
 * <p>An assignment locks the label ({@link LabelRepository#findForShare}), then the client; a
 * delete locks the label in its own unit of work (its conditional delete), and only once that
 * committed locks the clients that hold it, chunk by chunk in id order. A delete and an assignment
 * of one label therefore run one after the other, in either order: an assignment that came first
 * is undone by the delete's chunks, one that comes after finds no label. Stateless and
 * thread-safe.
 */
public final class LabelService {

    /** What the service needs: its ports and the seal of its list cursors. */
    public record Ports(
            ClientRepository clients,
            TenantSettingsProvider settings,
            LabelRepository labels,
            AuditLog audit,
            EventPublisher events,
            TransactionRunner tx,
            Clock clock,
            Ids ids,
            CursorSeal cursors) {

        public Ports {
            ConfigurationException.requirePort(OWNER, "clients", clients);
            ConfigurationException.requirePort(OWNER, "settings", settings);
            ConfigurationException.requirePort(OWNER, "labels", labels);
            ConfigurationException.requirePort(OWNER, "audit", audit);
            ConfigurationException.requirePort(OWNER, "events", events);
            ConfigurationException.requirePort(OWNER, "tx", tx);
            ConfigurationException.requirePort(OWNER, "clock", clock);
            ConfigurationException.requirePort(OWNER, "ids", ids);
            ConfigurationException.requirePort(OWNER, "cursors", cursors);
        }
    }

    private static final String OWNER = "LabelService.Ports";

    private final ClientRepository clients;
    private final LabelRepository labels;
    private final TransactionRunner tx;
    private final Ids ids;
    private final CursorSeal cursors;
    private final ClientGuard guard;
    private final ChangeRecorder changes;
    private final ChunkedRemoval removal;

    /**
     * Builds the service on its ports; {@code Clientele} does this for hosts. A delete takes the
     * label off at most {@code chunkSize} clients per unit of work (1 to 10,000).
     */
    public LabelService(Ports ports, int chunkSize) {
        this.clients = ports.clients();
        this.labels = ports.labels();
        this.tx = ports.tx();
        this.ids = ports.ids();
        this.cursors = ports.cursors();
        this.guard = new ClientGuard(ports.clients(), ports.settings());
        this.changes = new ChangeRecorder(ports.clients(), ports.audit(), ports.events(), ports.clock(), ports.ids());
        this.removal = new ChunkedRemoval(ports.clients(), tx, changes, chunkSize, "LabelService");
    }

    /** Adds a label to the catalog. */
    public Label create(Actor actor, TenantId tenant, String name) {
        Access.requireStaff(actor, Permission.EDIT_CLIENTS, tenant);
        DisplayName displayName = new DisplayName(name);
        return tx.inTransaction(() -> labels.insert(new Label(new LabelId(ids.next()), tenant, displayName, 0)));
    }

    /**
     * Renames a label. {@code expectedVersion} is the version the staff member saw; a newer one is
     * a stale-version {@link ConflictException}.
     */
    public Label rename(Actor actor, TenantId tenant, LabelId id, long expectedVersion, String newName) {
        Validate.notNull("labelId", id);
        Access.requireStaff(actor, Permission.EDIT_CLIENTS, tenant, "label", id);
        DisplayName displayName = new DisplayName(newName);
        return tx.inTransaction(() -> labels.update(load(tenant, id, expectedVersion).renamed(displayName)));
    }

    /**
     * Deletes a label and unassigns it from every client. {@code expectedVersion} is the version the staff member
     * saw (a label renamed meanwhile is not deleted: stale-version {@link ConflictException}).
     *
     * <p>The label leaves the catalog first, in a unit of work of its own that locks it: from then
     * on no reader sees it and no client can be given it, and its name is free. Then it is taken
     * off its clients in chunks of short units of work (at most {@link
     * ClientServices#DEFAULT_CATALOG_CHUNK_SIZE} clients each unless configured otherwise), each
     * client audited ({@code LABEL_UNASSIGNED}, naming the label) and announced with {@code
     * ClientUpdated}; last its tombstone is purged. If the run stops midway (a crash, a failed
     * chunk), the label stays out of the catalog and calling this again with the same arguments
     * finishes the job (the version is not checked again then: the delete was decided).
     */
    public void delete(Actor actor, TenantId tenant, LabelId id, long expectedVersion) {
        Validate.notNull("labelId", id);
        Access.requireStaff(actor, Permission.EDIT_CLIENTS, tenant, "label", id);
        Label deleted = tx.inTransaction(() -> {
            // the label's own lock (with its version check), alone in its unit of work: the chunks
            // below then lock only clients, in id order
            Optional<Label> live = labels.find(tenant, id);
            if (live.isPresent() && labels.delete(tenant, id, expectedVersion)) {
                return live.get();
            }
            // deleted already (by a run that stopped midway, or one running now): finish it
            return labels.findDeleted(tenant, id).orElseThrow(() -> new NotFoundException("label", id));
        });
        removal.run(actor, tenant, ClientQuery.all().withLabel(id), (client, now) -> client.withLabel(id, false, now),
                AuditAction.LABEL_UNASSIGNED, List.of(new FieldChange("label", Optional.of(deleted.name().value()),
                        Optional.empty())));
        tx.run(() -> labels.purge(tenant, id));
    }

    /**
     * One page of the catalog, sorted by name (ignoring case), then id. The cursor is sealed and
     * bound to the tenant ({@link CursorSeal}): one made for another tenant or list, or not by
     * Clientele, is a {@link io.clientele.common.ValidationException} on field {@code cursor}.
     */
    public Page<Label> list(Actor actor, TenantId tenant, PageRequest page) {
        Access.requireStaff(actor, Permission.VIEW_CLIENTS, tenant);
        Validate.notNull("page", page);
        CursorSeal.Bound catalog = cursors.bind(tenant, "label-catalog", CursorSeal.fingerprint());
        PageRequest position = catalog.open(page);
        return tx.inReadOnlyTransaction(() -> catalog.seal(labels.list(tenant, position)));
    }

    /** Assigns a label to a client; assigning an assigned label changes nothing. */
    public Client assign(Actor actor, TenantId tenant, ClientId clientId, LabelId labelId) {
        return setAssigned(actor, tenant, clientId, labelId, true);
    }

    /** Unassigns a label from a client; unassigning an unassigned label changes nothing. */
    public Client unassign(Actor actor, TenantId tenant, ClientId clientId, LabelId labelId) {
        return setAssigned(actor, tenant, clientId, labelId, false);
    }

    private Client setAssigned(Actor actor, TenantId tenant, ClientId clientId, LabelId labelId, boolean assigned) {
        Validate.notNull("clientId", clientId);
        Validate.notNull("labelId", labelId);
        Access.requireStaff(actor, Permission.EDIT_CLIENTS, tenant, clientId);
        return tx.inTransaction(() -> {
            // the label's lock before the client's (the lock order): a delete that holds it has
            // unassigned it everywhere by the time this gets it, and this then finds it gone
            Label label = labels.findForShare(tenant, labelId)
                    .orElseThrow(() -> new NotFoundException("label", labelId));
            Client client = guard.writeAsStaff(actor, Permission.EDIT_CLIENTS, tenant, clientId,
                    "its labels are read-only");
            if (client.labels().contains(labelId) == assigned) {
                return client;
            }
            Optional<String> name = Optional.of(label.name().value());
            return changes.save(actor, client.withLabel(labelId, assigned, changes.now()),
                    assigned ? AuditAction.LABEL_ASSIGNED : AuditAction.LABEL_UNASSIGNED,
                    List.of(assigned ? new FieldChange("label", Optional.empty(), name)
                            : new FieldChange("label", name, Optional.empty())));
        });
    }

    private Label load(TenantId tenant, LabelId id) {
        return labels.find(tenant, id).orElseThrow(() -> new NotFoundException("label", id));
    }

    private Label load(TenantId tenant, LabelId id, long expectedVersion) {
        Label label = load(tenant, id);
        if (label.version() != expectedVersion) {
            throw ConflictException.staleVersion("label", id);
        }
        return label;
    }
}
