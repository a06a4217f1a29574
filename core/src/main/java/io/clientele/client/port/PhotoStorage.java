package io.clientele.client.port;

import io.clientele.common.ClientId;
import io.clientele.client.model.ImageType;
import io.clientele.common.TenantId;
import java.util.Optional;

/**
 * Keeps profile photo bytes. Clientele hands it only images it encoded itself from a checked
 * upload (a JPEG or PNG without metadata, at most {@code PhotoService.STORED_MAX_SIDE_PIXELS}
 * pixels on its longest side), so an implementation stores them as given and need not inspect
 * them. SPI; thread-safe. Shipped
 * implementations: {@code io.clientele.adapter.filesystem.FileSystemPhotoStorage} (the default for
 * a single studio) and {@code io.clientele.adapter.memory.InMemoryPhotoStorage}.
 */
public interface PhotoStorage {

    /** Stores a photo and returns a key that finds it again. Keys are never reused. */
    String store(TenantId tenant, ClientId client, ImageType type, byte[] content);

    /** The photo bytes, if the key exists in this tenant. */
    Optional<byte[]> load(TenantId tenant, String key);

    /** Deletes the photo; deleting a missing key does nothing. */
    void delete(TenantId tenant, String key);
}
