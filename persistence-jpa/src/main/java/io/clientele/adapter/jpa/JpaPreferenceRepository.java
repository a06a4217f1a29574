package io.clientele.adapter.jpa;

import io.clientele.adapter.jpa.PreferenceTables.PreferenceRow;
import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import io.clientele.consent.model.Channel;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.consent.model.PreferenceId;
import io.clientele.consent.port.PreferenceRepository;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hibernate.Session;

/**
 * {@link PreferenceRepository} on table {@code preference}. A save is a conditional {@code UPDATE}
 * on the previous wording version, or, when no row has the id, an insert flushed at the call (a
 * taken key is {@code DUPLICATE} on field {@code key} there). {@link #insertIfAbsent} is {@code
 * INSERT ... ON CONFLICT DO NOTHING} on PostgreSQL and a {@code MERGE} on H2, then a select by key.
 * Reads map rows to preferences and keep none managed, so a later conditional update in the same
 * unit of work never leaves a stale copy behind. Thread-safe (state lives in the caller's unit of
 * work).
 */
final class JpaPreferenceRepository implements PreferenceRepository {

    private static final String KEY_CONSTRAINT = "preference_key_uq";
    private static final Map<String, String> CONSTRAINTS = Map.of(KEY_CONSTRAINT, "key", "preference_pk", "id");

    /**
     * Waits for another unit's uncommitted insert of the key (the unique index makes it), then
     * inserts nothing if that unit committed; never fails for a taken key.
     */
    private static final String INSERT_UNLESS_KEY_TAKEN_POSTGRESQL = "INSERT INTO preference"
            + " (tenant_id, id, preference_key, name, wording, version, channel)"
            + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (tenant_id, preference_key) DO NOTHING";

    /** Inserts nothing when a committed row holds the key; see {@link #insertUnlessKeyTakenOnH2}. */
    private static final String MERGE_UNLESS_KEY_TAKEN_H2 = "MERGE INTO preference p"
            + " USING (VALUES (?, ?)) s (tenant_id, preference_key)"
            + " ON p.tenant_id = s.tenant_id AND p.preference_key = s.preference_key"
            + " WHEN NOT MATCHED THEN INSERT (tenant_id, id, preference_key, name, wording, version, channel)"
            + " VALUES (s.tenant_id, ?, s.preference_key, ?, ?, ?, ?)";

    private final EntityManagerAccess access;
    private final SqlDialect.Detected dialect;

    JpaPreferenceRepository(EntityManagerAccess access) {
        this.access = access;
        this.dialect = new SqlDialect.Detected(access);
    }

    @Override
    public Optional<MarketingPreference> find(TenantId tenant, PreferenceId id) {
        EntityManager em = access.current();
        PreferenceRow row = em.find(PreferenceRow.class, new TenantScopedKey(tenant.value(), id.value()));
        if (row == null) {
            return Optional.empty();
        }
        em.detach(row);
        return Optional.of(toPreference(row));
    }

    @Override
    public Optional<MarketingPreference> findByKey(TenantId tenant, String key) {
        return byKey(access.current(), tenant.value(), key);
    }

    @Override
    public List<MarketingPreference> list(TenantId tenant) {
        EntityManager em = access.current();
        List<PreferenceRow> rows = em.createQuery("select p from PreferenceRow p where p.tenantId = :tenant"
                        + " order by p.preferenceKey", PreferenceRow.class)
                .setParameter("tenant", tenant.value())
                .getResultList();
        rows.forEach(em::detach);
        return rows.stream().map(JpaPreferenceRepository::toPreference).toList();
    }

    @Override
    public void save(MarketingPreference preference) {
        EntityManager em = access.current();
        int updated;
        try {
            updated = em.createQuery("update PreferenceRow p set p.preferenceKey = :key, p.name = :name,"
                            + " p.wording = :wording, p.version = :version, p.channel = :channel"
                            + " where p.tenantId = :tenant and p.id = :id and p.version = :previous")
                    .setParameter("key", preference.key())
                    .setParameter("name", preference.name())
                    .setParameter("wording", preference.wording())
                    .setParameter("version", preference.version())
                    .setParameter("channel", preference.channel().name())
                    .setParameter("tenant", preference.tenantId().value())
                    .setParameter("id", preference.id().value())
                    .setParameter("previous", preference.version() - 1)
                    .executeUpdate();
        } catch (PersistenceException e) {
            throw SqlErrors.translate(e, CONSTRAINTS);
        }
        if (updated == 1) {
            return;
        }
        // the conditional update matched nothing: a row with another version is a lost race or a
        // stale rewording; no row at all is a new preference
        boolean stored = !em.createQuery("select p.version from PreferenceRow p"
                        + " where p.tenantId = :tenant and p.id = :id", Integer.class)
                .setParameter("tenant", preference.tenantId().value())
                .setParameter("id", preference.id().value())
                .getResultList().isEmpty();
        if (stored) {
            throw ConflictException.staleVersion("preference", preference.id());
        }
        PreferenceRow row = toRow(preference);
        try {
            em.persist(row);
        } catch (PersistenceException e) {
            throw SqlErrors.translate(e, CONSTRAINTS);
        }
        SqlErrors.flush(em, CONSTRAINTS);
        em.detach(row);
    }

