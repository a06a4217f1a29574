package io.clientele.client.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.model.Client;
import io.clientele.client.model.ImageType;
import io.clientele.client.model.LockScope;
import io.clientele.client.model.PhotoRef;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.PhotoStorage;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.common.Access;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConfigurationException;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.common.InfrastructureException;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads, replaces and removes a client's profile photo through the {@link PhotoStorage} port.
 * Photos larger than the configured limit (default 5 MB) are refused with rule {@code max_size},
 * an empty upload with rule {@code required}. Photos are a lock-covered field group by default.
 *
 * <p>Only JPEG, PNG and WebP are accepted, recognised by their magic bytes (rule {@code
 * unsupported_type}: SVG and everything else are refused). An upload is then read by a real image
 * reader: a malformed header or a body that does not decode cleanly is refused with rule {@code
 * corrupt}; more than {@value #MAX_SIDE_PIXELS} pixels on a side or {@value #MAX_PIXELS} pixels in
 * all with rule {@code dimensions}, before any pixel is decoded (decompression bombs cost nothing).
 * What is stored is a re-encoded copy, at most {@value #STORED_MAX_SIDE_PIXELS} pixels on its
 * longest side and turned upright as its EXIF orientation asks: it keeps no EXIF (GPS position
 * included), XMP, text chunks, comments, colour profile or trailing bytes. A JPEG stays a JPEG and
 * a PNG a PNG; a WebP is stored as a PNG when it has transparent pixels and as a JPEG otherwise
 * (the JDK has no WebP encoder). The returned {@link PhotoRef} gives the stored type and size.
 * Decoding happens before any unit of work is opened.
 *
 * <p>Bytes are written to storage before the profile is updated and the replaced photo is deleted
 * only after the update committed, so a failure never leaves the profile pointing at missing
 * bytes. Stateless and thread-safe.
 */
public final class PhotoService {

    /** The default size limit: 5 MB. */
    public static final long DEFAULT_MAX_BYTES = 5L * 1024 * 1024;

    /** The most pixels an upload may have on either side: 10,000. */
    public static final int MAX_SIDE_PIXELS = 10_000;

    /** The most pixels an upload may have in all: 50 million (a 50-megapixel camera). */
    public static final long MAX_PIXELS = 50_000_000L;

    /**
     * The longest side of a stored photo: 2,048 pixels. Profile photos are shown small, and
     * decoding no more than this bounds the memory each upload takes.
     */
    public static final int STORED_MAX_SIDE_PIXELS = 2048;

    private static final Logger LOG = LoggerFactory.getLogger(PhotoService.class);

    /** What the service needs. */
    public record Ports(
            ClientRepository clients,
            TenantSettingsProvider settings,
            PhotoStorage storage,
            AuditLog audit,
            EventPublisher events,
            TransactionRunner tx,
            Clock clock,
            Ids ids) {

        public Ports {
            ConfigurationException.requirePort(OWNER, "clients", clients);
            ConfigurationException.requirePort(OWNER, "settings", settings);
            ConfigurationException.requirePort(OWNER, "storage", storage);
            ConfigurationException.requirePort(OWNER, "audit", audit);
            ConfigurationException.requirePort(OWNER, "events", events);
            ConfigurationException.requirePort(OWNER, "tx", tx);
            ConfigurationException.requirePort(OWNER, "clock", clock);
            ConfigurationException.requirePort(OWNER, "ids", ids);
        }
    }

    private static final String OWNER = "PhotoService.Ports";

    private final PhotoStorage storage;
    private final TransactionRunner tx;
    private final long maxBytes;
    private final PhotoProcessor processor;
    private final ClientGuard guard;
    private final ChangeRecorder changes;

    /**
     * Builds the service on its ports; {@code Clientele} does this for hosts. {@code maxBytes} is
     * the largest upload accepted ({@link #DEFAULT_MAX_BYTES} by default in {@code Clientele}).
     */
    public PhotoService(Ports ports, long maxBytes) {
        if (maxBytes < 1) {
            throw new ConfigurationException("PhotoService maxBytes must be positive");
        }
        this.storage = ports.storage();
        this.tx = ports.tx();
        this.maxBytes = maxBytes;
        this.processor = new PhotoProcessor(MAX_SIDE_PIXELS, MAX_PIXELS, STORED_MAX_SIDE_PIXELS);
        this.guard = new ClientGuard(ports.clients(), ports.settings());
        this.changes = new ChangeRecorder(ports.clients(), ports.audit(), ports.events(), ports.clock(), ports.ids());
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
     * Sets or replaces the photo with a checked, re-encoded copy of {@code content} (see the class
     * comment); reads at most the size limit plus one byte from it (the caller closes it). Requires
     * {@link Permission#EDIT_CLIENTS} (and {@link Permission#EDIT_LOCKED_CLIENTS} on a locked
     * profile whose lock covers the photo). {@code expectedVersion} is the client's version the
     * staff member saw (the photo lives on the client): a newer one, checked before the upload is
     * read and again when it is saved, is a stale-version {@link
     * io.clientele.common.ConflictException} and nothing is stored, so an upload from a stale screen
     * never replaces a photo a colleague has just put there.
     *
     * @return the client as stored, with its new version; {@link Client#photo()} is where the stored
     *     photo is, with the type and size of the stored bytes
     * @throws ValidationException on field {@code photo}: {@code required}, {@code max_size},
     *     {@code unsupported_type}, {@code corrupt} or {@code dimensions}; nothing is stored then
     */
    public Client upload(Actor actor, TenantId tenant, ClientId id, long expectedVersion, InputStream content) {
        Access.require(actor, Permission.EDIT_CLIENTS, tenant, id);
        Validate.notNull("photo", content);
        // check existence, lock, erasure and version before reading a possibly large upload
        tx.inTransaction(() -> ClientGuard.requireVersion(guard.forPersonalEdit(actor, tenant, id, LockScope.PHOTO),
                expectedVersion));
        // decoded and re-encoded outside any unit of work, as the upload is read
        PhotoProcessor.Processed photo = processor.process(readLimited(content));
        String key = storage.store(tenant, id, photo.type(), photo.content());
        PhotoRef ref = new PhotoRef(key, photo.type(), photo.content().length);
        Replaced replaced;
        try {
            replaced = tx.inTransaction(() -> {
                Client client = ClientGuard.requireVersion(
                        guard.forPersonalEdit(actor, tenant, id, LockScope.PHOTO), expectedVersion);
                Optional<PhotoRef> previous = client.photo();
                Client saved = changes.save(actor, client.withPhoto(ref, changes.now()),
                        previous.isPresent() ? AuditAction.PHOTO_REPLACED : AuditAction.PHOTO_UPLOADED,
                        List.of(new FieldChange("photo", previous.map(PhotoService::describe),
                                Optional.of(describe(ref)))));
                return new Replaced(saved, previous);
            });
        } catch (RuntimeException e) {
            deleteQuietly(tenant, id, key);
            throw e;
        }
        replaced.previous().ifPresent(old -> deleteQuietly(tenant, id, old.key()));
        return replaced.client();
    }

    /** What a photo change stored: the client as saved, and the photo it no longer points at. */
    private record Replaced(Client client, Optional<PhotoRef> previous) {
    }

    /**
     * Removes the photo, if any, seen by the staff member at the client's {@code expectedVersion}
     * (a newer one is a stale-version {@link io.clientele.common.ConflictException}). Same
     * permissions as {@link #upload}.
     *
     * @return the client as stored: with its new version, or as it was when it had no photo
     */
    public Client remove(Actor actor, TenantId tenant, ClientId id, long expectedVersion) {
        Replaced removed = tx.inTransaction(() -> {
            Client client = ClientGuard.requireVersion(
                    guard.forPersonalEdit(actor, tenant, id, LockScope.PHOTO), expectedVersion);
            Optional<PhotoRef> previous = client.photo();
            if (previous.isEmpty()) {
                return new Replaced(client, previous);
            }
            Client saved = changes.save(actor, client.withoutPhoto(changes.now()), AuditAction.PHOTO_REMOVED,
                    List.of(new FieldChange("photo", Optional.of(describe(previous.get())), Optional.empty())));
            return new Replaced(saved, previous);
        });
        removed.previous().ifPresent(old -> deleteQuietly(tenant, id, old.key()));
        return removed.client();
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
        Optional<PhotoRef> ref = tx.inReadOnlyTransaction(
                () -> guard.read(actor, Permission.VIEW_CLIENTS, tenant, id).photo());
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
