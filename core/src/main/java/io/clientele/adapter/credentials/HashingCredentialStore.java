package io.clientele.adapter.credentials;

import com.ibm.icu.text.Normalizer2;
import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import io.clientele.common.ClientId;
import io.clientele.common.ConfigurationException;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import io.clientele.invitation.model.Password;
import io.clientele.invitation.model.PreparedCredential;
import io.clientele.invitation.port.CredentialStore;
import io.clientele.invitation.port.PasswordHashStore;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link CredentialStore}: hashes passwords with Argon2id (through Password4j) and
 * keeps one PHC string per client in a {@link PasswordHashStore}; {@link #verify} checks a login.
 * The hashing happens in {@link #prepare}, which Clientele calls outside any unit of work, so
 * {@link #setPassword} only stores the hash.
 * Passwords are normalized to Unicode NFKC before hashing (NIST SP 800-63B), so the same password
 * typed on different keyboards verifies; ICU's tables decide, so the result does not depend on the
 * JDK's Unicode version. Neither the password nor the hash is ever logged.
 *
 * <p>By default it uses {@link Argon2Parameters#DEFAULT}: 19 MiB of memory, 2 iterations,
 * parallelism 1, a 16-byte random salt and a 32-byte hash (the OWASP minimum for Argon2id; about
 * 70 ms per hash on one core with Password4j's pure-Java Argon2). {@link #verify} checks each hash
 * with the parameters recorded in it, so raising the parameters later keeps existing passwords
 * working.
 *
 * <p>Thread-safe.
 */
public final class HashingCredentialStore implements CredentialStore {

    private static final Logger LOG = LoggerFactory.getLogger(HashingCredentialStore.class);
    /**
     * ICU's NFKC, not the JDK's: a password holding a character newer than the JDK's Unicode tables
     * must hash the same after the host upgrades its JDK.
     */
    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    /** How every PHC string this store writes begins. */
    private static final String ARGON2ID_PREFIX = "$argon2id$";
    /** Longer input cannot be a password {@link Password} accepted: refused without hashing. */
    private static final int MAX_VERIFY_CHARS = Password.MAX_LENGTH * 2;

    private final PasswordHashStore store;
    private final Argon2Function argon2;
    private final SecureRandom random = new SecureRandom();
    /** Checked when a client has no password, so that an unknown account takes as long as a wrong password. */
    private final String dummyHash;

    /**
     * Argon2id cost parameters: {@code memoryKib} kibibytes of memory (at least 8 per lane),
     * {@code iterations} passes over it, {@code parallelism} lanes. Immutable and thread-safe.
     */
    public record Argon2Parameters(int memoryKib, int iterations, int parallelism) {

        /** 19 MiB, 2 iterations, 1 lane: the OWASP minimum recommendation for Argon2id. */
        public static final Argon2Parameters DEFAULT = new Argon2Parameters(19_456, 2, 1);

        public Argon2Parameters {
            if (parallelism < 1 || parallelism > 64) {
                throw new ConfigurationException("Argon2 parallelism must be between 1 and 64");
            }
            if (iterations < 1 || iterations > 100) {
                throw new ConfigurationException("Argon2 iterations must be between 1 and 100");
            }
            if (memoryKib < 8 * parallelism || memoryKib > 4 * 1024 * 1024) {
                throw new ConfigurationException("Argon2 memory must be between 8 KiB per lane and 4 GiB");
            }
        }
    }

    /** A store hashing with {@link Argon2Parameters#DEFAULT}. */
    public HashingCredentialStore(PasswordHashStore store) {
        this(store, Argon2Parameters.DEFAULT);
    }

    /**
     * A store hashing with the given parameters. Production deployments should keep at least the
     * defaults; cheap parameters are for tests.
     */
    public HashingCredentialStore(PasswordHashStore store, Argon2Parameters parameters) {
        this.store = Validate.notNull("passwordHashStore", store);
        Validate.notNull("parameters", parameters);
        this.argon2 = Argon2Function.getInstance(parameters.memoryKib(), parameters.iterations(),
                parameters.parallelism(), HASH_BYTES, Argon2.ID, Argon2Function.ARGON2_VERSION_13);
        this.dummyHash = hash("clientele-dummy-password");
    }

    /** Hashes the password with Argon2id: the slow part, run before any unit of work is open. */
    @Override
    public PreparedCredential prepare(Password password) {
        Validate.notNull("password", password);
        return new PreparedCredential.Hashed(hash(password.value()));
    }

    /**
     * Stores the hash {@link #prepare} made. A {@link PreparedCredential.Plain} password (from a
     * caller that skipped {@code prepare}) is hashed here, inside the caller's unit of work; a
     * {@link PreparedCredential.Hashed} value that is not an Argon2id PHC string is a {@link
     * ValidationException} on {@code credential} (rule {@code format}).
     */
    @Override
    public void setPassword(TenantId tenant, ClientId client, PreparedCredential credential) {
        Validate.notNull("tenantId", tenant);
        Validate.notNull("clientId", client);
        Validate.notNull("credential", credential);
        String phc;
        if (credential instanceof PreparedCredential.Hashed hashed) {
            if (!hashed.value().startsWith(ARGON2ID_PREFIX)) {
                throw new ValidationException("credential", "format", "not an Argon2id hash");
            }
            phc = hashed.value();
        } else {
            phc = hash(((PreparedCredential.Plain) credential).password().value());
        }
        store.save(tenant, client, phc);
        LOG.debug("password set: tenant={} client={}", tenant, client);
    }

    @Override
    public void remove(TenantId tenant, ClientId client) {
        Validate.notNull("tenantId", tenant);
        Validate.notNull("clientId", client);
        store.delete(tenant, client);
    }

    /**
     * True when {@code password} is the client's password. False when it is not, when the client
     * has no password (after the same amount of work, so the answer time does not tell whether an
     * account exists) or when the stored hash cannot be read. For the host's login.
     */
    public boolean verify(TenantId tenant, ClientId client, String password) {
        Validate.notNull("tenantId", tenant);
        Validate.notNull("clientId", client);
        Validate.notNull("password", password);
        if (password.length() > MAX_VERIFY_CHARS) {
            return false;
        }
        Optional<String> stored = store.find(tenant, client);
        String phc = stored.orElse(dummyHash);
        byte[] plain = normalize(password).getBytes(StandardCharsets.UTF_8);
        boolean matches;
        try {
            matches = Argon2Function.getInstanceFromHash(phc).check(plain, phc.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // a malformed hash (BadParametersException and parse errors); its text is not logged
            LOG.warn("unreadable password hash: tenant={} client={} error={}", tenant, client,
                    e.getClass().getSimpleName());
            return false;
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        return matches && stored.isPresent();
    }

    private String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] plain = normalize(password).getBytes(StandardCharsets.UTF_8);
        try {
            return argon2.hash(plain, salt).getResult();
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static String normalize(String password) {
        return NFKC.normalize(password);
    }
}
