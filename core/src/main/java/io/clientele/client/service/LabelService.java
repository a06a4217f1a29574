package io.clientele.client.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientEvents;
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
 * with an audit entry and a {@code ClientUpdated} event. Labels stay editable on locked profiles.
 * Catalog changes and assignments require {@link Permission#EDIT_CLIENTS}, listing {@link
 * Permission#VIEW_CLIENTS}.
 *
 * <p>An assignment locks the label ({@link LabelRepository#findForShare}), then the client; a
 * delete locks the label (its conditional delete), then each client that holds it. A delete and
 * an assignment of one label therefore run one after the other, in either order, and no client
 * ever holds a label the catalog no longer has. Stateless and thread-safe.
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

    /** Builds the service on its ports; {@code Clientele} does this for hosts. */
    public LabelService(Ports ports) {
        this.clients = ports.clients();
        this.labels = ports.labels();
        this.tx = ports.tx();
        this.ids = ports.ids();
        this.cursors = ports.cursors();
        this.guard = new ClientGuard(ports.clients(), ports.settings());
        this.changes = new ChangeRecorder(ports.clients(), ports.audit(), ports.events(), ports.clock(), ports.ids());
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
     * Deletes a label and unassigns it from every client. {@code expectedVersion} is the version the
     * staff member saw (a label renamed meanwhile is not deleted: stale-version {@link
     * ConflictException}).
     */
    public void delete(Actor actor, TenantId tenant, LabelId id, long expectedVersion) {
        Validate.notNull("labelId", id);
        Access.requireStaff(actor, Permission.EDIT_CLIENTS, tenant, "label", id);
        tx.run(() -> {
            Label label = load(tenant, id, expectedVersion);
            // the label's lock (with its version check) before any client's: assignments hold it
            // while they lock their client, so none can add the label once the clients are rewritten
            if (!labels.delete(tenant, id, expectedVersion)) {
                throw new NotFoundException("label", id);
            }
            for (ClientId client : clients.removeLabelFromAll(tenant, id, changes.now())) {
                changes.publish(new ClientEvents.ClientUpdated(tenant, client, AuditAction.LABEL_UNASSIGNED.name(),
                        changes.now()));
                changes.record(actor, tenant, client, AuditAction.LABEL_UNASSIGNED, List.of(
                        new FieldChange("label", Optional.of(label.name().value()), Optional.empty())));
            }
        });
    }

    /** The catalog, sorted by name. */
    public List<Label> list(Actor actor, TenantId tenant) {
        Access.requireStaff(actor, Permission.VIEW_CLIENTS, tenant);
        return tx.inReadOnlyTransaction(() -> labels.list(tenant));
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
