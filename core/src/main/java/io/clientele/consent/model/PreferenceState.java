package io.clientele.consent.model;

import io.clientele.common.Validate;
import java.util.Optional;

/**
 * Where a client stands on one marketing preference: the preference as it reads now and the
 * client's latest consent record for it. A client never asked has no record and is not opted in.
 *
 * <p>Immutable and thread-safe.
 */
public record PreferenceState(MarketingPreference preference, Optional<ConsentRecord> latest) {

    public PreferenceState {
        Validate.notNull("preference", preference);
        Validate.notNull("latest", latest);
        latest.ifPresent(r -> {
            if (!r.preferenceId().equals(preference.id()) || !r.tenantId().equals(preference.tenantId())) {
                throw new IllegalArgumentException("the record belongs to another preference");
            }
        });
    }

    /** True only when the latest decision is an opt-in; never asked means not opted in. */
    public boolean optedIn() {
        return latest.map(r -> r.decision() == ConsentDecision.OPT_IN).orElse(false);
    }
}
