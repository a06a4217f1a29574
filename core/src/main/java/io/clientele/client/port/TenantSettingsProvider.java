package io.clientele.client.port;

import io.clientele.client.model.TenantSettings;
import io.clientele.common.TenantId;

/**
 * Supplies each tenant's {@link TenantSettings} (default phone region, languages, lock policy, the
 * studio's time zone). SPI for the host, which usually keeps these in its studio settings;
 * thread-safe. Clientele calls it on every validating use case, so a slow source should be cached
 * by the host.
 */
@FunctionalInterface
public interface TenantSettingsProvider {

    /** The settings of the tenant. */
    TenantSettings settings(TenantId tenant);
}
