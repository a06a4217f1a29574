package io.clientele.adapter.memory;

import io.clientele.common.TenantId;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.MembershipTypeId;
import io.clientele.membership.port.MembershipTypeRepository;
import java.util.List;
import java.util.Optional;

/**
 * In-memory {@link MembershipTypeRepository}: names unique per tenant case-insensitively,
 * version-checked updates, writes undone when the unit of work rolls back. Thread-safe.
 */
public final class InMemoryMembershipTypeRepository implements MembershipTypeRepository, InspectableStore {

    private final NamedCatalog<MembershipTypeId, MembershipType> types;

    public InMemoryMembershipTypeRepository(MemoryTransactions tx) {
        this.types = new NamedCatalog<>(tx, "membership type", MembershipType::tenantId, MembershipType::id,
                t -> t.name().key(), MembershipType::version, MembershipType::withVersion);
    }

    @Override
    public Optional<MembershipType> find(TenantId tenant, MembershipTypeId id) {
        return types.find(tenant, id);
    }

    @Override
    public List<MembershipType> list(TenantId tenant) {
        return types.list(tenant);
    }

    @Override
    public MembershipType insert(MembershipType type) {
        return types.insert(type);
    }

    @Override
    public MembershipType update(MembershipType type) {
        return types.update(type);
    }

    @Override
    public String storeName() {
        return "membership-types";
    }

    @Override
    public List<Object> contents() {
        return types.contents();
    }
}
