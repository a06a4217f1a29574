/**
 * The default {@link io.clientele.invitation.port.CredentialStore}: Argon2id password hashes (via
 * Password4j) kept in a {@link io.clientele.invitation.port.PasswordHashStore}, for hosts without
 * an identity system of their own.
 */
@NullMarked
package io.clientele.adapter.credentials;

import org.jspecify.annotations.NullMarked;
