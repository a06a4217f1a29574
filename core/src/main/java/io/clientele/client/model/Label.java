package io.clientele.client.model;

import io.clientele.common.DisplayName;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;

/**
 * An entry of a tenant's label catalog ("VIP", "Prefers mornings"), assignable to clients.
 * Immutable and thread-safe.
 */
public record Label(LabelId id, TenantId tenantId, DisplayName name, long version) {
    public Label {
        Validate.notNull("labelId", id);
        Validate.notNull("tenantId", tenantId);
        Validate.notNull("name", name);
    }

    /** Renamed, same version (the repository bumps it). */
    public Label renamed(DisplayName newName) {
        return new Label(id, tenantId, newName, version);
    }
}
