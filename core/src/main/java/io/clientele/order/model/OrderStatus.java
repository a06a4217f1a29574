package io.clientele.order.model;

/** Where an order stands. The only transition is {@code PLACED -> CANCELLED}. */
public enum OrderStatus {
    /** Placed by staff; its package credits were granted. */
    PLACED,
    /** Cancelled by staff; its still-redeemable package credits were revoked. Final. */
    CANCELLED
}
