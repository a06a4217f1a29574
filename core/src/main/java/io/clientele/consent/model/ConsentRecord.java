package io.clientele.consent.model;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One append-only consent record: for a client and a preference, the decision, when, by whom
 * (actor description), from where, and the proof of what was shown (wording version and SHA-256),
 * with the optional IP address and user agent of a self-service decision. The current state of a
 * preference is its latest record; a client never asked is not opted in.
 *
 * <p>Immutable and thread-safe.
 */
public record ConsentRecord(
        UUID id,
        TenantId tenantId,
        ClientId clientId,
        PreferenceId preferenceId,
        ConsentDecision decision,
        Instant recordedAt,
        String actor,
        ConsentSource source,
        int wordingVersion,
        String wordingSha256,
        Optional<String> ipAddress,
        Optional<String> userAgent) {

    public ConsentRecord {
        Validate.notNull("id", id);
        Validate.notNull("tenantId", tenantId);
        Validate.notNull("clientId", clientId);
        Validate.notNull("preferenceId", preferenceId);
        Validate.notNull("decision", decision);
        Validate.notNull("recordedAt", recordedAt);
        Validate.notBlank("actor", actor);
        Validate.notNull("source", source);
        Validate.notBlank("wordingSha256", wordingSha256);
        Validate.notNull("ipAddress", ipAddress);
        Validate.notNull("userAgent", userAgent);
    }
}
