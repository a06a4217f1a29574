package io.clientele.client.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.FieldChange;
import io.clientele.client.model.Client;
import io.clientele.client.model.ImageType;
import io.clientele.client.model.LockScope;
import io.clientele.client.model.PhotoRef;
import io.clientele.client.port.PhotoStorage;
import io.clientele.common.Access;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.InfrastructureException;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads, replaces and removes a client's profile photo through the {@link PhotoStorage} port.
 * Only JPEG, PNG and WebP are accepted, recognised by their magic bytes (rule {@code
 * unsupported_type}: SVG and everything else are refused); photos larger than the configured
 * limit (default 5 MB) are refused with rule {@code max_size}. Photos are a lock-covered field
 * group by default.
 *
 * <p>Bytes are written to storage before the profile is updated and the replaced photo is deleted
 * only after the update committed, so a failure never leaves the profile pointing at missing
 * bytes. Stateless and thread-safe.
 */
public final class PhotoService {

    /** The default size limit: 5 MB. */
    public static final long DEFAULT_MAX_BYTES = 5L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(PhotoService.class);

    private final ClientOperations ops;
    private final PhotoStorage storage;
    private final long maxBytes;

    PhotoService(ClientOperations ops, PhotoStorage storage, long maxBytes) {
        this.ops = ops;
        this.storage = storage;
        this.maxBytes = maxBytes;
    }

    /** A stored photo's bytes with its type. */
    public record Photo(ImageType type, byte[] content) {
        public Photo {
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Photo p && p.type == type && Arrays.equals(p.content, content);
        }

        @Override
        public int hashCode() {
            return 31 * type.hashCode() + Arrays.hashCode(content);
        }

        @Override
        public String toString() {
            return "Photo[" + type + ", " + content.length + " bytes]";
        }
    }

    /**
     * Sets or replaces the photo; reads at most the size limit plus one byte from {@code content}
     * (the caller closes it). Requires {@link Permission#EDIT_CLIENTS} (and {@link
     * Permission#EDIT_LOCKED_CLIENTS} on a locked profile whose lock covers the photo).
     */
    public PhotoRef upload(Actor actor, TenantId tenant, ClientId id, InputStream content) {
        Access.require(actor, Permission.EDIT_CLIENTS, tenant, id);
        Validate.notNull("photo", content);
        // check existence, lock and erasure before reading a possibly large upload
        ops.inTransaction(() -> ops.loadForEdit(actor, tenant, id, LockScope.PHOTO));
        byte[] bytes = readLimited(content);
        ImageType type = ImageType.detect(bytes).orElseThrow(() -> new ValidationException("photo",
                "unsupported_type", "only JPEG, PNG and WebP images are accepted"));
        String key = storage.store(tenant, id, type, bytes);
        PhotoRef ref = new PhotoRef(key, type, bytes.length);
        Optional<PhotoRef> replaced;
        try {
            replaced = ops.inTransaction(() -> {
                Client client = ops.loadForEdit(actor, tenant, id, LockScope.PHOTO);
                Optional<PhotoRef> previous = client.photo();
                ops.save(actor, client.withPhoto(ref, ops.now()),
                        previous.isPresent() ? AuditAction.PHOTO_REPLACED : AuditAction.PHOTO_UPLOADED,
                        List.of(new FieldChange("photo", previous.map(PhotoService::describe),
                                Optional.of(describe(ref)))));
                return previous;
            });
        } catch (RuntimeException e) {
            deleteQuietly(tenant, id, key);
            throw e;
        }
        replaced.ifPresent(old -> deleteQuietly(tenant, id, old.key()));
        return ref;
    }

    /** Removes the photo, if any. Same permissions as {@link #upload}. */
    public void remove(Actor actor, TenantId tenant, ClientId id) {
        Access.require(actor, Permission.EDIT_CLIENTS, tenant, id);
        Optional<PhotoRef> removed = ops.inTransaction(() -> {
            Client client = ops.loadForEdit(actor, tenant, id, LockScope.PHOTO);
            Optional<PhotoRef> previous = client.photo();
            previous.ifPresent(p -> ops.save(actor, client.withoutPhoto(ops.now()), AuditAction.PHOTO_REMOVED,
                    List.of(new FieldChange("photo", Optional.of(describe(p)), Optional.empty()))));
            return previous;
        });
        removed.ifPresent(old -> deleteQuietly(tenant, id, old.key()));
    }

    /**
     * Deletes bytes no profile points at any more. The profile change already committed (or
     * failed for its own reason), so a storage failure here is logged for clean-up, not thrown.
     */
    private void deleteQuietly(TenantId tenant, ClientId id, String key) {
        try {
            storage.delete(tenant, key);
        } catch (RuntimeException e) {
            LOG.warn("orphaned photo left in storage: tenant={} client={} ({})", tenant, id, e.toString());
        }
    }

    /** The photo's bytes, if the client has one. Requires {@link Permission#VIEW_CLIENTS}. */
    public Optional<Photo> load(Actor actor, TenantId tenant, ClientId id) {
        Access.require(actor, Permission.VIEW_CLIENTS, tenant, id);
        Optional<PhotoRef> ref = ops.inTransaction(() -> ops.load(tenant, id).photo());
        return ref.flatMap(r -> storage.load(tenant, r.key()).map(bytes -> new Photo(r.type(), bytes)));
    }

    private byte[] readLimited(InputStream in) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            int n;
            // never ask for more than one byte past the limit, as documented on upload()
            while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, maxBytes + 1 - total))) != -1) {
                total += n;
                if (total > maxBytes) {
                    throw new ValidationException("photo", "max_size", "at most " + maxBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
            if (total == 0) {
                throw new ValidationException("photo", "required", "the upload is empty");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new InfrastructureException("reading the photo upload failed", e);
        }
    }

    private static String describe(PhotoRef ref) {
        return ref.type().mediaType() + ", " + ref.sizeBytes() + " bytes";
    }
}
