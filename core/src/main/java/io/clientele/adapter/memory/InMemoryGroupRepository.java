package io.clientele.adapter.memory;

import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.GroupId;
import io.clientele.client.port.GroupRepository;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * In-memory {@link GroupRepository}: unique names per tenant, version-checked renames. {@link
 * #findForShare} and {@link #delete} take the group's row lock of the {@link MemoryTransactions}
 * (an exclusive one: member changes of one group wait for each other here, not in SQL). Thread-safe.
 */
public final class InMemoryGroupRepository implements GroupRepository, InspectableStore {

    private final NamedCatalog<GroupId, ClientGroup> catalog;

    public InMemoryGroupRepository(MemoryTransactions tx) {
        this.catalog = new NamedCatalog<>(tx, "group", ClientGroup::tenantId, ClientGroup::id,
                g -> g.name().key(), ClientGroup::version,
                (g, v) -> new ClientGroup(g.id(), g.tenantId(), g.name(), g.createdAt(), v));
    }

    @Override
    public Optional<ClientGroup> find(TenantId tenant, GroupId id) {
        return catalog.find(tenant, id);
    }

    /** Takes the unit of work's row lock on the group ({@link MemoryTransactions#lockRow}), then reads it. */
    @Override
    public Optional<ClientGroup> findForShare(TenantId tenant, GroupId id) {
        return catalog.findLocked(tenant, id);
    }

    @Override
    public List<ClientGroup> findAll(TenantId tenant, Collection<GroupId> ids) {
        return catalog.findAll(tenant, ids);
    }

    @Override
    public Page<ClientGroup> list(TenantId tenant, PageRequest page) {
        return catalog.page(tenant, page);
    }

    @Override
    public ClientGroup insert(ClientGroup group) {
        return catalog.insert(group);
    }

    @Override
    public ClientGroup update(ClientGroup group) {
        return catalog.update(group);
    }

    @Override
    public boolean delete(TenantId tenant, GroupId id, long expectedVersion) {
        return catalog.delete(tenant, id, expectedVersion);
    }

    @Override
    public Optional<ClientGroup> findDeleted(TenantId tenant, GroupId id) {
        return catalog.findDeleted(tenant, id);
    }

    @Override
    public boolean purge(TenantId tenant, GroupId id) {
        return catalog.purge(tenant, id);
    }

    @Override
    public String storeName() {
        return "groups";
    }

    @Override
    public List<Object> contents() {
        return catalog.contents();
    }
}
