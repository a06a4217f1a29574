package io.clientele.credit.model;

import io.clientele.common.Validate;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a credit came from: a {@link Kind#MEMBERSHIP membership} (issued by hand by staff or by
 * the recurring-issuance job; {@code reference} is the client's membership, if any) or a {@link
 * Kind#PACKAGE package} bought in an order ({@code reference} is the order; package credits only
 * ever come from an order). Immutable and thread-safe.
 */
public record CreditSource(Kind kind, Optional<UUID> reference) {

    /** The kinds of source. */
    public enum Kind {
        /** A membership's credits. */
        MEMBERSHIP,
        /** A package bought in an order. */
        PACKAGE
    }

    public CreditSource {
        Validate.notNull("source.kind", kind);
        Validate.notNull("source.reference", reference);
    }

    /** Credits of a membership (or of no particular membership when issued by hand). */
    public static CreditSource membership(Optional<UUID> membershipId) {
        return new CreditSource(Kind.MEMBERSHIP, membershipId);
    }

    /** Credits of a package bought in an order. */
    public static CreditSource order(UUID orderId) {
        return new CreditSource(Kind.PACKAGE, Optional.of(orderId));
    }
}
