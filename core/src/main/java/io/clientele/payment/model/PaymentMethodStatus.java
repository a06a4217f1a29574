package io.clientele.payment.model;

/** Whether a saved payment method can still be charged: {@code ACTIVE} -> {@code CANCELLED}, never back. */
public enum PaymentMethodStatus {
    /** Saved at the provider and usable. */
    ACTIVE,
    /** Detached at the provider; kept for the record. */
    CANCELLED
}
