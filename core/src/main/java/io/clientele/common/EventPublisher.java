package io.clientele.common;

import java.util.List;

/**
 * Receives the domain events use cases publish ({@code ClientCreated}, {@code ClientErased}, ...).
 * Events are published inside the use case's unit of work, so a transactional publisher (an
 * outbox table, Spring's {@code ApplicationEventPublisher} with transactional listeners) sees
 * exactly the events of committed work.
 *
 * <p>SPI for the host. Implementations must be thread-safe and should not throw; an exception
 * rolls the use case back.
 */
@FunctionalInterface
public interface EventPublisher {

    /** Publishes one event. */
    void publish(DomainEvent event);

    /**
     * Publishes events in list order; a bulk path (a campaign chunk) publishes all its events with
     * one call. By default one {@link #publish} per event; a publisher that writes to a table
     * overrides it with one batch insert.
     */
    default void publishAll(List<? extends DomainEvent> events) {
        for (DomainEvent event : events) {
            publish(event);
        }
    }

    /** A publisher that drops every event. */
    static EventPublisher noop() {
        return event -> { };
    }
}
