package io.clientele.adapter.jpa;

import java.io.Serializable;
import java.util.UUID;

/**
 * The primary key of a tenant's row: {@code (tenant_id, id)}, tenant first, so every key and its
 * index lead with the tenant. The {@code @IdClass} of entities keyed by a UUID per tenant (a record:
 * Hibernate 6.2 and later build id classes through their canonical constructor).
 */
record TenantScopedKey(String tenantId, UUID id) implements Serializable {
}
