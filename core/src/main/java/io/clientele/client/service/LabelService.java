package io.clientele.client.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.FieldChange;
import io.clientele.client.model.Client;
import io.clientele.client.model.Label;
import io.clientele.client.model.LabelId;
import io.clientele.client.port.LabelRepository;
import io.clientele.common.Access;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.DisplayName;
import io.clientele.common.NotFoundException;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
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

    private final ClientOperations ops;
    private final LabelRepository labels;

    LabelService(ClientOperations ops, LabelRepository labels) {
        this.ops = ops;
        this.labels = labels;
    }

    /** Adds a label to the catalog. */
    public Label create(Actor actor, TenantId tenant, String name) {
        Access.requireStaff(actor, Permission.EDIT_CLIENTS, tenant);
        DisplayName displayName = new DisplayName(name);
        return ops.inTransaction(() -> labels.insert(new Label(new LabelId(ops.ids.next()), tenant, displayName, 0)));
    }

    /**
     * Renames a label. {@code expectedVersion} is the version the staff member saw; a newer one is
     * a stale-version {@link ConflictException}.
     */
    public Label rename(Actor actor, TenantId tenant, LabelId id, long expectedVersion, String newName) {
        Validate.notNull("labelId", id);
        Access.requireStaff(actor, Permission.EDIT_CLIENTS, tenant, "label", id);
        DisplayName displayName = new DisplayName(newName);
        return ops.inTransaction(() -> labels.update(load(tenant, id, expectedVersion).renamed(displayName)));
    }

    /**
     * Deletes a label and unassigns it from every client. {@code expectedVersion} is the version the
     * staff member saw (a label renamed meanwhile is not deleted: stale-version {@link
     * ConflictException}).
     */
    public void delete(Actor actor, TenantId tenant, LabelId id, long expectedVersion) {
        Validate.notNull("labelId", id);
        Access.requireStaff(actor, Permission.EDIT_CLIENTS, tenant, "label", id);
        ops.run(() -> {
            Label label = load(tenant, id, expectedVersion);
            // the label's lock (with its version check) before any client's: assignments hold it
            // while they lock their client, so none can add the label once the clients are rewritten
            if (!labels.delete(tenant, id, expectedVersion)) {
                throw new NotFoundException("label", id);
            }
            for (ClientId client : ops.clients.removeLabelFromAll(tenant, id, ops.now())) {
                ops.recordChange(actor, tenant, client, AuditAction.LABEL_UNASSIGNED, List.of(
                        new FieldChange("label", Optional.of(label.name().value()), Optional.empty())));
            }
        });
    }

    /** The catalog, sorted by name. */
    public List<Label> list(Actor actor, TenantId tenant) {
        Access.requireStaff(actor, Permission.VIEW_CLIENTS, tenant);
        return ops.inTransaction(() -> labels.list(tenant));
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
        return ops.inTransaction(() -> {
            // the label's lock before the client's (the lock order): a delete that holds it has
            // unassigned it everywhere by the time this gets it, and this then finds it gone
            Label label = labels.findForShare(tenant, labelId)
                    .orElseThrow(() -> new NotFoundException("label", labelId));
            Client client = ops.loadForOpenEdit(actor, tenant, clientId);
            if (client.labels().contains(labelId) == assigned) {
                return client;
            }
            Optional<String> name = Optional.of(label.name().value());
            return ops.save(actor, client.withLabel(labelId, assigned, ops.now()),
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
