package io.clientele.invitation.service;

import io.clientele.common.ConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * How invitations, links and the mail dispatcher behave. Links are built from configured base
 * URLs, never from request headers: the tenant id and the token are appended as the {@code tenant}
 * and {@code token} query parameters ({@code base?tenant=<tenant id>&token=<token>}); the host's
 * page passes both to {@code ActivationService}.
 * {@link #withLinks} sets the three base URLs (https required) and these defaults: invitation links
 * valid 14 days, password-reset links 1 hour, unsubscribe links 365 days; at most 5 live invitation
 * links per client (applied when a mail is sent: the oldest go, never the one just sent, and a
 * failed send revokes only its own links); a 24 hour resend cooldown; campaigns enqueue in chunks of 500 clients;
 * the dispatcher claims 100 mails per batch for a 5 minute lease, retries transient failures up
 * to 8 attempts with exponential backoff from 1 minute to 6 hours, and sends without a rate limit
 * (0 messages per second).
 *
 * <p>Immutable and thread-safe.
 */
public record InvitationConfig(
        URI activationBaseUrl,
        URI passwordResetBaseUrl,
        URI unsubscribeBaseUrl,
        Duration invitationLinkLifetime,
        Duration passwordResetLinkLifetime,
        Duration unsubscribeLinkLifetime,
        int maxLiveInvitationLinks,
        Duration resendCooldown,
        int campaignChunkSize,
        int dispatchBatchSize,
        Duration dispatchLease,
        int maxSendAttempts,
        Duration retryBackoffBase,
        Duration retryBackoffMax,
        double maxMessagesPerSecond) {

    public InvitationConfig {
        requireHttps("activationBaseUrl", activationBaseUrl);
        requireHttps("passwordResetBaseUrl", passwordResetBaseUrl);
        requireHttps("unsubscribeBaseUrl", unsubscribeBaseUrl);
        requirePositive("invitationLinkLifetime", invitationLinkLifetime);
        requirePositive("passwordResetLinkLifetime", passwordResetLinkLifetime);
        requirePositive("unsubscribeLinkLifetime", unsubscribeLinkLifetime);
        requireRange("maxLiveInvitationLinks", maxLiveInvitationLinks, 1, 100);
        if (resendCooldown == null || resendCooldown.isNegative()) {
            throw new ConfigurationException("resendCooldown must be zero or positive");
        }
        requireRange("campaignChunkSize", campaignChunkSize, 1, 10_000);
        requireRange("dispatchBatchSize", dispatchBatchSize, 1, 10_000);
        requirePositive("dispatchLease", dispatchLease);
        requireRange("maxSendAttempts", maxSendAttempts, 1, 100);
        requirePositive("retryBackoffBase", retryBackoffBase);
        requirePositive("retryBackoffMax", retryBackoffMax);
        if (!(maxMessagesPerSecond >= 0) || Double.isInfinite(maxMessagesPerSecond)) {
            throw new ConfigurationException("maxMessagesPerSecond must be a finite number >= 0 (0: no limit)");
        }
    }

    /** The defaults with these base URLs (activation page, password-reset page, unsubscribe endpoint). */
    public static InvitationConfig withLinks(URI activationBaseUrl, URI passwordResetBaseUrl, URI unsubscribeBaseUrl) {
        return new InvitationConfig(activationBaseUrl, passwordResetBaseUrl, unsubscribeBaseUrl, Duration.ofDays(14),
                Duration.ofHours(1), Duration.ofDays(365), 5, Duration.ofHours(24), 500, 100, Duration.ofMinutes(5), 8,
                Duration.ofMinutes(1), Duration.ofHours(6), 0);
    }

    /** With another resend cooldown. */
    public InvitationConfig withResendCooldown(Duration value) {
        return new InvitationConfig(activationBaseUrl, passwordResetBaseUrl, unsubscribeBaseUrl,
                invitationLinkLifetime, passwordResetLinkLifetime, unsubscribeLinkLifetime, maxLiveInvitationLinks,
                value, campaignChunkSize, dispatchBatchSize, dispatchLease, maxSendAttempts, retryBackoffBase,
                retryBackoffMax, maxMessagesPerSecond);
    }

    /** With another campaign chunk size. */
    public InvitationConfig withCampaignChunkSize(int value) {
        return new InvitationConfig(activationBaseUrl, passwordResetBaseUrl, unsubscribeBaseUrl,
                invitationLinkLifetime, passwordResetLinkLifetime, unsubscribeLinkLifetime, maxLiveInvitationLinks,
                resendCooldown, value, dispatchBatchSize, dispatchLease, maxSendAttempts, retryBackoffBase,
                retryBackoffMax, maxMessagesPerSecond);
    }

    /** With another dispatch batch size. */
    public InvitationConfig withDispatchBatchSize(int value) {
        return new InvitationConfig(activationBaseUrl, passwordResetBaseUrl, unsubscribeBaseUrl,
                invitationLinkLifetime, passwordResetLinkLifetime, unsubscribeLinkLifetime, maxLiveInvitationLinks,
                resendCooldown, campaignChunkSize, value, dispatchLease, maxSendAttempts, retryBackoffBase,
                retryBackoffMax, maxMessagesPerSecond);
    }

    /** With another send rate limit (messages per second, 0 for none). */
    public InvitationConfig withMaxMessagesPerSecond(double value) {
        return new InvitationConfig(activationBaseUrl, passwordResetBaseUrl, unsubscribeBaseUrl,
                invitationLinkLifetime, passwordResetLinkLifetime, unsubscribeLinkLifetime, maxLiveInvitationLinks,
                resendCooldown, campaignChunkSize, dispatchBatchSize, dispatchLease, maxSendAttempts,
                retryBackoffBase, retryBackoffMax, value);
    }

    /** With other retry settings. */
    public InvitationConfig withRetries(int attempts, Duration backoffBase, Duration backoffMax) {
        return new InvitationConfig(activationBaseUrl, passwordResetBaseUrl, unsubscribeBaseUrl,
                invitationLinkLifetime, passwordResetLinkLifetime, unsubscribeLinkLifetime, maxLiveInvitationLinks,
                resendCooldown, campaignChunkSize, dispatchBatchSize, dispatchLease, attempts, backoffBase,
                backoffMax, maxMessagesPerSecond);
    }

    /** With other link lifetimes. */
    public InvitationConfig withLinkLifetimes(Duration invitation, Duration passwordReset, Duration unsubscribe) {
        return new InvitationConfig(activationBaseUrl, passwordResetBaseUrl, unsubscribeBaseUrl, invitation,
                passwordReset, unsubscribe, maxLiveInvitationLinks, resendCooldown, campaignChunkSize,
                dispatchBatchSize, dispatchLease, maxSendAttempts, retryBackoffBase, retryBackoffMax,
                maxMessagesPerSecond);
    }

    private static void requireHttps(String name, URI uri) {
        if (uri == null || uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("https")
                || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigurationException(name + " must be an absolute https URL without query or fragment");
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new ConfigurationException(name + " must be positive");
        }
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigurationException(name + " must be between " + min + " and " + max);
        }
    }
}
