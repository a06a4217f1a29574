package io.clientele.order.model;

import io.clientele.common.ClientId;
import io.clientele.common.DomainEvent;
import io.clientele.common.OrderId;
import io.clientele.common.TenantId;
import java.time.Instant;

/** Domain events of the order context. They carry ids and counts only, never personal data. */
public final class OrderEvents {

    private OrderEvents() {
    }

    /** An order was placed; {@code packageCredits} credits were granted with it. */
    public record OrderPlaced(TenantId tenantId, OrderId orderId, ClientId leadBooker, int packageCredits,
            Instant occurredAt) implements DomainEvent {
    }

    /**
     * An order was cancelled: {@code creditsRevoked} of its package credits were revoked, {@code
     * creditsKept} were already redeemed, expired or revoked and stay so (see {@link Cancellation}).
     */
    public record OrderCancelled(TenantId tenantId, OrderId orderId, ClientId leadBooker, int creditsRevoked,
            int creditsKept, Instant occurredAt) implements DomainEvent {
    }
}
