package io.clientele.credit.model;

import io.clientele.common.MembershipId;
import io.clientele.common.OrderId;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.util.Optional;

/**
 * Where a credit came from: a {@link Kind#MEMBERSHIP membership} (issued by hand by staff or by
 * the recurring-issuance job; {@code membershipId} is the client's membership, if any) or a {@link
 * Kind#PACKAGE package} bought in an order ({@code orderId} is the order; package credits only ever
 * come from an order). Build one with {@link #membership()}, {@link #membership(MembershipId)} or
 * {@link #order(OrderId)}; the constructor refuses an order id on a membership source, and a
 * package source without its order or with a membership (field {@code source}, rule {@code
 * reference}). Immutable and thread-safe.
 */
public record CreditSource(Kind kind, Optional<MembershipId> membershipId, Optional<OrderId> orderId) {

    /** The kinds of source. */
    public enum Kind {
        /** A membership's credits. */
        MEMBERSHIP,
        /** A package bought in an order. */
        PACKAGE
    }

    public CreditSource {
        Validate.notNull("source.kind", kind);
        Validate.notNull("source.membershipId", membershipId);
        Validate.notNull("source.orderId", orderId);
        boolean consistent = kind == Kind.MEMBERSHIP ? orderId.isEmpty() : orderId.isPresent() && membershipId.isEmpty();
        if (!consistent) {
            throw new ValidationException("source", "reference",
                    "a membership source names at most a membership, a package source exactly its order");
        }
    }

    /** Membership credits of no particular membership (issued by hand without naming one). */
    public static CreditSource membership() {
        return new CreditSource(Kind.MEMBERSHIP, Optional.empty(), Optional.empty());
    }

    /** Credits of this membership. */
    public static CreditSource membership(MembershipId membershipId) {
        return new CreditSource(Kind.MEMBERSHIP, Optional.of(Validate.notNull("membershipId", membershipId)),
                Optional.empty());
    }

    /** Credits of a package bought in this order. */
    public static CreditSource order(OrderId orderId) {
        return new CreditSource(Kind.PACKAGE, Optional.empty(), Optional.of(Validate.notNull("orderId", orderId)));
    }

    /**
     * The id of the membership or order this source names, as text (for the audit trail and the
     * data export); empty for membership credits of no particular membership.
     */
    public Optional<String> reference() {
        return membershipId.map(MembershipId::toString).or(() -> orderId.map(OrderId::toString));
    }
}
