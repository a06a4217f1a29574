package io.clientele.adapter.memory;

import io.clientele.common.DomainEvent;
import io.clientele.common.EventPublisher;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link EventPublisher} that keeps every published event; events of a unit of work that
 * rolls back are dropped. Thread-safe.
 */
public final class InMemoryEventPublisher implements EventPublisher, InspectableStore {

    private final RollbackList<DomainEvent> events;

    public InMemoryEventPublisher(MemoryTransactions tx) {
        this.events = new RollbackList<>(tx);
    }

    @Override
    public void publish(DomainEvent event) {
        events.add(event);
    }

    /** Keeps the batch with one append, so a campaign chunk's events cost one copy of the list. */
    @Override
    public void publishAll(List<? extends DomainEvent> batch) {
        events.addAll(batch);
    }

    /** Every event published so far, in order. */
    public List<DomainEvent> events() {
        return events.snapshot();
    }

    /** The published events of one type, in order. */
    public <E extends DomainEvent> List<E> events(Class<E> type) {
        List<E> out = new ArrayList<>();
        for (DomainEvent event : events.snapshot()) {
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
        return events.contents();
    }
}
