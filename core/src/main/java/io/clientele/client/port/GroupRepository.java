package io.clientele.client.port;

import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.GroupId;
import io.clientele.common.ConflictException;
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
     * joins a group after the group's delete has removed every member. SQL: {@code SELECT ... FOR
     * SHARE} is enough: changes to one group's members need not wait for each other, only for a
     * delete.
     */
    Optional<ClientGroup> findForShare(TenantId tenant, GroupId id);

    /** The groups with these ids that exist in this tenant, sorted by name. */
    List<ClientGroup> findAll(TenantId tenant, Collection<GroupId> ids);

    /** Every group of the tenant, sorted by name. */
    List<ClientGroup> list(TenantId tenant);

    /** Stores a new group. */
    ClientGroup insert(ClientGroup group);

    /** Stores a renamed group if its version is current; returns it with the version incremented. */
    ClientGroup update(ClientGroup group);

    /**
     * Deletes the group if its stored version is {@code expectedVersion} (a conditional delete in
     * SQL); false if it did not exist; another version is a {@code STALE_VERSION} conflict. The
     * group stays locked until the unit of work ends: the delete waits for units of work holding
     * it through {@link #findForShare}, and they wait for it (SQL: the {@code DELETE}'s own row
     * lock). The group service deletes the group before it removes its members ({@link
     * ClientRepository#removeGroupFromAll}), so the catalog entry is locked before any client, and
     * a delete never holds a shared lock it would have to upgrade.
     */
    boolean delete(TenantId tenant, GroupId id, long expectedVersion);
}
