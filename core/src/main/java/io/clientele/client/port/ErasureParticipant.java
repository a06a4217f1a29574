package io.clientele.client.port;

import io.clientele.client.model.Client;
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

    /**
     * Removes or anonymizes what this participant holds about the client, given the client as it
     * was before anonymization: a participant that keeps data by the client's email address (not
     * only by id) finds it with {@code before}. The erasure calls this one; by default it calls
     * {@link #erase(TenantId, ClientId)}.
     */
    default void erase(Client before) {
        erase(before.tenantId(), before.id());
    }
}
