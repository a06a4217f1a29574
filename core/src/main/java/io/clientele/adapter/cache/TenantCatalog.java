package io.clientele.adapter.cache;

import com.github.benmanes.caffeine.cache.Cache;
import io.clientele.common.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One cached catalog: each tenant's whole catalog as its store lists it, with its entries by id,
 * loaded once per time-to-live. A write of the tenant's catalog through the decorator invalidates
 * the entry at once and again when the unit of work ends ({@link Caches.Units}); until then the
 * writing unit reads the store itself, so a value the unit has not committed is never cached.
 * Thread-safe.
 */
final class TenantCatalog<I, T> {

    /** A tenant's catalog: the entries in the store's order, and by id. */
    record Snapshot<I, T>(List<T> all, Map<I, T> byId) {
    }

    private final Cache<TenantId, Snapshot<I, T>> cache;
    private final Caches.Units units;
    private final Function<TenantId, List<T>> list;
    private final Function<T, I> idOf;

    TenantCatalog(CacheSpec spec, Caches.Units units, Function<TenantId, List<T>> list, Function<T, I> idOf) {
        this.cache = Caching.newCache(spec);
        this.units = units;
        this.list = list;
        this.idOf = idOf;
    }

    /** The tenant's catalog, from the cache unless this unit of work wrote it. */
    Snapshot<I, T> of(TenantId tenant) {
        if (units.wrote(this, tenant)) {
            return load(tenant);
        }
        return cache.get(tenant, this::load);
    }

    /** The entry with this id in the cached catalog, if it is there. */
    Optional<T> find(TenantId tenant, I id) {
        return Optional.ofNullable(of(tenant).byId().get(id));
    }

    /** The tenant's catalog is about to change: forget it now and when the unit of work ends. */
    void written(TenantId tenant) {
        cache.invalidate(tenant);
        units.record(this, tenant);
    }

    void invalidate(TenantId tenant) {
        cache.invalidate(tenant);
    }

    void invalidateAll() {
        cache.invalidateAll();
    }

    private Snapshot<I, T> load(TenantId tenant) {
        List<T> all = List.copyOf(list.apply(tenant));
        Map<I, T> byId = new LinkedHashMap<>();
        all.forEach(item -> byId.put(idOf.apply(item), item));
        return new Snapshot<>(all, Map.copyOf(byId));
    }
}
