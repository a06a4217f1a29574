package io.clientele.consent.port;

import io.clientele.common.TenantId;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.consent.model.PreferenceId;
import java.util.List;
import java.util.Optional;

/** Stores a tenant's marketing preferences. SPI; thread-safe; keys are unique per tenant. */
public interface PreferenceRepository {

    /** The preference, if it exists in this tenant. */
    Optional<MarketingPreference> find(TenantId tenant, PreferenceId id);

    /** The preference with this key, if any. */
    Optional<MarketingPreference> findByKey(TenantId tenant, String key);

    /** Every preference of the tenant, by key. */
    List<MarketingPreference> list(TenantId tenant);

    /**
     * Stores a new preference (none with its id yet), or replaces the one with the same id if the
     * stored one is the previous wording version ({@code preference.version() - 1}): a conditional
     * update in SQL, so two concurrent rewordings cannot both win (the loser is a {@code
     * STALE_VERSION} {@link io.clientele.common.ConflictException}). Keys are unique per tenant
     * ({@code DUPLICATE} on field {@code key}).
     */
    void save(MarketingPreference preference);

    /**
     * Stores {@code preference} (none with its id yet) unless the tenant already has a preference
     * with its key, and returns the one stored under the key: {@code preference} itself, or the one
     * that was there, unchanged. For the built-in categories that use cases create on first use:
     * two units of work creating one at the same time both get the same stored preference and
     * neither fails. An insert of the key by another unit of work that has not ended yet is waited
     * for, as a unique index makes it; if that unit rolls back, {@code preference} is stored.
     *
     * <p>SQL: {@code INSERT ... ON CONFLICT (tenant_id, key) DO NOTHING}, then {@code SELECT ...
     * WHERE tenant_id = ? AND key = ?} (at READ COMMITTED the select, a new statement, sees the row
     * the other unit committed).
     */
    MarketingPreference insertIfAbsent(MarketingPreference preference);
}
