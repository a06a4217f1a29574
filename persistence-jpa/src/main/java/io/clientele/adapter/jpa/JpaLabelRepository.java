package io.clientele.adapter.jpa;

import io.clientele.adapter.jpa.CatalogTables.LabelRow;
import io.clientele.client.model.Label;
import io.clientele.client.model.LabelId;
import io.clientele.client.port.LabelRepository;
import io.clientele.common.DisplayName;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link LabelRepository} on table {@code label}: names unique per tenant among live labels by
 * their {@link DisplayName#key()} (index {@code label_name_uq}), renames and deletes
 * version-checked in their own statement, {@link #findForShare} a {@code SELECT ... FOR SHARE}
 * ({@code FOR UPDATE} on H2), a deleted label a tombstone until {@link #purge}. How each method
 * maps to SQL is {@link JpaNamedCatalog}'s. Thread-safe (state lives in the caller's unit of work).
 */
final class JpaLabelRepository extends JpaNamedCatalog<Label> implements LabelRepository {

    JpaLabelRepository(EntityManagerAccess access) {
        super(access, "CatalogLabelRow", "label", "label", "r.id, r.name, r.version", "id, name, version",
                CatalogTables.LABEL_COLUMNS);
    }

    @Override
    public Optional<Label> find(TenantId tenant, LabelId id) {
        return findById(tenant, id.value());
    }

    @Override
    public Optional<Label> findForShare(TenantId tenant, LabelId id) {
        return findByIdForShare(tenant, id.value());
    }

    @Override
    public List<Label> findAll(TenantId tenant, Collection<LabelId> ids) {
        return findAllByIds(tenant, ids.stream().map(LabelId::value).toList());
    }

    @Override
    public Page<Label> list(TenantId tenant, PageRequest page) {
        return page(tenant, page);
    }

    @Override
    public Label insert(Label label) {
        return insertEntry(label);
    }

    @Override
    public Label update(Label label) {
        return updateEntry(label);
    }

    @Override
    public boolean delete(TenantId tenant, LabelId id, long expectedVersion) {
        return deleteById(tenant, id.value(), expectedVersion);
    }

    @Override
    public Optional<Label> findDeleted(TenantId tenant, LabelId id) {
        return findDeletedById(tenant, id.value());
    }

    @Override
    public boolean purge(TenantId tenant, LabelId id) {
        return purgeById(tenant, id.value());
    }

    @Override
    Label entry(TenantId tenant, Object[] columns) {
        return new Label(new LabelId((UUID) columns[0]), tenant, new DisplayName((String) columns[1]),
                (Long) columns[2]);
    }

    @Override
    Object newRow(Label label) {
        LabelRow row = new LabelRow();
        row.tenantId = label.tenantId().value();
        row.id = label.id().value();
        row.name = label.name().value();
        row.nameKey = label.name().key();
        row.version = 0;
        return row;
    }

    @Override
    Map<String, Object> updatedValues(Label label) {
        return Map.of("name", label.name().value(), "nameKey", label.name().key());
    }

    @Override
    TenantId tenantOf(Label label) {
        return label.tenantId();
    }

    @Override
    UUID idOf(Label label) {
        return label.id().value();
    }

    @Override
    long versionOf(Label label) {
        return label.version();
    }

    @Override
    Label withVersion(Label label, long version) {
        return new Label(label.id(), label.tenantId(), label.name(), version);
    }
}
