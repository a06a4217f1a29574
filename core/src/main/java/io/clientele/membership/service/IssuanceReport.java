package io.clientele.membership.service;

import io.clientele.common.Validate;

/**
 * What one run of {@link MembershipIssuanceJob#issueDueCredits()} did: how many {@code credits} it
 * issued, to or for how many {@code memberships} it issued credits or which it ended (the end date
 * had passed), and how many memberships {@code failures} it could not handle. A failed membership
 * is left as it was, logged with its id at {@code WARN}, and retried by the next run; a host alerts
 * on a run whose {@code failures} is not zero rather than reading the log.
 *
 * <p>Immutable and thread-safe.
 */
public record IssuanceReport(int credits, int memberships, int failures) {

    /** A run that found nothing to do. */
    public static final IssuanceReport NOTHING = new IssuanceReport(0, 0, 0);

    public IssuanceReport {
        Validate.range("credits", credits, 0, Integer.MAX_VALUE);
        Validate.range("memberships", memberships, 0, Integer.MAX_VALUE);
        Validate.range("failures", failures, 0, Integer.MAX_VALUE);
    }

    /** True when every membership due was handled. */
    public boolean succeeded() {
        return failures == 0;
    }
}
