package io.clientele.adapter.memory;

import io.clientele.common.DomainEvent;
import io.clientele.common.EventPublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link EventPublisher} that keeps every published event; events of a unit of work that
 * rolls back are dropped. Thread-safe.
 */
public final class InMemoryEventPublisher implements EventPublisher, InspectableStore {

    private final CopyOnWriteArrayList<DomainEvent> events = new CopyOnWriteArrayList<>();
    private final MemoryTransactions tx;

    public InMemoryEventPublisher(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void publish(DomainEvent event) {
        events.add(event);
        tx.onRollback(() -> events.remove(event));
    }

    /** Every event published so far, in order. */
    public List<DomainEvent> events() {
        return List.copyOf(events);
    }

    /** The published events of one type, in order. */
    public <E extends DomainEvent> List<E> events(Class<E> type) {
        List<E> out = new ArrayList<>();
        for (DomainEvent event : events) {
            if (type.isInstance(event)) {
                out.add(type.cast(event));
            }
        }
        return out;
    }

    @Override
    public String storeName() {
        return "events";
    }

    @Override
    public List<Object> contents() {
        return new ArrayList<>(events);
    }
}
