package io.clientele.client.port;

import io.clientele.client.model.Label;
import io.clientele.client.model.LabelId;
import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Stores a tenant's label catalog. SPI; thread-safe. Names are unique per tenant
 * case-insensitively ({@link ConflictException} {@code DUPLICATE}); updates are version-checked.
 */
public interface LabelRepository {

    /** The label, if it exists in this tenant. */
    Optional<Label> find(TenantId tenant, LabelId id);

    /**
     * The label, if it exists in this tenant, locked until the current unit of work ends: a
     * {@link #delete} of it by another unit of work waits until then, and this call waits for a
     * delete that holds it (and then finds nothing). Assignments take it before the client's lock
     * (the lock order of {@link ClientRepository#findForUpdate}), so no client is given a label
     * after the label's delete has removed it from every client. SQL: {@code SELECT ... FOR SHARE}
     * is enough: assignments of one label need not wait for each other, only for a delete.
     */
    Optional<Label> findForShare(TenantId tenant, LabelId id);

    /** The labels with these ids that exist in this tenant, sorted by name. */
    List<Label> findAll(TenantId tenant, Collection<LabelId> ids);

    /** The whole catalog, sorted by name. */
    List<Label> list(TenantId tenant);

    /** Stores a new label. */
    Label insert(Label label);

    /** Stores a renamed label if its version is current; returns it with the version incremented. */
    Label update(Label label);

    /**
     * Deletes the label if its stored version is {@code expectedVersion} (a conditional delete in
     * SQL); false if it did not exist; another version is a {@code STALE_VERSION} conflict. The
     * label stays locked until the unit of work ends: the delete waits for units of work holding
     * it through {@link #findForShare}, and they wait for it (SQL: the {@code DELETE}'s own row
     * lock). The label service deletes the label before it removes it from the clients ({@link
     * ClientRepository#removeLabelFromAll}), so the catalog entry is locked before any client, and
     * a delete never holds a shared lock it would have to upgrade.
     */
    boolean delete(TenantId tenant, LabelId id, long expectedVersion);
}
