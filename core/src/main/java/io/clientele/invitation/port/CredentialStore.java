package io.clientele.invitation.port;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.invitation.model.Password;
import io.clientele.invitation.model.PreparedCredential;

/**
 * Where a client's password goes once they activate their account or reset it: usually the
 * host's identity system. SPI; thread-safe. {@code io.clientele.adapter.credentials} ships a
 * default that stores Argon2id hashes.
 *
 * <p>Setting a password is two calls, so the slow part never runs inside a unit of work: Clientele
 * first checks the link, then calls {@link #prepare} outside any unit of work, then opens a short
 * one that consumes the link and calls {@link #setPassword} with what {@code prepare} answered. A
 * store that hashes (tens of milliseconds by design) does it in {@code prepare}; a store that hands
 * the password to an identity system keeps the default {@code prepare} and does its work in {@code
 * setPassword}.
 */
public interface CredentialStore {

    /**
     * Prepares a new password for {@link #setPassword}, outside any unit of work: the expensive,
     * side-effect-free part (hashing). Must write nothing; its result may be thrown away (another
     * call used the link first). By default the password is passed through unchanged ({@link
     * PreparedCredential.Plain}).
     */
    default PreparedCredential prepare(Password password) {
        return new PreparedCredential.Plain(password);
    }

    /**
     * Sets (or replaces) the client's password, inside the unit of work that consumes the link, with
     * what {@link #prepare} answered for it; throwing rolls the activation back and leaves the link
     * usable.
     */
    void setPassword(TenantId tenant, ClientId client, PreparedCredential credential);

    /** Removes the client's credentials (erasure); does nothing if there are none. */
    void remove(TenantId tenant, ClientId client);
}
