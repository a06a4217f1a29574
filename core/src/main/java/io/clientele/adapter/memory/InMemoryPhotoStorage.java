package io.clientele.adapter.memory;

import io.clientele.client.model.ImageType;
import io.clientele.client.port.PhotoStorage;
import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory {@link PhotoStorage}. Like a file system or object store it is not transactional:
 * Clientele orders its calls so that a failure never leaves a profile pointing at missing bytes.
 * Thread-safe.
 */
public final class InMemoryPhotoStorage implements PhotoStorage, InspectableStore {

    private record Key(TenantId tenant, String key) {
    }

    private final ConcurrentHashMap<Key, byte[]> photos = new ConcurrentHashMap<>();

    @Override
    public String store(TenantId tenant, ClientId client, ImageType type, byte[] content) {
        String key = client + "/" + UUID.randomUUID() + "." + type.name().toLowerCase(java.util.Locale.ROOT);
        photos.put(new Key(tenant, key), content.clone());
        return key;
    }

    @Override
    public Optional<byte[]> load(TenantId tenant, String key) {
        return Optional.ofNullable(photos.get(new Key(tenant, key))).map(byte[]::clone);
    }

    @Override
    public void delete(TenantId tenant, String key) {
        photos.remove(new Key(tenant, key));
    }

    /** How many photos are stored, for tests. */
    public int size() {
        return photos.size();
    }

    @Override
    public String storeName() {
        return "photos";
    }

    @Override
    public List<Object> contents() {
        return photos.values().stream().<Object>map(bytes -> new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)).toList();
    }
}
