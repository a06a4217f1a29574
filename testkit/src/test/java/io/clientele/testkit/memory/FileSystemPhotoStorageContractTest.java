package io.clientele.testkit.memory;

import io.clientele.adapter.filesystem.FileSystemPhotoStorage;
import io.clientele.client.port.PhotoStorage;
import io.clientele.testkit.contract.PhotoStorageContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The shipped file-system photo storage runs the same contract as the in-memory one. */
class FileSystemPhotoStorageContractTest extends PhotoStorageContract {

    @TempDir
    Path root;

    @Override
    protected PhotoStorage createStorage() {
        return new FileSystemPhotoStorage(root);
    }
}
