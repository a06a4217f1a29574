package io.clientele.credit.model;

import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One credit in a client's ledger: its source, when it was issued, its optional expiry, its state,
 * the booking it paid for (while redeemed), who changed it last and why. A credit past its expiry
 * is never redeemable, even before the expiry sweep marks it {@code EXPIRED}. Transitions:
 * redeemable -> redeemed | revoked | expired; redeemed -> redeemable (booking cancelled in time)
 * | expired (booking cancelled after the expiry). Any other change is a {@link ConflictException}.
 *
 * <p>Immutable and thread-safe; changes return new instances stored with a version check.
 */
public record Credit(
        UUID id,
        TenantId tenantId,
        ClientId clientId,
        CreditSource source,
        Instant issuedAt,
        Optional<Instant> expiresAt,
        CreditState state,
        Optional<String> bookingRef,
        String changedBy,
        String reason,
        Instant changedAt,
        long version) {

    public Credit {
        Validate.notNull("id", id);
        Validate.notNull("tenantId", tenantId);
        Validate.notNull("clientId", clientId);
        Validate.notNull("source", source);
        Validate.notNull("issuedAt", issuedAt);
        Validate.notNull("expiresAt", expiresAt);
        Validate.notNull("state", state);
        Validate.notNull("bookingRef", bookingRef);
        Validate.notBlank("changedBy", changedBy);
        Validate.notNull("reason", reason);
        Validate.notNull("changedAt", changedAt);
    }

    /** A new redeemable credit. */
    public static Credit issue(UUID id, TenantId tenant, ClientId client, CreditSource source, Instant now,
            Optional<Instant> expiresAt, String actor, String reason) {
        return new Credit(id, tenant, client, source, now, expiresAt, CreditState.REDEEMABLE, Optional.empty(), actor,
                reason, now, 0);
    }

    /** True when the credit's expiry has passed at {@code now}. */
    public boolean isPastExpiry(Instant now) {
        return expiresAt.map(e -> !now.isBefore(e)).orElse(false);
    }

    /** True when the credit can pay for a booking at {@code now}. */
    public boolean isRedeemableAt(Instant now) {
        return state == CreditState.REDEEMABLE && !isPastExpiry(now);
    }

    /** Redeemed for a booking. */
    public Credit redeem(String booking, String actor, String why, Instant now) {
        if (!isRedeemableAt(now)) {
            throw ConflictException.illegalState("credit " + id + " is not redeemable");
        }
        return change(CreditState.REDEEMED, Optional.of(booking), actor, why, now);
    }

    /** Revoked by staff; only a redeemable credit can be. */
    public Credit revoke(String actor, String why, Instant now) {
        if (state != CreditState.REDEEMABLE) {
            throw ConflictException.illegalState("only a redeemable credit can be revoked; this one is " + state);
        }
        return change(CreditState.REVOKED, Optional.empty(), actor, why, now);
    }

    /** Marked expired (by the sweep); only a redeemable credit past its expiry can be. */
    public Credit expire(String actor, Instant now) {
        if (state != CreditState.REDEEMABLE || !isPastExpiry(now)) {
            throw ConflictException.illegalState("credit " + id + " is not due to expire");
        }
        return change(CreditState.EXPIRED, Optional.empty(), actor, "expired", now);
    }

    /**
     * The booking it paid for was cancelled: the credit is redeemable again, or expired if its
     * expiry has passed meanwhile.
     */
    public Credit reinstate(String actor, String why, Instant now) {
        if (state != CreditState.REDEEMED) {
            throw ConflictException.illegalState("only a redeemed credit can be reinstated; this one is " + state);
        }
        return change(isPastExpiry(now) ? CreditState.EXPIRED : CreditState.REDEEMABLE, Optional.empty(), actor, why,
                now);
    }

    /** This credit with the stored version (used by repositories). */
    public Credit withVersion(long newVersion) {
        return new Credit(id, tenantId, clientId, source, issuedAt, expiresAt, state, bookingRef, changedBy, reason,
                changedAt, newVersion);
    }

    private Credit change(CreditState next, Optional<String> booking, String actor, String why, Instant now) {
        return new Credit(id, tenantId, clientId, source, issuedAt, expiresAt, next, booking, actor, why, now, version);
    }
}
