package io.clientele.credit.model;

/** Where a credit stands. Every credit is in exactly one state. */
public enum CreditState {
    /** Can pay for a booking (while not past its expiry). */
    REDEEMABLE,
    /** Paid for a booking. */
    REDEEMED,
    /** Taken back by staff. */
    REVOKED,
    /** Its expiry passed before it was used. */
    EXPIRED
}
