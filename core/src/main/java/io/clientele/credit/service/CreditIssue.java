package io.clientele.credit.service;

import io.clientele.common.MembershipId;
import io.clientele.common.Text;
import io.clientele.common.Validate;
import java.time.Instant;
import java.util.Optional;

/**
 * What staff ask for with the profile's "+Issue" button ({@link CreditService#issueMembershipCredits}):
 * how many credits, why, and optionally for which of the client's memberships and until when. Start
 * from {@link #of(int, String)} and add {@link #forMembership} or {@link #expiringAt}; by default
 * the credits belong to no particular membership and never expire.
 *
 * <p>Validated on construction: {@code count} from 1 to {@value CreditService#MAX_MANUAL_ISSUE}
 * (rule {@code range}); {@code reason} required, one line of at most {@value
 * CreditService#MAX_REASON} characters. Whether the expiry lies in the future, and whether the
 * membership is an active one of the client, is checked by the service, which knows the time and
 * the client. Immutable and thread-safe.
 */
public record CreditIssue(int count, Optional<MembershipId> membershipId, Optional<Instant> expiresAt,
        String reason) {

    public CreditIssue {
        Validate.range("count", count, 1, CreditService.MAX_MANUAL_ISSUE);
        Validate.notNull("membershipId", membershipId);
        Validate.notNull("expiresAt", expiresAt);
        reason = Text.singleLine("reason", Validate.notBlank("reason", reason), CreditService.MAX_REASON);
    }

    /** {@code count} credits of no particular membership that never expire. */
    public static CreditIssue of(int count, String reason) {
        return new CreditIssue(count, Optional.empty(), Optional.empty(), reason);
    }

    /** This issue, for one of the client's memberships. */
    public CreditIssue forMembership(MembershipId membership) {
        return new CreditIssue(count, Optional.of(Validate.notNull("membershipId", membership)), expiresAt, reason);
    }

    /** This issue, with credits that expire at {@code expiry}. */
    public CreditIssue expiringAt(Instant expiry) {
        return new CreditIssue(count, membershipId, Optional.of(Validate.notNull("expiresAt", expiry)), reason);
    }
}
