package io.clientele.payment.model;

import io.clientele.common.ClientId;
import io.clientele.common.DomainEvent;
import io.clientele.common.TenantId;
import java.time.Instant;

/** Domain events of the payment context. They carry ids and the kind only, never card details. */
public final class PaymentEvents {

    private PaymentEvents() {
    }

    /** A payment method was saved for a client. */
    public record PaymentMethodAdded(TenantId tenantId, ClientId clientId, PaymentMethodId paymentMethodId,
            PaymentMethodKind kind, Instant occurredAt) implements DomainEvent {
    }

    /** A payment method was detached at the provider and marked cancelled. */
    public record PaymentMethodCancelled(TenantId tenantId, ClientId clientId, PaymentMethodId paymentMethodId,
            Instant occurredAt) implements DomainEvent {
    }
}
