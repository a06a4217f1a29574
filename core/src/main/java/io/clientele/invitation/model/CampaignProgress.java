package io.clientele.invitation.model;

/**
 * A campaign's counters: clients considered so far, mails enqueued, and clients skipped per
 * reason. Immutable and thread-safe.
 */
public record CampaignProgress(long considered, long enqueued, long skippedAccepted, long skippedUnsubscribed,
        long skippedNoEmail, long skippedBounced, long skippedErased, long skippedInCooldown,
        long skippedAlreadyInCampaign) {

    /** All zero. */
    public static final CampaignProgress NONE = new CampaignProgress(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** These counters plus one outcome. */
    public CampaignProgress plus(InviteOutcome outcome) {
        long e = enqueued;
        long a = skippedAccepted;
        long u = skippedUnsubscribed;
        long n = skippedNoEmail;
        long b = skippedBounced;
        long r = skippedErased;
        long c = skippedInCooldown;
        long d = skippedAlreadyInCampaign;
        if (outcome instanceof InviteOutcome.Enqueued) {
            e++;
        } else if (outcome instanceof InviteOutcome.Skipped skipped) {
            switch (skipped.reason()) {
                case ACCEPTED -> a++;
                case UNSUBSCRIBED -> u++;
                case NO_EMAIL -> n++;
                case BOUNCED -> b++;
                case ERASED -> r++;
                case IN_COOLDOWN -> c++;
                case ALREADY_IN_CAMPAIGN -> d++;
            }
        }
        return new CampaignProgress(considered + 1, e, a, u, n, b, r, c, d);
    }
}
