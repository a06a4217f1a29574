package io.clientele.adapter.memory;

import io.clientele.client.model.Label;
import io.clientele.client.model.LabelId;
import io.clientele.client.port.LabelRepository;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * In-memory {@link LabelRepository}: unique names per tenant, version-checked renames. {@link
 * #findForShare} and {@link #delete} take the label's row lock of the {@link MemoryTransactions}
 * (an exclusive one: assignments of one label wait for each other here, not in SQL). Thread-safe.
 */
public final class InMemoryLabelRepository implements LabelRepository, InspectableStore {

    private final NamedCatalog<LabelId, Label> catalog;

    public InMemoryLabelRepository(MemoryTransactions tx) {
        this.catalog = new NamedCatalog<>(tx, "label", Label::tenantId, Label::id, l -> l.name().key(),
                Label::version, (l, v) -> new Label(l.id(), l.tenantId(), l.name(), v));
    }

    @Override
    public Optional<Label> find(TenantId tenant, LabelId id) {
        return catalog.find(tenant, id);
    }

    /** Takes the unit of work's row lock on the label ({@link MemoryTransactions#lockRow}), then reads it. */
    @Override
    public Optional<Label> findForShare(TenantId tenant, LabelId id) {
        return catalog.findLocked(tenant, id);
    }

    @Override
    public List<Label> findAll(TenantId tenant, Collection<LabelId> ids) {
        return catalog.findAll(tenant, ids);
    }

    @Override
    public Page<Label> list(TenantId tenant, PageRequest page) {
        return catalog.page(tenant, page);
    }

    @Override
    public Label insert(Label label) {
        return catalog.insert(label);
    }

    @Override
    public Label update(Label label) {
        return catalog.update(label);
    }

    @Override
    public boolean delete(TenantId tenant, LabelId id, long expectedVersion) {
        return catalog.delete(tenant, id, expectedVersion);
    }

    @Override
    public Optional<Label> findDeleted(TenantId tenant, LabelId id) {
        return catalog.findDeleted(tenant, id);
    }

    @Override
    public boolean purge(TenantId tenant, LabelId id) {
        return catalog.purge(tenant, id);
    }

    @Override
    public String storeName() {
        return "labels";
    }

    @Override
    public List<Object> contents() {
        return catalog.contents();
    }
}
