package io.clientele.adapter.cache;

import com.github.benmanes.caffeine.cache.Cache;
import io.clientele.client.model.TenantSettings;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;

/**
 * A {@link TenantSettingsProvider} that asks the host's provider once per tenant and time-to-live
 * ({@link CacheSpec}) and serves the answer from a bounded Caffeine cache meanwhile. Clientele
 * reads the settings on nearly every validating use case, so a provider that reads a database or
 * calls a service needs this. Settings are not written through Clientele: when the host changes a
 * studio's settings it calls {@link #invalidate} on the instances it runs (or lets the
 * time-to-live pass). Made by {@link Caching#tenantSettings} or {@link Caches#tenantSettings}.
 * Thread-safe.
 */
public final class CachedTenantSettings implements TenantSettingsProvider {

    private final TenantSettingsProvider provider;
    private final Cache<TenantId, TenantSettings> cache;

    CachedTenantSettings(TenantSettingsProvider provider, CacheSpec spec) {
        this.provider = Validate.notNull("provider", provider);
        this.cache = Caching.newCache(Validate.notNull("spec", spec));
    }

    /** The tenant's settings: cached, or asked of the host's provider and then cached. */
    @Override
    public TenantSettings settings(TenantId tenant) {
        Validate.notNull("tenant", tenant);
        return cache.get(tenant, provider::settings);
    }

    /** Forgets the tenant's settings: the next read asks the host's provider. */
    public void invalidate(TenantId tenant) {
        cache.invalidate(Validate.notNull("tenant", tenant));
    }

    /** Forgets every tenant's settings. */
    public void invalidateAll() {
        cache.invalidateAll();
    }
}
