package io.clientele.adapter.jpa;

import io.clientele.common.ConflictException;
import io.clientele.common.Cursor;
import io.clientele.common.DisplayName;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.common.ValidationException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A tenant's catalog of named, versioned entries on one table (the labels, the client groups):
 * what {@code LabelRepository} and {@code GroupRepository} share. The table has {@code (tenant_id,
 * id)} as its key, a {@code name_key} (the name's {@link DisplayName#key()}, computed in Java) unique
 * per tenant among live rows ({@code <table>_name_uq}: partial on {@code deleted_at IS NULL} on
 * PostgreSQL, on a generated column that is null for deleted rows on H2), a {@code version} and a
 * {@code deleted_at} that makes a deleted row a tombstone.
 *
 * <p>Every read is a tuple query, so no row stays managed for a later conditional {@code UPDATE} of
 * the same unit of work to leave stale. Each method is one statement, except that a version-checked
 * delete that changes no row asks whether a live row is there, to tell a stale version from a row
 * that is not. Thread-safe: state lives in the caller's unit of work.
 *
 * @param <E> the domain entry type
 */
abstract class JpaNamedCatalog<E> {

    private final EntityManagerAccess access;
    private final SqlDialect.Detected dialect;
    private final String entity;
    private final String table;
    private final String resource;
    private final Map<String, String> constraints;
    private final String readColumns;
    private final String sqlColumns;
    private final String resultMapping;

    /**
     * @param access the entity manager of the caller's unit of work
     * @param entity the JPQL entity name of the rows
     * @param table the table
     * @param resource the domain's name of an entry, for stale-version conflicts
     * @param readColumns the JPQL select list of an entry on alias {@code r}, in {@link #entry}'s
     *     order, starting with {@code r.id}
     * @param sqlColumns the same columns in SQL, in the same order, for the native locking read
     * @param resultMapping the {@code @SqlResultSetMapping} typing {@code sqlColumns}
     */
    JpaNamedCatalog(EntityManagerAccess access, String entity, String table, String resource, String readColumns,
            String sqlColumns, String resultMapping) {
        this.access = access;
        this.dialect = new SqlDialect.Detected(access);
        this.entity = entity;
        this.table = table;
        this.resource = resource;
        // the key needs no entry: a unique violation SqlErrors does not recognise is DUPLICATE on id;
        // and a name key that happens to spell "<table>_pk" cannot make a name clash look like one
        this.constraints = Map.of(table + "_name_uq", "name");
        this.readColumns = readColumns;
        this.sqlColumns = sqlColumns;
        this.resultMapping = resultMapping;
    }

    /** The entry of tenant {@code tenant} the columns of {@code readColumns} hold. */
    abstract E entry(TenantId tenant, Object[] columns);

    /** A new row for {@code entry}, at version 0. */
    abstract Object newRow(E entry);

    /**
     * The columns an update writes, as JPQL attribute names on alias {@code r} to their values:
     * every column of the entry but its key and version, so the row equals what {@link #updateEntry}
     * answers.
     */
    abstract Map<String, Object> updatedValues(E entry);

    abstract TenantId tenantOf(E entry);

    abstract UUID idOf(E entry);

    abstract long versionOf(E entry);

    abstract E withVersion(E entry, long version);

    final Optional<E> findById(TenantId tenant, UUID id) {
        return select(tenant, "r.id = :id and r.deletedAt is null", id);
    }

    /**
     * The live row, read under a row lock held until the unit of work ends: PostgreSQL's {@code FOR
     * SHARE}, which waits for a delete (or rename) under way and then re-reads the row, finding a
     * deleted one gone; H2 has no shared row lock, so there it is {@code FOR UPDATE}, which
     * re-checks the condition on the row it locked the same way but also makes two holders wait for
     * each other.
     */
    final Optional<E> findByIdForShare(TenantId tenant, UUID id) {
        String lock = dialect.get() == SqlDialect.POSTGRESQL ? " FOR SHARE" : " FOR UPDATE";
        List<?> rows = access.current().createNativeQuery("SELECT " + sqlColumns + " FROM " + table
                        + " WHERE tenant_id = :tenant AND id = :id AND deleted_at IS NULL" + lock, resultMapping)
                .setParameter("tenant", tenant.value())
                .setParameter("id", id)
                .getResultList();
        return rows.stream().findFirst().map(row -> entry(tenant, (Object[]) row));
    }

    /** One statement: {@code id IN (...)} on the key, each id once, sorted as the catalog's pages are. */
    final List<E> findAllByIds(TenantId tenant, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return access.current().createQuery("select " + readColumns + " from " + entity + " r"
                        + " where r.tenantId = :tenant and r.id in :ids and r.deletedAt is null"
                        + " order by r.nameKey, r.id", Object[].class)
                .setParameter("tenant", tenant.value())
                .setParameter("ids", new LinkedHashSet<>(ids))
                .getResultList()
                .stream()
                .map(row -> entry(tenant, row))
                .toList();
    }

    /**
     * One page in {@code (name_key, id)} order after the request's position: {@code (name_key, id) >
     * (?, ?)} written as {@code name_key >= ? AND (name_key > ? OR id > ?)} (plain JPQL), whose
     * first term bounds the scan of the unique name index; reads one row more than the page to tell
     * whether another follows. The position is the last entry's stored name key and id.
     */
    final Page<E> page(TenantId tenant, PageRequest page) {
        Optional<Position> after = page.after().map(Position::decode);
        TypedQuery<Object[]> query = access.current().createQuery("select " + readColumns + ", r.nameKey from "
                        + entity + " r where r.tenantId = :tenant and r.deletedAt is null"
                        + (after.isPresent() ? " and r.nameKey >= :name and (r.nameKey > :name or r.id > :id)" : "")
                        + " order by r.nameKey, r.id", Object[].class)
                .setParameter("tenant", tenant.value())
                .setMaxResults(page.size() + 1);
        after.ifPresent(p -> query.setParameter("name", p.nameKey()).setParameter("id", p.id()));
        List<Object[]> rows = query.getResultList();
        Page<Object[]> found = Page.fromLookahead(rows, page.size(),
                row -> new Position((String) row[row.length - 1], (UUID) row[0]).encode());
        return found.map(row -> entry(tenant, Arrays.copyOf(row, row.length - 1)));
    }

    /**
     * An {@code INSERT}, flushed at the call: a taken id ({@code <table>_pk}) or a name taken by a
     * live entry ({@code <table>_name_uq}) is a {@code DUPLICATE} on {@code id} or {@code name}. The
     * written row is detached, so nothing of it stays managed.
     */
    final E insertEntry(E entry) {
        EntityManager em = access.current();
        Object row = newRow(entry);
        try {
            em.persist(row);
        } catch (PersistenceException e) {
            throw SqlErrors.translate(e, constraints);
        }
        SqlErrors.flush(em, constraints);
        em.detach(row);
        return withVersion(entry, 0);
    }

    /**
     * One conditional {@code UPDATE ... SET ..., version = version + 1 WHERE tenant_id = ? AND id = ?
     * AND version = ? AND deleted_at IS NULL}: no row changed is a {@code STALE_VERSION} conflict (a
     * deleted entry included, as in memory); a name taken is a {@code DUPLICATE} on {@code name}.
     */
    final E updateEntry(E entry) {
        Map<String, Object> values = updatedValues(entry);
        StringBuilder jpql = new StringBuilder("update ").append(entity).append(" r set ");
        values.keySet().forEach(attribute -> jpql.append("r.").append(attribute).append(" = :").append(attribute)
                .append(", "));
        jpql.append("r.version = r.version + 1 where r.tenantId = :tenant and r.id = :id and r.version = :version"
                + " and r.deletedAt is null");
        Query update = access.current().createQuery(jpql.toString())
                .setParameter("tenant", tenantOf(entry).value())
                .setParameter("id", idOf(entry))
                .setParameter("version", versionOf(entry));
        values.forEach(update::setParameter);
        int changed;
        try {
            changed = update.executeUpdate();
        } catch (PersistenceException e) {
            throw SqlErrors.translate(e, constraints);
        }
        if (changed == 0) {
            throw ConflictException.staleVersion(resource, idOf(entry));
        }
        return withVersion(entry, versionOf(entry) + 1);
    }

    /**
     * One conditional {@code UPDATE ... SET deleted_at = CURRENT_TIMESTAMP WHERE tenant_id = ? AND
     * id = ? AND deleted_at IS NULL AND version = ?}, which locks the row until the unit of work
     * ends (waiting for the holders of {@link #findByIdForShare}) and keeps its version, so the
     * tombstone is the entry as it was. When it changes no row, one more read tells a live row of
     * another version ({@code STALE_VERSION}) from none (false). The time is the database's: the
     * tombstone's time is never read back into the domain.
     */
    final boolean deleteById(TenantId tenant, UUID id, long expectedVersion) {
        EntityManager em = access.current();
        // native: JPQL's current_timestamp is a java.sql.Timestamp, which Hibernate does not assign to an Instant
        int changed = em.createNativeQuery("UPDATE " + table + " SET deleted_at = CURRENT_TIMESTAMP"
                        + " WHERE tenant_id = :tenant AND id = :id AND deleted_at IS NULL AND version = :version")
                .setParameter("tenant", tenant.value())
                .setParameter("id", id)
                .setParameter("version", expectedVersion)
                .executeUpdate();
        if (changed == 1) {
            return true;
        }
        long live = em.createQuery("select count(r) from " + entity + " r"
                        + " where r.tenantId = :tenant and r.id = :id and r.deletedAt is null", Long.class)
                .setParameter("tenant", tenant.value())
                .setParameter("id", id)
                .getSingleResult();
        if (live > 0) {
            throw ConflictException.staleVersion(resource, id);
        }
        return false;
    }

    final Optional<E> findDeletedById(TenantId tenant, UUID id) {
        return select(tenant, "r.id = :id and r.deletedAt is not null", id);
    }

    /** One {@code DELETE ... WHERE tenant_id = ? AND id = ? AND deleted_at IS NOT NULL}. */
    final boolean purgeById(TenantId tenant, UUID id) {
        return access.current().createQuery("delete from " + entity + " r"
                        + " where r.tenantId = :tenant and r.id = :id and r.deletedAt is not null")
                .setParameter("tenant", tenant.value())
                .setParameter("id", id)
                .executeUpdate() > 0;
    }

    private Optional<E> select(TenantId tenant, String condition, UUID id) {
        return access.current().createQuery("select " + readColumns + " from " + entity + " r"
                        + " where r.tenantId = :tenant and " + condition, Object[].class)
                .setParameter("tenant", tenant.value())
                .setParameter("id", id)
                .getResultList()
                .stream()
                .findFirst()
                .map(row -> entry(tenant, row));
    }

    /** Where an entry sorts in its tenant's catalog: its stored name key, then its id. */
    private record Position(String nameKey, UUID id) {

        static Position decode(Cursor cursor) {
            List<String> parts = cursor.parts(2);
            try {
                return new Position(parts.get(0), UUID.fromString(parts.get(1)));
            } catch (IllegalArgumentException e) {
                throw new ValidationException("cursor", "format", "not a cursor returned by Clientele");
            }
        }

        Cursor encode() {
            return Cursor.of(nameKey, id.toString());
        }
    }
}
