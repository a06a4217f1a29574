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
     * Publishes events in order, for bulk paths (the mail dispatcher publishes a batch's events
     * with one call). By default it publishes each in turn; a publisher that writes events to a
     * table overrides it with one batched insert.
     */
    default void publishAll(List<? extends DomainEvent> events) {
        events.forEach(this::publish);
    }

    /** A publisher that drops every event. */
    static EventPublisher noop() {
        return event -> { };
    }
}
