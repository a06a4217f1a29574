package io.clientele.adapter.memory;

import java.util.List;

/**
 * An in-memory store that can list everything it holds, for tests that scan storage (for example,
 * that an erased client's personal data is gone everywhere).
 */
public interface InspectableStore {

    /** A short name of the store. */
    String storeName();

    /** Every object the store holds, in no particular order. */
    List<Object> contents();
}