    @Override
    public MarketingPreference insertIfAbsent(MarketingPreference preference) {
        EntityManager em = access.current();
        if (dialect.get() == SqlDialect.POSTGRESQL) {
            try {
                em.createNativeQuery(INSERT_UNLESS_KEY_TAKEN_POSTGRESQL)
                        .setParameter(1, preference.tenantId().value())
                        .setParameter(2, preference.id().value())
                        .setParameter(3, preference.key())
                        .setParameter(4, preference.name())
                        .setParameter(5, preference.wording())
                        .setParameter(6, preference.version())
                        .setParameter(7, preference.channel().name())
                        .executeUpdate();
            } catch (PersistenceException e) {
                throw SqlErrors.translate(e, CONSTRAINTS);
            }
        } else {
            insertUnlessKeyTakenOnH2(em, preference);
        }
        // a new statement: at READ COMMITTED it sees the row another unit committed under the key
        return byKey(em, preference.tenantId().value(), preference.key())
                .orElseThrow(() -> new IllegalStateException("the preference stored under its key vanished"));
    }

    /**
     * H2 has no insert that skips a taken key, and its {@code MERGE} does not wait and then skip:
     * it skips a key committed before it starts, but when another unit's insert of the key has not
     * ended it waits (polling, without showing as a lock waiter) and then fails with a unique
     * violation if that unit committed. Unlike PostgreSQL, H2 keeps a transaction usable after a
     * failed statement, so that one failure is undone to a savepoint and the select that follows
     * finds the committed row. Any other failure propagates.
     */
    private static void insertUnlessKeyTakenOnH2(EntityManager em, MarketingPreference preference) {
        try {
            em.unwrap(Session.class).doWork(connection -> {
                Savepoint beforeMerge = connection.setSavepoint();
                try (PreparedStatement merge = connection.prepareStatement(MERGE_UNLESS_KEY_TAKEN_H2)) {
                    merge.setString(1, preference.tenantId().value());
                    merge.setString(2, preference.key());
                    merge.setObject(3, preference.id().value());
                    merge.setString(4, preference.name());
                    merge.setString(5, preference.wording());
                    merge.setInt(6, preference.version());
                    merge.setString(7, preference.channel().name());
                    merge.executeUpdate();
                } catch (SQLException e) {
                    if (!takenKey(e)) {
                        throw e;
                    }
                    connection.rollback(beforeMerge);
                    return;
                }
                connection.releaseSavepoint(beforeMerge);
            });
        } catch (PersistenceException e) {
            throw SqlErrors.translate(e, CONSTRAINTS);
        }
    }

    private static boolean takenKey(SQLException e) {
        return SqlErrors.UNIQUE_VIOLATION.equals(e.getSQLState())
                && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains(KEY_CONSTRAINT);
    }

    private static Optional<MarketingPreference> byKey(EntityManager em, String tenant, String key) {
        List<PreferenceRow> rows = em.createQuery("select p from PreferenceRow p"
                        + " where p.tenantId = :tenant and p.preferenceKey = :key", PreferenceRow.class)
                .setParameter("tenant", tenant)
                .setParameter("key", key)
                .getResultList();
        rows.forEach(em::detach);
        return rows.stream().findFirst().map(JpaPreferenceRepository::toPreference);
    }

    private static PreferenceRow toRow(MarketingPreference p) {
        PreferenceRow row = new PreferenceRow();
        row.tenantId = p.tenantId().value();
        row.id = p.id().value();
        row.preferenceKey = p.key();
        row.name = p.name();
        row.wording = p.wording();
        row.version = p.version();
        row.channel = p.channel().name();
        return row;
    }

    static MarketingPreference toPreference(PreferenceRow row) {
        return new MarketingPreference(new PreferenceId(row.id), new TenantId(row.tenantId), row.preferenceKey,
                row.name, row.wording, row.version, Channel.valueOf(row.channel));
    }
}
