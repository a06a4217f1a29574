package io.clientele.payment.model;

/** What kind of payment method the provider saved. */
public enum PaymentMethodKind {
    /** A debit or credit card. */
    CARD,
    /** A SEPA direct debit mandate. */
    SEPA_DEBIT,
    /** A wallet such as Apple Pay, Google Pay or PayPal. */
    WALLET,
    /** Anything else the provider offers. */
    OTHER
}
