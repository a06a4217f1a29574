package io.clientele.invitation.service;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.invitation.model.IssuedToken;
import io.clientele.invitation.model.RawToken;
import io.clientele.invitation.model.TokenPurpose;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Makes the personal tokens of the links in a client's mails: a new random token, its stored form
 * (the hash, never the token) and how long a link of each purpose lives (from {@link
 * InvitationConfig}). Stores nothing itself: the dispatcher stores a batch's tokens in one call.
 * Thread-safe ({@link SecureRandom} is).
 */
final class TokenIssuer {

    private final InvitationConfig config;
    private final SecureRandom random = new SecureRandom();

    TokenIssuer(InvitationServices.Ports ports) {
        this.config = ports.config();
    }

    /** A new random token (256 bits, base64url), not stored anywhere: the caller stores its hash. */
    RawToken newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return new RawToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The stored form of {@code token}, issued {@code now} for the client: its hash, never the token. */
    IssuedToken stored(RawToken token, TenantId tenant, ClientId client, TokenPurpose purpose,
            Optional<String> category, Instant now) {
        return new IssuedToken(token.hash(), tenant, client, purpose, category, now, now.plus(lifetime(purpose)),
                Optional.empty(), Optional.empty());
    }

    /** How long a link of this purpose stays valid, as configured. */
    Duration lifetime(TokenPurpose purpose) {
        return lifetime(config, purpose);
    }

    /** How long a link of this purpose stays valid under {@code config}; also what a mail tells its reader. */
    static Duration lifetime(InvitationConfig config, TokenPurpose purpose) {
        return switch (purpose) {
            case ACTIVATION -> config.invitationLinkLifetime();
            case PASSWORD_RESET -> config.passwordResetLinkLifetime();
            case UNSUBSCRIBE -> config.unsubscribeLinkLifetime();
        };
    }
}
