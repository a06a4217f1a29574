package io.clientele.invitation.port;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import java.util.Optional;

/**
 * Where the default credential store keeps password hashes: one PHC-format string (for example
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}) per tenant and client, never a password.
 * SPI; implementations must be thread-safe, scope every call by tenant, and take part in the
 * caller's unit of work, so a failed activation leaves the previous hash in place.
 */
public interface PasswordHashStore {

    /** Stores the client's hash, replacing any previous one. */
    void save(TenantId tenant, ClientId client, String phcHash);

    /** The client's hash, if a password was set. */
    Optional<String> find(TenantId tenant, ClientId client);

    /** Deletes the client's hash (erasure); does nothing if there is none. */
    void delete(TenantId tenant, ClientId client);
}
