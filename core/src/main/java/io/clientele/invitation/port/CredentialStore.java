package io.clientele.invitation.port;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.invitation.model.Password;

/**
 * Where a client's password goes once they activate their account or reset it: usually the
 * host's identity system. SPI; thread-safe. {@code io.clientele.adapter.credentials} ships a
 * default that stores Argon2id hashes.
 */
public interface CredentialStore {

    /** Sets (or replaces) the client's password. */
    void setPassword(TenantId tenant, ClientId client, Password password);

    /** Removes the client's credentials (erasure); does nothing if there are none. */
    void remove(TenantId tenant, ClientId client);
}
