package io.clientele.membership.port;

import io.clientele.common.MembershipId;
import io.clientele.common.TenantId;
import java.util.List;

/**
 * Remembers which periods of which memberships have had their credits issued, so each period is
 * issued exactly once however often and however concurrently the issuance job runs. A claim is
 * written in the same unit of work as the credits it guards: if the work rolls back, so does the
 * claim. SPI; implementations must be thread-safe and make {@link #claim} atomic (in SQL a primary
 * key on {@code (tenant_id, membership_id, period_index)} with {@code INSERT ... ON CONFLICT DO
 * NOTHING}).
 */
public interface IssuanceLog {

    /**
     * Records that the period's credits are being issued; true only the first time for this
     * membership and period (a claim rolled back does not count), false if it was claimed before.
     */
    boolean claim(TenantId tenant, MembershipId membershipId, long periodIndex);

    /** The periods claimed for the membership, in ascending order. */
    List<Long> claimedPeriods(TenantId tenant, MembershipId membershipId);
}
