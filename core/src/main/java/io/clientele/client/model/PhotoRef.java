package io.clientele.client.model;

import io.clientele.common.Validate;

/**
 * Where a profile photo is kept: the {@code key} the photo storage returned, with the type and
 * size in bytes of the stored image (which Clientele re-encodes, so neither need match the
 * upload). Immutable and thread-safe.
 */
public record PhotoRef(String key, ImageType type, long sizeBytes) {
    public PhotoRef {
        Validate.notBlank("photo.key", key);
        Validate.notNull("photo.type", type);
    }
}
