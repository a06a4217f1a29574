package io.clientele.credit.model;

import io.clientele.common.Validate;

/**
 * The outcome of asking a client's ledger to pay for a booking: either a credit was {@link
 * Redeemed} (the one that expires soonest), or the client has {@link NoCreditAvailable no credit
 * that can pay right now}. Having no credit is a normal outcome a booking flow branches on (offer
 * to buy a package, for example), so it is a result, not an exception.
 *
 * <p>Implementations are immutable records and thread-safe.
 */
public sealed interface RedeemResult permits RedeemResult.Redeemed, RedeemResult.NoCreditAvailable {

    /** The credit that now pays for the booking, in state {@code REDEEMED}, as stored. */
    record Redeemed(Credit credit) implements RedeemResult {
        public Redeemed {
            Validate.notNull("credit", credit);
        }
    }

    /**
     * The client holds no credit that is redeemable and not past its expiry; nothing was changed.
     */
    record NoCreditAvailable() implements RedeemResult {
    }
}
