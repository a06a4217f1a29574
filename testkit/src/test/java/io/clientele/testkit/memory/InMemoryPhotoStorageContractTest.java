package io.clientele.testkit.memory;

import io.clientele.adapter.memory.InMemoryPhotoStorage;
import io.clientele.client.port.PhotoStorage;
import io.clientele.testkit.contract.PhotoStorageContract;

class InMemoryPhotoStorageContractTest extends PhotoStorageContract {

    @Override
    protected PhotoStorage createStorage() {
        return new InMemoryPhotoStorage();
    }
}
