package io.clientele.invitation.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.common.ConfigurationException;
import io.clientele.testing.TestClientele;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 point 14: the invitation settings are host input too. Every duration has a documented
 * maximum; a longer one (up to {@code Duration.ofSeconds(Long.MAX_VALUE)}, which would overflow the
 * first time a link or a retry is dated) is a {@link ConfigurationException} when the host starts.
 */
class InvitationConfigBoundsTest {

    private static final InvitationConfig DEFAULTS = TestClientele.INVITATIONS;
    private static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    private static void refused(String setting, Supplier<InvitationConfig> config) {
        assertThatThrownBy(config::get).as(setting).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(setting);
    }

    @Test
    void link_lifetimes_have_documented_maxima() {
        Duration invitation = InvitationConfig.MAX_INVITATION_LINK_LIFETIME;
        Duration reset = InvitationConfig.MAX_PASSWORD_RESET_LINK_LIFETIME;
        Duration unsubscribe = InvitationConfig.MAX_UNSUBSCRIBE_LINK_LIFETIME;
        assertThat(invitation).isEqualTo(Duration.ofDays(365));
        assertThat(reset).isEqualTo(Duration.ofHours(24));
        assertThat(unsubscribe).isEqualTo(Duration.ofDays(3653));

        InvitationConfig longest = DEFAULTS.withLinkLifetimes(invitation, reset, unsubscribe);
        assertThat(longest.invitationLinkLifetime()).isEqualTo(invitation);

        refused("invitationLinkLifetime", () -> DEFAULTS.withLinkLifetimes(invitation.plus(ONE_SECOND), reset,
                unsubscribe));
        refused("invitationLinkLifetime", () -> DEFAULTS.withLinkLifetimes(FOREVER, reset, unsubscribe));
        refused("passwordResetLinkLifetime", () -> DEFAULTS.withLinkLifetimes(invitation, reset.plus(ONE_SECOND),
                unsubscribe));
        refused("unsubscribeLinkLifetime", () -> DEFAULTS.withLinkLifetimes(invitation, reset,
                unsubscribe.plus(ONE_SECOND)));
        refused("unsubscribeLinkLifetime", () -> DEFAULTS.withLinkLifetimes(invitation, reset, Duration.ZERO));
    }

    @Test
    void the_cooldown_lease_and_backoffs_have_documented_maxima() {
        assertThat(DEFAULTS.withResendCooldown(Duration.ofDays(365)).resendCooldown()).isEqualTo(Duration.ofDays(365));
        refused("resendCooldown", () -> DEFAULTS.withResendCooldown(Duration.ofDays(365).plus(ONE_SECOND)));
        refused("resendCooldown", () -> DEFAULTS.withResendCooldown(FOREVER));

        InvitationConfig slowest = DEFAULTS.withRetries(8, Duration.ofDays(1), Duration.ofDays(30));
        assertThat(slowest.retryBackoffMax()).isEqualTo(Duration.ofDays(30));
        refused("retryBackoffBase", () -> DEFAULTS.withRetries(8, Duration.ofDays(1).plus(ONE_SECOND),
                Duration.ofDays(30)));
        refused("retryBackoffMax", () -> DEFAULTS.withRetries(8, Duration.ofMinutes(1),
                Duration.ofDays(30).plus(ONE_SECOND)));
        refused("retryBackoffMax", () -> DEFAULTS.withRetries(8, Duration.ofMinutes(1), FOREVER));
        refused("retryBackoffMax", () -> DEFAULTS.withRetries(8, Duration.ofHours(2), Duration.ofHours(1)));

        refused("dispatchLease", () -> new InvitationConfig(DEFAULTS.activationBaseUrl(),
                DEFAULTS.passwordResetBaseUrl(), DEFAULTS.unsubscribeBaseUrl(), DEFAULTS.invitationLinkLifetime(),
                DEFAULTS.passwordResetLinkLifetime(), DEFAULTS.unsubscribeLinkLifetime(),
                DEFAULTS.maxLiveInvitationLinks(), DEFAULTS.resendCooldown(), DEFAULTS.campaignChunkSize(),
                DEFAULTS.dispatchBatchSize(), Duration.ofHours(24).plus(ONE_SECOND), DEFAULTS.maxSendAttempts(),
                DEFAULTS.retryBackoffBase(), DEFAULTS.retryBackoffMax(), DEFAULTS.maxMessagesPerSecond(),
                DEFAULTS.platformSender()));
    }

    @Test
    void the_longest_backoff_after_many_attempts_is_the_configured_maximum() {
        assertThat(MailDispatcher.backoff(Duration.ofDays(1), Duration.ofDays(30), 99))
                .isEqualTo(Duration.ofDays(30));
    }
}
