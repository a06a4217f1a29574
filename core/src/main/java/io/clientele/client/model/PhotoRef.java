package io.clientele.client.model;

import io.clientele.common.Validate;

/**
 * Where a profile photo is kept: the {@code key} the photo storage returned, with the detected
 * type and size in bytes. Immutable and thread-safe.
 */
public record PhotoRef(String key, ImageType type, long sizeBytes) {
    public PhotoRef {
        Validate.notBlank("photo.key", key);
        Validate.notNull("photo.type", type);
    }
}
