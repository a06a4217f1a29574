package io.clientele.invitation.model;

import io.clientele.common.Validate;

/**
 * A new password as a {@code CredentialStore} prepared it, outside any unit of work, for storing
 * inside one: {@link Plain} hands the password on unchanged (the default, for a host identity
 * system that hashes it itself), {@link Hashed} carries what the store derived from it (for
 * example an Argon2id PHC string), so the slow hashing never holds a transaction or a lock open.
 * {@code toString()} never shows the password or the hash.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface PreparedCredential permits PreparedCredential.Plain, PreparedCredential.Hashed {

    /** The password itself, passed through for a store that does its work when it stores it. */
    record Plain(Password password) implements PreparedCredential {

        public Plain {
            Validate.notNull("password", password);
        }

        @Override
        public String toString() {
            return "PreparedCredential.Plain[hidden]";
        }
    }

    /** What the store derived from the password (a hash in the store's own format). */
    record Hashed(String value) implements PreparedCredential {

        public Hashed {
            Validate.notBlank("value", value);
        }

        @Override
        public String toString() {
            return "PreparedCredential.Hashed[hidden]";
        }
    }
}
