package io.clientele.adapter.memory;

import io.clientele.client.model.TenantSettings;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.common.TenantId;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link TenantSettingsProvider} backed by a map; tenants without settings get the default
 * given at construction ({@link TenantSettings#defaults()} unless set). Thread-safe.
 */
public final class InMemoryTenantSettings implements TenantSettingsProvider {

    private final ConcurrentHashMap<TenantId, TenantSettings> settings = new ConcurrentHashMap<>();
    private volatile TenantSettings fallback;

    public InMemoryTenantSettings() {
        this(TenantSettings.defaults());
    }

    public InMemoryTenantSettings(TenantSettings fallback) {
        this.fallback = fallback;
    }

    /** Sets one tenant's settings. */
    public InMemoryTenantSettings put(TenantId tenant, TenantSettings value) {
        settings.put(tenant, value);
        return this;
    }

    /** Sets the settings of tenants without their own. */
    public InMemoryTenantSettings setDefault(TenantSettings value) {
        this.fallback = value;
        return this;
    }

    @Override
    public TenantSettings settings(TenantId tenant) {
        return settings.getOrDefault(tenant, fallback);
    }
}
