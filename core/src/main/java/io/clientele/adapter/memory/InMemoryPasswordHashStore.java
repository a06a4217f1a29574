package io.clientele.adapter.memory;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import io.clientele.invitation.port.PasswordHashStore;
import java.util.List;
import java.util.Optional;

/**
 * In-memory {@link PasswordHashStore}: one PHC hash string per tenant and client. Writes roll back
 * with a failed unit of work. Thread-safe.
 */
public final class InMemoryPasswordHashStore implements PasswordHashStore, InspectableStore {

    private final VersionedMap<Key, StoredHash> hashes;

    public InMemoryPasswordHashStore(MemoryTransactions tx) {
        this.hashes = new VersionedMap<>(tx);
    }

    @Override
    public void save(TenantId tenant, ClientId client, String phcHash) {
        Validate.notBlank("phcHash", phcHash);
        hashes.put(new Key(tenant, client), new StoredHash(tenant, client, phcHash));
    }

    @Override
    public Optional<String> find(TenantId tenant, ClientId client) {
        return hashes.get(new Key(tenant, client)).map(StoredHash::phcHash);
    }

    @Override
    public void delete(TenantId tenant, ClientId client) {
        hashes.remove(new Key(tenant, client));
    }

    @Override
    public String storeName() {
        return "credentials";
    }

    @Override
    public List<Object> contents() {
        return hashes.contents();
    }

    private record Key(TenantId tenant, ClientId client) {
        Key {
            Validate.notNull("tenantId", tenant);
            Validate.notNull("clientId", client);
        }
    }

    /** One stored hash with its owner, as the storage scans of tests see it. */
    record StoredHash(TenantId tenantId, ClientId clientId, String phcHash) {
    }
}
