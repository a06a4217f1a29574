package io.clientele.client.port;

import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.GroupId;
import io.clientele.common.ConflictException;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Stores a tenant's client groups. SPI; thread-safe. Names are unique per tenant
 * case-insensitively ({@link ConflictException} {@code DUPLICATE}); updates are version-checked.
 * Membership lives on the client aggregate.
 */
public interface GroupRepository {

    /** The group, if it exists in this tenant. */
    Optional<ClientGroup> find(TenantId tenant, GroupId id);

    /**
     * The group, if it exists in this tenant, locked until the current unit of work ends: a
     * {@link #delete} of it by another unit of work waits until then, and this call waits for a
     * delete that holds it (and then finds nothing). Adding and removing members take it before
     * the client's lock (the lock order of {@link ClientRepository#findForUpdate}), so no client
     * joins the group once the group's delete has committed. SQL: {@code SELECT ... FOR
     * SHARE} is enough: changes to one group's members need not wait for each other, only for a
     * delete.
     */
    Optional<ClientGroup> findForShare(TenantId tenant, GroupId id);

    /** The groups with these ids that exist in this tenant, sorted by name. */
    List<ClientGroup> findAll(TenantId tenant, Collection<GroupId> ids);

    /**
     * One keyset page of the tenant's groups, sorted by name (case-insensitively, as the unique name
     * rule compares them), then id. The page's position is the last group's name key and id; one
     * that is not is a {@code ValidationException} on field {@code cursor}. SQL: one {@code SELECT
     * ... WHERE tenant_id = ? AND deleted_at IS NULL AND (name_key, id) > (?, ?) ORDER BY name_key,
     * id LIMIT ?} on the unique name index.
     */
    Page<ClientGroup> list(TenantId tenant, PageRequest page);

    /** Stores a new group. */
    ClientGroup insert(ClientGroup group);

    /** Stores a renamed group if its version is current; returns it with the version incremented. */
    ClientGroup update(ClientGroup group);

    /**
     * Deletes the group if its stored version is {@code expectedVersion}: from then on {@link
     * #find}, {@link #findForShare}, {@link #findAll} and {@link #list} no longer see it and its name
     * is free for a new group, while its row stays as a tombstone ({@link #findDeleted}) until
     * {@link #purge}. False if there is no live group with this id (unknown, or deleted already);
     * another version is a {@code STALE_VERSION} conflict. The row stays locked until the unit of
     * work ends: the delete waits for units of work holding it through {@link #findForShare}, and
     * they wait for it, then find nothing. SQL: one conditional {@code UPDATE ... SET deleted_at = ?
     * WHERE tenant_id = ? AND id = ? AND deleted_at IS NULL} (its own row lock; the version compared
     * in the same statement), with the unique name index partial on {@code deleted_at IS NULL}.
     *
     * <p>The group service calls this in a short unit of work of its own, then removes every member
     * from the group in chunks of short units of work ({@link
     * ClientRepository#findMatchingForUpdate}), then purges the tombstone. Since no member change
     * finds the group once this committed, the chunks meet every member; a run that stopped midway
     * is finished by running the service's delete again.
     */
    boolean delete(TenantId tenant, GroupId id, long expectedVersion);

    /**
     * The deleted group whose removal from the clients is not finished yet (its tombstone), if
     * any: the service names it in the audit entries of the clients it takes it from, and resumes a
     * removal that stopped midway. SQL: {@code SELECT ... WHERE tenant_id = ? AND id = ? AND
     * deleted_at IS NOT NULL}.
     */
    Optional<ClientGroup> findDeleted(TenantId tenant, GroupId id);

    /**
     * Removes the tombstone of a deleted group once no client holds it any more; a live group
     * is left alone. True if a tombstone was removed. Locks the row until the unit of work ends.
     * SQL: one {@code DELETE ... WHERE tenant_id = ? AND id = ? AND deleted_at IS NOT NULL}.
     */
    boolean purge(TenantId tenant, GroupId id);
}
