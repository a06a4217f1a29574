package io.clientele.adapter.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.clientele.client.port.TenantSettingsProvider;

/**
 * Where a host gets Clientele's caches: {@link #caches} for the caches of one Clientele instance
 * (pass them to {@code Clientele.builder().caching(...)}), or {@link #tenantSettings} to cache only
 * its tenant settings provider. Every cache is a Caffeine cache bounded by tenants and expiring
 * entries after a time-to-live ({@link CacheSpec}; by default 10,000 tenants and 5 minutes); its
 * housekeeping runs on the calling thread, so no cache starts a thread or uses a shared pool.
 *
 * <pre>{@code
 * Caches caches = Caching.caches(CacheSpec.defaults());
 * Clientele clientele = Clientele.builder()
 *         // ... every port ...
 *         .caching(caches)
 *         .build();
 * // later, after the studio's settings changed in the host:
 * caches.invalidate(tenant);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Caching {

    private Caching() {
    }

    /** New, empty caches for one Clientele instance. */
    public static Caches caches(CacheSpec spec) {
        return new Caches(spec);
    }

    /** The host's tenant settings provider behind a cache of its own. */
    public static CachedTenantSettings tenantSettings(TenantSettingsProvider provider, CacheSpec spec) {
        return new CachedTenantSettings(provider, spec);
    }

    /** A cache as the spec says: bounded, expiring after write, timed by its ticker, housekept inline. */
    static <K, V> Cache<K, V> newCache(CacheSpec spec) {
        return Caffeine.newBuilder()
                .maximumSize(spec.maximumTenants())
                .expireAfterWrite(spec.timeToLive())
                .ticker(spec.ticker())
                .executor(Runnable::run)
                .build();
    }
}
