package io.clientele.invitation.model;

/**
 * What starting a campaign would do, per outcome: how many clients would be sent an invitation and
 * how many would be skipped because they already accepted, unsubscribed, have no email, have an
 * address that bounced, were erased, or are within the resend cooldown. Immutable and thread-safe.
 */
public record PreviewCounts(long willSend, long accepted, long unsubscribed, long noEmail, long bounced,
        long erased, long inCooldown) {

    /** Every client the target covers. */
    public long total() {
        return willSend + accepted + unsubscribed + noEmail + bounced + erased + inCooldown;
    }
}
