package io.clientele.examples;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Files and folders only their owner may read: the demo's database and mails hold live tokens, so
 * on a POSIX file system its folders are created {@code rwx------} and its files {@code
 * rw-------}, whatever the umask. Elsewhere (Windows) the platform's defaults apply. Stateless and
 * thread-safe.
 */
final class OwnerOnly {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /** Creates {@code folder} (and missing parents) owner-only; an existing folder is left as it is. */
    static void createFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        Path parent = folder.toAbsolutePath().getParent();
        if (parent != null && !Files.exists(parent)) {
            createFolder(parent);
        }
        if (POSIX) {
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(FOLDER));
            // the umask may have taken bits off the attribute; what is left must be exactly owner-only
            Files.setPosixFilePermissions(folder, FOLDER);
        } else {
            Files.createDirectory(folder);
        }
    }

    /** A new owner-only file at {@code file} (replacing one already there), open for writing. */
    static OutputStream newFile(Path file) throws IOException {
        Files.deleteIfExists(file);
        if (POSIX) {
            FileAttribute<Set<PosixFilePermission>> attribute = PosixFilePermissions.asFileAttribute(FILE);
            Files.createFile(file, attribute);
        }
        return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Writes {@code bytes} to a new owner-only file at {@code file}. */
    static void write(Path file, byte[] bytes) throws IOException {
        try (OutputStream out = newFile(file)) {
            out.write(bytes);
        }
    }

    /**
     * Makes what is already in {@code folder} owner-only: for files another library created there
     * (H2's database files), with the umask's permissions.
     */
    static void restrictContents(Path folder) throws IOException {
        if (!POSIX || !Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.toList()) {
                Files.setPosixFilePermissions(p, Files.isDirectory(p) ? FOLDER : FILE);
            }
        }
    }
}
