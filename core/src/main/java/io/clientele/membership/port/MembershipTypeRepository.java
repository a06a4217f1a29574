package io.clientele.membership.port;

import io.clientele.common.TenantId;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.MembershipTypeId;
import java.util.List;
import java.util.Optional;

/**
 * Stores a tenant's catalog of membership types. SPI; implementations must be thread-safe and
 * enforce, atomically with the write, that names are unique per tenant case-insensitively (by
 * {@code name().key()}; {@code ConflictException} {@code DUPLICATE} on field {@code name}) and the
 * optimistic version check ({@code STALE_VERSION}).
 */
public interface MembershipTypeRepository {

    /** The type, if it exists in this tenant. */
    Optional<MembershipType> find(TenantId tenant, MembershipTypeId id);

    /** Every type of the tenant, by name key. */
    List<MembershipType> list(TenantId tenant);

    /** Stores a new type (version 0) and returns it as stored. */
    MembershipType insert(MembershipType type);

    /** Stores a changed type if its version is current; returns it with the version incremented. */
    MembershipType update(MembershipType type);
}
