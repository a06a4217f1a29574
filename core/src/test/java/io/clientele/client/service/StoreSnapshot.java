package io.clientele.client.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.adapter.memory.InspectableStore;
import io.clientele.testing.TestClientele;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the in-memory adapters hold (clients, labels, groups, notes, audit entries, photos,
 * published events), to assert that a rejected command changed nothing anywhere.
 */
record StoreSnapshot(Map<String, List<Object>> contents) {

    static StoreSnapshot of(TestClientele t) {
        Map<String, List<Object>> contents = new LinkedHashMap<>();
        for (InspectableStore store : t.memory.stores()) {
            contents.put(store.storeName(), List.copyOf(store.contents()));
        }
        return new StoreSnapshot(contents);
    }

    /** Fails unless every store holds exactly what it held when this snapshot was taken. */
    void assertUnchangedIn(TestClientele t) {
        StoreSnapshot now = of(t);
        assertThat(now.contents.keySet()).isEqualTo(contents.keySet());
        contents.forEach((store, before) -> assertThat(now.contents.get(store))
                .as("contents of store '%s'", store)
                .containsExactlyInAnyOrderElementsOf(before));
    }
}
