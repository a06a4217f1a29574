package io.clientele.adapter.jpa;

import io.clientele.adapter.jpa.CatalogTables.GroupRow;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.GroupId;
import io.clientele.client.port.GroupRepository;
import io.clientele.common.DisplayName;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link GroupRepository} on table {@code client_group}: names unique per tenant among live groups
 * by their {@link DisplayName#key()} (index {@code client_group_name_uq}), renames and deletes
 * version-checked in their own statement, {@link #findForShare} a {@code SELECT ... FOR SHARE}
 * ({@code FOR UPDATE} on H2), a deleted group a tombstone until {@link #purge}. How each method
 * maps to SQL is {@link JpaNamedCatalog}'s. Thread-safe (state lives in the caller's unit of work).
 */
final class JpaGroupRepository extends JpaNamedCatalog<ClientGroup> implements GroupRepository {

    JpaGroupRepository(EntityManagerAccess access) {
        super(access, "CatalogGroupRow", "client_group", "group", "r.id, r.name, r.createdAt, r.version",
                "id, name, created_at, version", CatalogTables.GROUP_COLUMNS);
    }

    @Override
    public Optional<ClientGroup> find(TenantId tenant, GroupId id) {
        return findById(tenant, id.value());
    }

    @Override
    public Optional<ClientGroup> findForShare(TenantId tenant, GroupId id) {
        return findByIdForShare(tenant, id.value());
    }

    @Override
    public List<ClientGroup> findAll(TenantId tenant, Collection<GroupId> ids) {
        return findAllByIds(tenant, ids.stream().map(GroupId::value).toList());
    }

    @Override
    public Page<ClientGroup> list(TenantId tenant, PageRequest page) {
        return page(tenant, page);
    }

    @Override
    public ClientGroup insert(ClientGroup group) {
        return insertEntry(group);
    }

    @Override
    public ClientGroup update(ClientGroup group) {
        return updateEntry(group);
    }

    @Override
    public boolean delete(TenantId tenant, GroupId id, long expectedVersion) {
        return deleteById(tenant, id.value(), expectedVersion);
    }

    @Override
    public Optional<ClientGroup> findDeleted(TenantId tenant, GroupId id) {
        return findDeletedById(tenant, id.value());
    }

    @Override
    public boolean purge(TenantId tenant, GroupId id) {
        return purgeById(tenant, id.value());
    }

    @Override
    ClientGroup entry(TenantId tenant, Object[] columns) {
        return new ClientGroup(new GroupId((UUID) columns[0]), tenant, new DisplayName((String) columns[1]),
                (Instant) columns[2], (Long) columns[3]);
    }

    @Override
    Object newRow(ClientGroup group) {
        GroupRow row = new GroupRow();
        row.tenantId = group.tenantId().value();
        row.id = group.id().value();
        row.name = group.name().value();
        row.nameKey = group.name().key();
        row.createdAt = group.createdAt();
        row.version = 0;
        return row;
    }

    @Override
    Map<String, Object> updatedValues(ClientGroup group) {
        return Map.of("name", group.name().value(), "nameKey", group.name().key(), "createdAt", group.createdAt());
    }

    @Override
    TenantId tenantOf(ClientGroup group) {
        return group.tenantId();
    }

    @Override
    UUID idOf(ClientGroup group) {
        return group.id().value();
    }

    @Override
    long versionOf(ClientGroup group) {
        return group.version();
    }

    @Override
    ClientGroup withVersion(ClientGroup group, long version) {
        return new ClientGroup(group.id(), group.tenantId(), group.name(), group.createdAt(), version);
    }
}
