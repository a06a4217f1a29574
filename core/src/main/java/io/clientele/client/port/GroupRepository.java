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
     * SQL); false if it did not exist; another version is a {@code STALE_VERSION} conflict.
     */
    boolean delete(TenantId tenant, GroupId id, long expectedVersion);
}
