package io.clientele.adapter.filesystem;

import io.clientele.client.model.ImageType;
import io.clientele.client.port.PhotoStorage;
import io.clientele.common.ClientId;
import io.clientele.common.InfrastructureException;
import io.clientele.common.TenantId;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Keeps profile photos as files under a root directory: {@code <root>/<tenant>/<client>/<random>.<ext>},
 * where the tenant folder is {@code t-<id>} for lower-case ids and {@code x-<hex of id>} otherwise
 * (safe on case-insensitive file systems).
 * Files are written to a temporary name and moved into place, so a reader never sees half a
 * photo. Keys are checked against a strict pattern before they touch the file system, so a forged
 * key cannot escape the tenant's directory.
 *
 * <p>Thread-safe. The root directory is created on first use.
 */
public final class FileSystemPhotoStorage implements PhotoStorage {

    private static final Pattern KEY = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.(jpeg|png|webp)");

    private final Path root;

    /** Stores photos under {@code root}. */
    public FileSystemPhotoStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String store(TenantId tenant, ClientId client, ImageType type, byte[] content) {
        String key = client + "/" + UUID.randomUUID() + "." + type.name().toLowerCase(Locale.ROOT);
        Path target = resolve(tenant, key).orElseThrow();
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
            try {
                Files.write(temp, content);
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            return key;
        } catch (IOException e) {
            throw new InfrastructureException("storing a photo failed", e);
        }
    }

    @Override
    public Optional<byte[]> load(TenantId tenant, String key) {
        Optional<Path> path = resolve(tenant, key);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(path.get()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new InfrastructureException("reading a photo failed", e);
        }
    }

    @Override
    public void delete(TenantId tenant, String key) {
        Optional<Path> path = resolve(tenant, key);
        if (path.isEmpty()) {
            return;
        }
        try {
            Files.deleteIfExists(path.get());
        } catch (IOException e) {
            throw new InfrastructureException("deleting a photo failed", e);
        }
    }

    private Optional<Path> resolve(TenantId tenant, String key) {
        if (!KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        Path tenantRoot = root.resolve(tenantDirectory(tenant));
        Path path = tenantRoot.resolve(key).normalize();
        return path.startsWith(tenantRoot) ? Optional.of(path) : Optional.empty();
    }

    /**
     * The tenant's folder name. Tenant ids are case-sensitive but some file systems are not, so an
     * id with upper-case letters is hex-encoded; the prefixes keep the two forms from colliding.
     */
    static String tenantDirectory(TenantId tenant) {
        String value = tenant.value();
        if (value.equals(value.toLowerCase(Locale.ROOT))) {
            return "t-" + value;
        }
        return "x-" + HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8));
    }
}
