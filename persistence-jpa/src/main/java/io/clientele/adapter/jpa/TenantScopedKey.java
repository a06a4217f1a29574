package io.clientele.adapter.jpa;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * The primary key of a tenant's row: {@code (tenant_id, id)}, tenant first, so every key and its
 * index lead with the tenant. The {@code @IdClass} of entities keyed by a UUID per tenant.
 */
final class TenantScopedKey implements Serializable {

    private static final long serialVersionUID = 1L;

    String tenantId;
    UUID id;

    TenantScopedKey() {
    }

    TenantScopedKey(String tenantId, UUID id) {
        this.tenantId = tenantId;
        this.id = id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TenantScopedKey k && Objects.equals(tenantId, k.tenantId) && Objects.equals(id, k.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenantId, id);
    }
}
