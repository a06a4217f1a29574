package io.clientele.client.port;

import io.clientele.client.model.Label;
import io.clientele.client.model.LabelId;
import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Stores a tenant's label catalog. SPI; thread-safe. Names are unique per tenant
 * case-insensitively ({@link ConflictException} {@code DUPLICATE}); updates are version-checked.
 */
public interface LabelRepository {

    /** The label, if it exists in this tenant. */
    Optional<Label> find(TenantId tenant, LabelId id);

    /** The labels with these ids that exist in this tenant, sorted by name. */
    List<Label> findAll(TenantId tenant, Collection<LabelId> ids);

    /** The whole catalog, sorted by name. */
    List<Label> list(TenantId tenant);

    /** Stores a new label. */
    Label insert(Label label);

    /** Stores a renamed label if its version is current; returns it with the version incremented. */
    Label update(Label label);

    /**
     * Deletes the label if its stored version is {@code expectedVersion} (a conditional delete in
     * SQL); false if it did not exist; another version is a {@code STALE_VERSION} conflict.
     */
    boolean delete(TenantId tenant, LabelId id, long expectedVersion);
}
