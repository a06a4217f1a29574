package io.clientele.client.model;

import io.clientele.common.DisplayName;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import java.time.Instant;

/**
 * A named static group of clients ("Morning yoga regulars"). Membership is held on each
 * {@link Client}. Immutable and thread-safe.
 */
public record ClientGroup(GroupId id, TenantId tenantId, DisplayName name, Instant createdAt, long version) {
    public ClientGroup {
        Validate.notNull("groupId", id);
        Validate.notNull("tenantId", tenantId);
        Validate.notNull("name", name);
        Validate.notNull("createdAt", createdAt);
    }

    /** Renamed, same version (the repository bumps it). */
    public ClientGroup renamed(DisplayName newName) {
        return new ClientGroup(id, tenantId, newName, createdAt, version);
    }
}
