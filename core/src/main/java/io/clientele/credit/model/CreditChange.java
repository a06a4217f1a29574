package io.clientele.credit.model;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One append-only line of a client's credit ledger: which credit, from which state (empty when
 * issued) to which, when, by whom and why. Immutable and thread-safe.
 */
public record CreditChange(UUID id, TenantId tenantId, ClientId clientId, UUID creditId, Optional<CreditState> from,
        CreditState to, Instant at, String actor, String reason) {

    public CreditChange {
        Validate.notNull("id", id);
        Validate.notNull("tenantId", tenantId);
        Validate.notNull("clientId", clientId);
        Validate.notNull("creditId", creditId);
        Validate.notNull("from", from);
        Validate.notNull("to", to);
        Validate.notNull("at", at);
        Validate.notBlank("actor", actor);
        Validate.notNull("reason", reason);
    }
}
