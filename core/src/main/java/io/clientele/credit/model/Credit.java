package io.clientele.credit.model;

import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import java.time.Instant;
import java.util.Optional;

/**
 * One credit in a client's ledger: its source, when it was issued, its optional expiry, its state,
 * the booking it paid for (while redeemed), who changed it last and why. Transitions: redeemable
 * -> redeemed | revoked | expired; redeemed -> redeemable (booking cancelled in time) | expired
 * (booking cancelled after the expiry). Any other change is a {@link ConflictException}.
 *
 * <p>{@code state} is the stored state. A credit past its expiry is {@code EXPIRED} from that
 * instant on, before the expiry sweep has recorded it: it is never redeemable, and {@link
 * #stateAt} and {@link #asSeenAt} give the state every reader shows (listings, balances, the data
 * export). Revoking it records the expiry instead ({@link #revokeOrExpire}).
 *
 * <p>Immutable and thread-safe; changes return new instances stored with a version check.
 */
public record Credit(
        CreditId id,
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

    /** A new redeemable credit that never expires. */
    public static Credit issue(CreditId id, TenantId tenant, ClientId client, CreditSource source, Instant now,
            String actor, String reason) {
        return new Credit(id, tenant, client, source, now, Optional.empty(), CreditState.REDEEMABLE, Optional.empty(),
                actor, reason, now, 0);
    }

    /** A new redeemable credit that expires at {@code expiresAt}. */
    public static Credit issue(CreditId id, TenantId tenant, ClientId client, CreditSource source, Instant now,
            Instant expiresAt, String actor, String reason) {
        return new Credit(id, tenant, client, source, now, Optional.of(Validate.notNull("expiresAt", expiresAt)),
                CreditState.REDEEMABLE, Optional.empty(), actor, reason, now, 0);
    }

    /** True when the credit's expiry has passed at {@code now}. */
    public boolean isPastExpiry(Instant now) {
        return expiresAt.map(e -> !now.isBefore(e)).orElse(false);
    }

    /**
     * The credit's effective state at {@code now}: {@code EXPIRED} for a stored {@code REDEEMABLE}
     * credit past its expiry, the stored state otherwise.
     */
    public CreditState stateAt(Instant now) {
        return isUnrecordedExpiry(now) ? CreditState.EXPIRED : state;
    }

    /**
     * This credit as readers see it at {@code now}: a copy in state {@code EXPIRED} when it is
     * stored {@code REDEEMABLE} but past its expiry, else this credit. Only the state differs from
     * the stored credit; it is a view, never to be stored (the expiry is stored by {@link #expire},
     * which the ledger records).
     */
    public Credit asSeenAt(Instant now) {
        return isUnrecordedExpiry(now)
                ? new Credit(id, tenantId, clientId, source, issuedAt, expiresAt, CreditState.EXPIRED, bookingRef,
                        changedBy, reason, changedAt, version)
                : this;
    }

    /** True when the credit is stored {@code REDEEMABLE} but past its expiry: expired, not yet recorded so. */
    public boolean isUnrecordedExpiry(Instant now) {
        return state == CreditState.REDEEMABLE && isPastExpiry(now);
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

    /**
     * Revoked by staff; only a redeemable credit not past its expiry can be (one past it is expired:
     * see {@link #revokeOrExpire}).
     */
    public Credit revoke(String actor, String why, Instant now) {
        if (stateAt(now) != CreditState.REDEEMABLE) {
            throw ConflictException.illegalState("only a redeemable credit can be revoked; this one is "
                    + stateAt(now));
        }
        return change(CreditState.REVOKED, Optional.empty(), actor, why, now);
    }

    /**
     * Revoked by staff, or, when it is past its expiry already, recorded as expired (it expired
     * before anyone revoked it; reason {@code "expired"}). Only a redeemable credit can be either.
     */
    public Credit revokeOrExpire(String actor, String why, Instant now) {
        return isUnrecordedExpiry(now) ? expire(actor, now) : revoke(actor, why, now);
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
