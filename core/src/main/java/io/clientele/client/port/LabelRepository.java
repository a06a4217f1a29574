package io.clientele.client.port;

import io.clientele.client.model.Label;
import io.clientele.client.model.LabelId;
import io.clientele.common.ConflictException;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
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
     * (the lock order of {@link ClientRepository#findForUpdate}), so no client is given the label
     * once the label's delete has committed. SQL: {@code SELECT ... FOR SHARE}
     * is enough: assignments of one label need not wait for each other, only for a delete.
     */
    Optional<Label> findForShare(TenantId tenant, LabelId id);

    /** The labels with these ids that exist in this tenant, sorted by name. */
    List<Label> findAll(TenantId tenant, Collection<LabelId> ids);

    /**
     * One keyset page of the catalog, sorted by name (case-insensitively, as the unique name rule
     * compares them), then id. The page's position is the last label's name key and id; one that is
     * not is a {@code ValidationException} on field {@code cursor}. SQL: one {@code SELECT ... WHERE
     * tenant_id = ? AND deleted_at IS NULL AND (name_key, id) > (?, ?) ORDER BY name_key, id LIMIT
     * ?} on the unique name index.
     */
    Page<Label> list(TenantId tenant, PageRequest page);

    /** Stores a new label. */
    Label insert(Label label);

    /** Stores a renamed label if its version is current; returns it with the version incremented. */
    Label update(Label label);

    /**
     * Deletes the label if its stored version is {@code expectedVersion}: from then on {@link
     * #find}, {@link #findForShare}, {@link #findAll} and {@link #list} no longer see it and its name
     * is free for a new label, while its row stays as a tombstone ({@link #findDeleted}) until
     * {@link #purge}. False if there is no live label with this id (unknown, or deleted already);
     * another version is a {@code STALE_VERSION} conflict. The row stays locked until the unit of
     * work ends: the delete waits for units of work holding it through {@link #findForShare}, and
     * they wait for it, then find nothing. SQL: one conditional {@code UPDATE ... SET deleted_at = ?
     * WHERE tenant_id = ? AND id = ? AND deleted_at IS NULL} (its own row lock; the version compared
     * in the same statement), with the unique name index partial on {@code deleted_at IS NULL}.
     *
     * <p>The label service calls this in a short unit of work of its own, then takes the label off
     * every client that holds it in chunks of short units of work ({@link
     * ClientRepository#findMatchingForUpdate}), then purges the tombstone. Since no assignment finds
     * the label once this committed, the chunks meet every client that holds it; a run that
     * stopped midway is finished by running the service's delete again.
     */
    boolean delete(TenantId tenant, LabelId id, long expectedVersion);

    /**
     * The deleted label whose removal from the clients is not finished yet (its tombstone), if
     * any: the service names it in the audit entries of the clients it takes it from, and resumes a
     * removal that stopped midway. SQL: {@code SELECT ... WHERE tenant_id = ? AND id = ? AND
     * deleted_at IS NOT NULL}.
     */
    Optional<Label> findDeleted(TenantId tenant, LabelId id);

    /**
     * Removes the tombstone of a deleted label once no client holds it any more; a live label
     * is left alone. True if a tombstone was removed. Locks the row until the unit of work ends.
     * SQL: one {@code DELETE ... WHERE tenant_id = ? AND id = ? AND deleted_at IS NOT NULL}.
     */
    boolean purge(TenantId tenant, LabelId id);
}
