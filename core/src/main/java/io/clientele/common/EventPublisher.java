package io.clientele.common;

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

    /** A publisher that drops every event. */
    static EventPublisher noop() {
        return event -> { };
    }
}
