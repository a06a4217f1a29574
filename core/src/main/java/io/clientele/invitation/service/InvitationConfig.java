package io.clientele.invitation.service;

import io.clientele.client.model.EmailAddress;
import io.clientele.common.ConfigurationException;
import io.clientele.common.Links;
import io.clientele.common.ValidationException;
import java.net.URI;
import java.time.Duration;

/**
 * How invitations, links and the mail dispatcher behave. Links are built from configured base
 * URLs, never from request headers: the tenant id and the token are appended as the {@code tenant}
 * and {@code token} query parameters ({@code base?tenant=<tenant id>&token=<token>}); the host's
 * page passes both to {@code ActivationService}.
 * {@link #withLinks} sets the three base URLs (https required; http only on localhost, see {@link
 * Links#isSecure}) and these defaults: invitation links
 * valid 14 days, password-reset links 1 hour, unsubscribe links 365 days; at most 5 live invitation
 * links per client (applied when a mail is sent: the oldest go, never the one just sent, and a
 * failed send revokes only its own links); a 24 hour resend cooldown; campaigns enqueue in chunks of 500 clients;
 * the dispatcher claims 100 mails per batch for a 5 minute lease, retries transient failures up
 * to 8 attempts with exponential backoff from 1 minute to 6 hours, and sends without a rate limit
 * (0 messages per second).
 *
 * <p>{@code platformSender} is the {@code From} address of the mail of every studio that has no
 * address of its own in its tenant settings (the studio's name is then the display name); by
 * default ({@link #withLinks(URI, URI, URI)}) it is {@code no-reply@} the host of the activation
 * page, the domain clients already see in their links.
 *
 * <p>Every duration is bounded, so that no time computed from it can overflow and a typo (days for
 * seconds) is caught when the host starts rather than when a link is mailed: invitation links live
 * at most {@link #MAX_INVITATION_LINK_LIFETIME} (365 days), password-reset links at most {@link
 * #MAX_PASSWORD_RESET_LINK_LIFETIME} (24 hours), unsubscribe links at most {@link
 * #MAX_UNSUBSCRIBE_LINK_LIFETIME} (3653 days, ten years); the resend cooldown is at most {@link
 * #MAX_RESEND_COOLDOWN} (365 days), the dispatch lease at most {@link #MAX_DISPATCH_LEASE} (24
 * hours), the first retry backoff at most {@link #MAX_RETRY_BACKOFF_BASE} (1 day) and the longest
 * at most {@link #MAX_RETRY_BACKOFF} (30 days), and never shorter than the first. A value out of
 * range is a {@link ConfigurationException} naming the setting and its range.
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
        double maxMessagesPerSecond,
        EmailAddress platformSender) {

    /** The local part of the default platform sender address, {@code no-reply@<activation host>}. */
    public static final String DEFAULT_PLATFORM_SENDER_LOCAL_PART = "no-reply";
    /** The longest an invitation link may stay valid: 365 days. */
    public static final Duration MAX_INVITATION_LINK_LIFETIME = Duration.ofDays(365);
    /** The longest a password-reset link may stay valid: 24 hours. */
    public static final Duration MAX_PASSWORD_RESET_LINK_LIFETIME = Duration.ofHours(24);
    /** The longest an unsubscribe link may stay valid: 3653 days (ten years). */
    public static final Duration MAX_UNSUBSCRIBE_LINK_LIFETIME = Duration.ofDays(3653);
    /** The longest resend cooldown: 365 days. */
    public static final Duration MAX_RESEND_COOLDOWN = Duration.ofDays(365);
    /** The longest dispatch lease: 24 hours. */
    public static final Duration MAX_DISPATCH_LEASE = Duration.ofHours(24);
    /** The longest first retry backoff: 1 day. */
    public static final Duration MAX_RETRY_BACKOFF_BASE = Duration.ofDays(1);
    /** The longest retry backoff: 30 days. */
    public static final Duration MAX_RETRY_BACKOFF = Duration.ofDays(30);

    public InvitationConfig {
        requireSecure("activationBaseUrl", activationBaseUrl);
        requireSecure("passwordResetBaseUrl", passwordResetBaseUrl);
        requireSecure("unsubscribeBaseUrl", unsubscribeBaseUrl);
        requirePositive("invitationLinkLifetime", invitationLinkLifetime, MAX_INVITATION_LINK_LIFETIME);
        requirePositive("passwordResetLinkLifetime", passwordResetLinkLifetime, MAX_PASSWORD_RESET_LINK_LIFETIME);
        requirePositive("unsubscribeLinkLifetime", unsubscribeLinkLifetime, MAX_UNSUBSCRIBE_LINK_LIFETIME);
        requireRange("maxLiveInvitationLinks", maxLiveInvitationLinks, 1, 100);
        if (resendCooldown == null || resendCooldown.isNegative()
                || resendCooldown.compareTo(MAX_RESEND_COOLDOWN) > 0) {
            throw new ConfigurationException("resendCooldown must be between zero and " + MAX_RESEND_COOLDOWN);
        }
        requireRange("campaignChunkSize", campaignChunkSize, 1, 10_000);
        requireRange("dispatchBatchSize", dispatchBatchSize, 1, 10_000);
        requirePositive("dispatchLease", dispatchLease, MAX_DISPATCH_LEASE);
        requireRange("maxSendAttempts", maxSendAttempts, 1, 100);
        requirePositive("retryBackoffBase", retryBackoffBase, MAX_RETRY_BACKOFF_BASE);
        requirePositive("retryBackoffMax", retryBackoffMax, MAX_RETRY_BACKOFF);
        if (retryBackoffMax.compareTo(retryBackoffBase) < 0) {
            throw new ConfigurationException("retryBackoffMax must not be shorter than retryBackoffBase");
        }
        if (!(maxMessagesPerSecond >= 0) || Double.isInfinite(maxMessagesPerSecond)) {
            throw new ConfigurationException("maxMessagesPerSecond must be a finite number >= 0 (0: no limit)");
        }
        if (platformSender == null) {
            throw new ConfigurationException("platformSender must be set (the platform's From address)");
        }
    }

    /**
     * The defaults with these base URLs (activation page, password-reset page, unsubscribe
     * endpoint), and {@code no-reply@} the activation page's host as the platform's sender address
     * ({@link #DEFAULT_PLATFORM_SENDER_LOCAL_PART}). A host whose activation page's host makes no
     * mail address (a single label such as {@code localhost}, an IP address) is refused with a
     * {@link ConfigurationException}: use {@link #withLinks(URI, URI, URI, EmailAddress)}.
     */
    public static InvitationConfig withLinks(URI activationBaseUrl, URI passwordResetBaseUrl, URI unsubscribeBaseUrl) {
        requireSecure("activationBaseUrl", activationBaseUrl);
        return withLinks(activationBaseUrl, passwordResetBaseUrl, unsubscribeBaseUrl,
                defaultPlatformSender(activationBaseUrl));
    }

    /**
     * The defaults with these base URLs (activation page, password-reset page, unsubscribe
     * endpoint) and the platform's sender address: the {@code From} address of every studio that
     * has no address of its own (the studio's name is the display name).
     */
    public static InvitationConfig withLinks(URI activationBaseUrl, URI passwordResetBaseUrl, URI unsubscribeBaseUrl,
            EmailAddress platformSender) {
        return new InvitationConfig(activationBaseUrl, passwordResetBaseUrl, unsubscribeBaseUrl, Duration.ofDays(14),
                Duration.ofHours(1), Duration.ofDays(365), 5, Duration.ofHours(24), 500, 100, Duration.ofMinutes(5), 8,
                Duration.ofMinutes(1), Duration.ofHours(6), 0, platformSender);
    }

    /** With another platform sender address. */
    public InvitationConfig withPlatformSender(EmailAddress value) {
        return new InvitationConfig(activationBaseUrl, passwordResetBaseUrl, unsubscribeBaseUrl,
                invitationLinkLifetime, passwordResetLinkLifetime, unsubscribeLinkLifetime, maxLiveInvitationLinks,
                resendCooldown, campaignChunkSize, dispatchBatchSize, dispatchLease, maxSendAttempts,
                retryBackoffBase, retryBackoffMax, maxMessagesPerSecond, value);
    }

    /** With another resend cooldown. */
    public InvitationConfig withResendCooldown(Duration value) {
        return new InvitationConfig(activationBaseUrl, passwordResetBaseUrl, unsubscribeBaseUrl,
                invitationLinkLifetime, passwordResetLinkLifetime, unsubscribeLinkLifetime, maxLiveInvitationLinks,
                value, campaignChunkSize, dispatchBatchSize, dispatchLease, maxSendAttempts, retryBackoffBase,
                retryBackoffMax, maxMessagesPerSecond, platformSender);
    }

    /** With another campaign chunk size. */
    public InvitationConfig withCampaignChunkSize(int value) {
        return new InvitationConfig(activationBaseUrl, passwordResetBaseUrl, unsubscribeBaseUrl,
                invitationLinkLifetime, passwordResetLinkLifetime, unsubscribeLinkLifetime, maxLiveInvitationLinks,
                resendCooldown, value, dispatchBatchSize, dispatchLease, maxSendAttempts, retryBackoffBase,
                retryBackoffMax, maxMessagesPerSecond, platformSender);
    }

    /** With another dispatch batch size. */
    public InvitationConfig withDispatchBatchSize(int value) {
        return new InvitationConfig(activationBaseUrl, passwordResetBaseUrl, unsubscribeBaseUrl,
                invitationLinkLifetime, passwordResetLinkLifetime, unsubscribeLinkLifetime, maxLiveInvitationLinks,
                resendCooldown, campaignChunkSize, value, dispatchLease, maxSendAttempts, retryBackoffBase,
                retryBackoffMax, maxMessagesPerSecond, platformSender);
    }

    /**
     * With another dispatch lease: how long a claimed mail stays with its dispatcher before another
     * may claim it (after a crash, the rows of the crashed dispatcher are due again once it runs out).
     */
    public InvitationConfig withDispatchLease(Duration value) {
        return new InvitationConfig(activationBaseUrl, passwordResetBaseUrl, unsubscribeBaseUrl,
                invitationLinkLifetime, passwordResetLinkLifetime, unsubscribeLinkLifetime, maxLiveInvitationLinks,
                resendCooldown, campaignChunkSize, dispatchBatchSize, value, maxSendAttempts, retryBackoffBase,
                retryBackoffMax, maxMessagesPerSecond, platformSender);
    }

    /** With another send rate limit (messages per second, 0 for none). */
    public InvitationConfig withMaxMessagesPerSecond(double value) {
        return new InvitationConfig(activationBaseUrl, passwordResetBaseUrl, unsubscribeBaseUrl,
                invitationLinkLifetime, passwordResetLinkLifetime, unsubscribeLinkLifetime, maxLiveInvitationLinks,
                resendCooldown, campaignChunkSize, dispatchBatchSize, dispatchLease, maxSendAttempts,
                retryBackoffBase, retryBackoffMax, value, platformSender);
    }

    /** With other retry settings. */
    public InvitationConfig withRetries(int attempts, Duration backoffBase, Duration backoffMax) {
        return new InvitationConfig(activationBaseUrl, passwordResetBaseUrl, unsubscribeBaseUrl,
                invitationLinkLifetime, passwordResetLinkLifetime, unsubscribeLinkLifetime, maxLiveInvitationLinks,
                resendCooldown, campaignChunkSize, dispatchBatchSize, dispatchLease, attempts, backoffBase,
                backoffMax, maxMessagesPerSecond, platformSender);
    }

    /** With other link lifetimes. */
    public InvitationConfig withLinkLifetimes(Duration invitation, Duration passwordReset, Duration unsubscribe) {
        return new InvitationConfig(activationBaseUrl, passwordResetBaseUrl, unsubscribeBaseUrl, invitation,
                passwordReset, unsubscribe, maxLiveInvitationLinks, resendCooldown, campaignChunkSize,
                dispatchBatchSize, dispatchLease, maxSendAttempts, retryBackoffBase, retryBackoffMax,
                maxMessagesPerSecond, platformSender);
    }

    private static EmailAddress defaultPlatformSender(URI activationBaseUrl) {
        try {
            return EmailAddress.of(DEFAULT_PLATFORM_SENDER_LOCAL_PART + "@" + activationBaseUrl.getHost());
        } catch (ValidationException e) {
            throw new ConfigurationException("platformSender: the host of activationBaseUrl makes no mail address;"
                    + " name the platform's sender address with withLinks(..., platformSender)");
        }
    }

    private static void requireSecure(String name, URI uri) {
        if (!Links.isSecure(uri) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigurationException(name + " must be an absolute https URL (or http on localhost)"
                    + " without query or fragment");
        }
    }

    private static void requirePositive(String name, Duration value, Duration max) {
        if (value == null || value.isZero() || value.isNegative() || value.compareTo(max) > 0) {
            throw new ConfigurationException(name + " must be positive and at most " + max);
        }
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigurationException(name + " must be between " + min + " and " + max);
        }
    }
}
