package io.clientele.adapter.memory;

import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A tenant-scoped catalog of named, versioned entries with case-insensitively unique names. {@link
 * #findLocked} and {@link #delete} take the entry's row lock of the {@link MemoryTransactions}
 * (exclusive: where SQL would share a lock among readers, units of work here wait for each other,
 * which only serializes more).
 */
final class NamedCatalog<I, E> {

    private record Key<I>(TenantId tenant, I id) {
    }

    private final MemoryTransactions tx;
    private final VersionedMap<Key<I>, E> entries;
    private final String resource;
    private final Function<E, TenantId> tenantOf;
    private final Function<E, I> idOf;
    private final Function<E, String> nameKeyOf;
    private final ToLongFunction<E> versionOf;
    private final BiFunction<E, Long, E> withVersion;

    NamedCatalog(MemoryTransactions tx, String resource, Function<E, TenantId> tenantOf, Function<E, I> idOf,
            Function<E, String> nameKeyOf, ToLongFunction<E> versionOf, BiFunction<E, Long, E> withVersion) {
        this.tx = tx;
        this.entries = new VersionedMap<>(tx);
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

    List<E> findAll(TenantId tenant, Collection<I> ids) {
        return entries.values(e -> tenantOf.apply(e).equals(tenant) && ids.contains(idOf.apply(e))).stream()
                .sorted(Comparator.comparing(nameKeyOf)).toList();
    }

    List<E> list(TenantId tenant) {
        return entries.values(e -> tenantOf.apply(e).equals(tenant)).stream()
                .sorted(Comparator.comparing(nameKeyOf)).toList();
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
     * Deletes the entry if its version is the expected one, after taking its row lock until the
     * unit of work ends (as a SQL {@code DELETE} locks the row it deletes).
     */
    boolean delete(TenantId tenant, I id, long expectedVersion) {
        Key<I> key = new Key<>(tenant, id);
        // before the monitor: waiting for another unit must not block every other caller
        tx.lockRow(key);
        synchronized (this) {
            Optional<E> current = entries.get(key);
            if (current.isPresent() && versionOf.applyAsLong(current.get()) != expectedVersion) {
                throw ConflictException.staleVersion(resource, id);
            }
            return entries.remove(key);
        }
    }

    private void checkName(E entry) {
        TenantId tenant = tenantOf.apply(entry);
        String name = nameKeyOf.apply(entry);
        boolean taken = !entries.values(e -> tenantOf.apply(e).equals(tenant) && nameKeyOf.apply(e).equals(name)
                && !idOf.apply(e).equals(idOf.apply(entry))).isEmpty();
        if (taken) {
            throw ConflictException.duplicate("name", "a " + resource + " with this name exists");
        }
    }

    List<Object> contents() {
        return entries.contents();
    }
}
