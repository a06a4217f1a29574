package io.clientele.adapter.memory;

import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.consent.model.PreferenceId;
import io.clientele.consent.port.PreferenceRepository;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * In-memory {@link PreferenceRepository}; keys unique per tenant. {@link #insertIfAbsent} takes a
 * row lock of the {@link MemoryTransactions} on the tenant and key, as a SQL unique index makes an
 * insert wait for another unit's uncommitted insert of the key. Thread-safe.
 */
public final class InMemoryPreferenceRepository implements PreferenceRepository, InspectableStore {

    private record Key(TenantId tenant, PreferenceId id) {
    }

    /** The row lock of one key of one tenant: what a unique index entry is to a SQL insert. */
    private record KeyLock(TenantId tenant, String key) {
    }

    private final MemoryTransactions tx;
    private final VersionedMap<Key, MarketingPreference> preferences;

    public InMemoryPreferenceRepository(MemoryTransactions tx) {
        this.tx = tx;
        this.preferences = new VersionedMap<>(tx);
    }

    @Override
    public Optional<MarketingPreference> find(TenantId tenant, PreferenceId id) {
        return preferences.get(new Key(tenant, id));
    }

    @Override
    public Optional<MarketingPreference> findByKey(TenantId tenant, String key) {
        return preferences.values(p -> p.tenantId().equals(tenant) && p.key().equals(key)).stream().findFirst();
    }

    @Override
    public List<MarketingPreference> list(TenantId tenant) {
        return preferences.values(p -> p.tenantId().equals(tenant)).stream()
                .sorted(Comparator.comparing(MarketingPreference::key)).toList();
    }

    @Override
    public synchronized void save(MarketingPreference preference) {
        findByKey(preference.tenantId(), preference.key()).filter(p -> !p.id().equals(preference.id()))
                .ifPresent(p -> {
                    throw ConflictException.duplicate("key", "a preference with this key exists");
                });
        Key key = new Key(preference.tenantId(), preference.id());
        preferences.get(key).filter(stored -> stored.version() != preference.version() - 1).ifPresent(stored -> {
            throw ConflictException.staleVersion("preference", preference.id());
        });
        preferences.put(key, preference);
    }

    @Override
    public MarketingPreference insertIfAbsent(MarketingPreference preference) {
        // before the monitor: waiting for another unit must not block every other caller
        tx.lockRow(new KeyLock(preference.tenantId(), preference.key()));
        synchronized (this) {
            Optional<MarketingPreference> stored = findByKey(preference.tenantId(), preference.key());
            if (stored.isPresent()) {
                return stored.get();
            }
            preferences.put(new Key(preference.tenantId(), preference.id()), preference);
            return preference;
        }
    }

    @Override
    public String storeName() {
        return "preferences";
    }

    @Override
    public List<Object> contents() {
        return preferences.contents();
    }
}
