package io.clientele.client.port;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;

/**
 * Something else that must forget a client when the client is erased: live tokens, credentials,
 * pending mails, consent proof details. Called inside the erasure's unit of work, after the profile
 * is anonymized; throwing rolls the erasure back. Clientele registers its own participants; a
 * host may add more with {@code Clientele.builder().erasureParticipant(...)}. Implementations must
 * be idempotent and thread-safe.
 */
@FunctionalInterface
public interface ErasureParticipant {

    /** Removes or anonymizes what this participant holds about the client. */
    void erase(TenantId tenant, ClientId client);
}
