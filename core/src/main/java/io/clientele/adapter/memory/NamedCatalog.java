package io.clientele.adapter.memory;

import io.clientele.common.ConflictException;
import io.clientele.common.Cursor;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A tenant-scoped catalog of named, versioned entries with case-insensitively unique names. {@link
 * #findLocked}, {@link #delete} and {@link #purge} take the entry's row lock of the {@link
 * MemoryTransactions} (exclusive: where SQL would share a lock among readers, units of work here
 * wait for each other, which only serializes more).
 *
 * <p>Look-ups use indexes kept like the SQL ones they stand for, rolled back with the entries: the
 * key {@code (tenant_id, id)}, the unique index on {@code (tenant_id, name key)} among live entries,
 * and each tenant's entries in name order (the index a page of the catalog walks). A deleted entry
 * leaves the live catalog at once and stays as a tombstone ({@link #findDeleted}) until it is
 * {@linkplain #purge purged}.
 */
final class NamedCatalog<I, E> {

    private record Key<I>(TenantId tenant, I id) {
    }

    private record NameKey(TenantId tenant, String name) {
    }

    /** Where an entry sorts in its tenant's catalog: by name key, then id. */
    private record Position(String name, String id) {

        static final Comparator<Position> ORDER =
                Comparator.comparing(Position::name).thenComparing(Position::id);

        static Position decode(Cursor cursor) {
            List<String> parts = cursor.parts(2);
            return new Position(parts.get(0), parts.get(1));
        }

        Cursor encode() {
            return Cursor.of(name, id);
        }
    }

    private final MemoryTransactions tx;
    private final IndexedMap<Key<I>, E> entries;
    private final VersionedMap<Key<I>, E> deleted;
    /** The live entry holding each name key: the unique index. */
    private final ConcurrentHashMap<NameKey, I> byName = new ConcurrentHashMap<>();
    /** Each tenant's live entries in name order. */
    private final ConcurrentHashMap<TenantId, NavigableMap<Position, I>> byTenant = new ConcurrentHashMap<>();
    private final String resource;
    private final Function<E, TenantId> tenantOf;
    private final Function<E, I> idOf;
    private final Function<E, String> nameKeyOf;
    private final ToLongFunction<E> versionOf;
    private final BiFunction<E, Long, E> withVersion;

    NamedCatalog(MemoryTransactions tx, String resource, Function<E, TenantId> tenantOf, Function<E, I> idOf,
            Function<E, String> nameKeyOf, ToLongFunction<E> versionOf, BiFunction<E, Long, E> withVersion) {
        this.tx = tx;
        this.entries = new IndexedMap<>(tx, List.of(new Indexes()));
        this.deleted = new VersionedMap<>(tx);
        this.resource = resource;
        this.tenantOf = tenantOf;
        this.idOf = idOf;
        this.nameKeyOf = nameKeyOf;
        this.versionOf = versionOf;
        this.withVersion = withVersion;
    }

    Optional<E> find(TenantId tenant, I id) {
        return entries.get(new Key<>(tenant, id));
    }

    /** The entry, if it exists, after taking its row lock until the unit of work ends. */
    Optional<E> findLocked(TenantId tenant, I id) {
        Key<I> key = new Key<>(tenant, id);
        tx.lockRow(key);
        return entries.get(key);
    }

    /** The live entries with these ids, sorted by name: one keyed read per id. */
    List<E> findAll(TenantId tenant, Collection<I> ids) {
        List<E> found = new ArrayList<>(ids.size());
        // each entry once, however often it is named, as SQL's id = ANY(?) answers
        for (I id : new LinkedHashSet<>(ids)) {
            find(tenant, id).ifPresent(found::add);
        }
        found.sort(Comparator.comparing(this::positionOf, Position.ORDER));
        return found;
    }

    /** Every live entry of the tenant, sorted by name. */
    List<E> list(TenantId tenant) {
        return read(tenant, inNameOrder(tenant), Integer.MAX_VALUE);
    }

    /** One page of the tenant's live entries in name order, after the request's position. */
    Page<E> page(TenantId tenant, PageRequest page) {
        NavigableMap<Position, I> all = inNameOrder(tenant);
        NavigableMap<Position, I> from = page.after().isEmpty() ? all
                : all.tailMap(Position.decode(page.after().get()), false);
        return Page.fromLookahead(read(tenant, from, page.size() + 1), page.size(), e -> positionOf(e).encode());
    }

    private NavigableMap<Position, I> inNameOrder(TenantId tenant) {
        NavigableMap<Position, I> sorted = byTenant.get(tenant);
        return sorted != null ? sorted : new ConcurrentSkipListMap<>(Position.ORDER);
    }

    private List<E> read(TenantId tenant, NavigableMap<Position, I> ids, int limit) {
        List<E> found = new ArrayList<>();
        for (I id : ids.values()) {
            if (found.size() >= limit) {
                break;
            }
            find(tenant, id).ifPresent(found::add);
        }
        return found;
    }

    synchronized E insert(E entry) {
        if (entries.get(new Key<>(tenantOf.apply(entry), idOf.apply(entry))).isPresent()) {
            // the primary key: an insert never replaces an entry, whatever its name
            throw ConflictException.duplicate("id", "a " + resource + " with this id exists");
        }
        checkName(entry);
        E stored = withVersion.apply(entry, 0L);
        entries.put(new Key<>(tenantOf.apply(entry), idOf.apply(entry)), stored);
        return stored;
    }

    synchronized E update(E entry) {
        Key<I> key = new Key<>(tenantOf.apply(entry), idOf.apply(entry));
        E current = entries.get(key).orElseThrow(() -> ConflictException.staleVersion(resource, idOf.apply(entry)));
        if (versionOf.applyAsLong(current) != versionOf.applyAsLong(entry)) {
            throw ConflictException.staleVersion(resource, idOf.apply(entry));
        }
        checkName(entry);
        E stored = withVersion.apply(entry, versionOf.applyAsLong(entry) + 1);
        entries.put(key, stored);
        return stored;
    }

    /**
     * Deletes the live entry if its version is the expected one, after taking its row lock until
     * the unit of work ends (as a SQL {@code UPDATE} or {@code DELETE} locks the row it changes): it
     * leaves the catalog, frees its name and stays as a tombstone. False when there is no live
     * entry with this id.
     */
    boolean delete(TenantId tenant, I id, long expectedVersion) {
        Key<I> key = new Key<>(tenant, id);
        // before the monitor: waiting for another unit must not block every other caller
        tx.lockRow(key);
        synchronized (this) {
            Optional<E> current = entries.get(key);
            if (current.isEmpty()) {
                return false;
            }
            if (versionOf.applyAsLong(current.get()) != expectedVersion) {
                throw ConflictException.staleVersion(resource, id);
            }
            entries.remove(key);
            deleted.put(key, current.get());
            return true;
        }
    }

    /** The tombstone of a deleted entry not purged yet. */
    Optional<E> findDeleted(TenantId tenant, I id) {
        return deleted.get(new Key<>(tenant, id));
    }

    /** Removes a deleted entry's tombstone, after taking its row lock; false when there is none. */
    boolean purge(TenantId tenant, I id) {
        Key<I> key = new Key<>(tenant, id);
        tx.lockRow(key);
        return deleted.remove(key);
    }

    /** Probes the unique name index, as the SQL one does on write. */
    private void checkName(E entry) {
        I holder = byName.get(new NameKey(tenantOf.apply(entry), nameKeyOf.apply(entry)));
        if (holder != null && !holder.equals(idOf.apply(entry))) {
            throw ConflictException.duplicate("name", "a " + resource + " with this name exists");
        }
    }

    private Position positionOf(E entry) {
        return new Position(nameKeyOf.apply(entry), idOf.apply(entry).toString());
    }

    List<Object> contents() {
        List<Object> all = entries.contents();
        all.addAll(deleted.contents());
        return all;
    }

    /** Keeps the name index and the name order in step with the live entries. */
    private final class Indexes implements IndexedMap.Index<Key<I>, E> {

        @Override
        public void add(Key<I> key, E entry) {
            byName.put(new NameKey(key.tenant(), nameKeyOf.apply(entry)), key.id());
            byTenant.compute(key.tenant(), (t, sorted) -> {
                NavigableMap<Position, I> map = sorted == null ? new ConcurrentSkipListMap<>(Position.ORDER) : sorted;
                map.put(positionOf(entry), key.id());
                return map;
            });
        }

        @Override
        public void remove(Key<I> key, E entry) {
            byName.remove(new NameKey(key.tenant(), nameKeyOf.apply(entry)), key.id());
            byTenant.computeIfPresent(key.tenant(), (t, sorted) -> {
                sorted.remove(positionOf(entry));
                return sorted.isEmpty() ? null : sorted;
            });
        }
    }
}
