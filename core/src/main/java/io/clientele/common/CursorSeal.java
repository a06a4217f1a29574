package io.clientele.common;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the list positions that use cases hand out as {@link Page#next()} cursors, and opens the
 * ones hosts pass back. A repository's own position (for the client list: the folded names and id
 * of the last row) never leaves Clientele in clear: the use case encrypts it with AES-GCM under a
 * 256-bit key and a random 96-bit nonce, and authenticates with it the tenant, the name of the
 * list and a canonical {@link #fingerprint fingerprint} of the query. A cursor therefore reveals
 * nothing about the rows it points at, and opens only for the tenant, list and query it was made
 * for, and only under the key that made it; anything else (tampered, another tenant, another
 * query, another key, a string Clientele never made) is a {@link ValidationException} on field
 * {@code cursor}, rule {@code format}, before the use case does anything else.
 *
 * <p><b>Form and length.</b> What is sealed is the position's UTF-8 bytes (in clear inside the
 * seal, not encoded again), prefixed with their length in two bytes and padded with zero bytes to a
 * multiple of {@value #PADDING_BLOCK_BYTES} bytes, so that a cursor's length tells nothing about the
 * position within one block: every position of up to 254 bytes (any client-list position of names
 * in Latin letters, however long) gives a cursor of {@value #MIN_CURSOR_LENGTH} characters. A cursor
 * is base64url without padding of a version byte, the 96-bit nonce, the ciphertext and the 128-bit
 * tag; the longest, for a position of {@value #MAX_POSITION_BYTES} bytes, is {@value
 * #MAX_CURSOR_LENGTH} characters ({@link Cursor#MAX_LENGTH}). That holds the longest client-list
 * position ({@code ClientSummary.MAX_POSITION_BYTES}): two name parts of 100 code points, folded
 * at up to {@value Text#MAX_FOLDED_BYTES_PER_CODE_POINT} bytes each, two separators and the id, so
 * every valid client can be listed. Random nonces keep one key safe for about four billion pages;
 * replace the key long before that (cursors made under the old key then stop opening).
 *
 * <p>Defaults: {@code Clientele} uses a random key per instance unless the host sets one with
 * {@code Clientele.builder().cursorKey(...)}; with a random key, a cursor stops opening after a
 * restart or on another instance, so a host running several instances behind one list sets the
 * same key on all of them. A key of 32 zero bytes is refused: it is what an unset secret in a
 * host's configuration reads as, and it would let anyone seal and open cursors. Instances are
 * immutable and thread-safe.
 */
public final class CursorSeal {

    /** The length of a key, in bytes (AES-256). */
    public static final int KEY_BYTES = 32;
    /** The sealed plaintext is padded to a multiple of this many bytes. */
    public static final int PADDING_BLOCK_BYTES = 256;
    /** The most padded plaintext a cursor carries: ten blocks, enough for the longest client-list position. */
    public static final int MAX_PADDED_BYTES = 10 * PADDING_BLOCK_BYTES;
    /**
     * The longest position, in UTF-8 bytes, an adapter may return for sealing: the padded plaintext
     * less the length prefix. A longer one is a bug of the adapter ({@link IllegalStateException}).
     */
    public static final int MAX_POSITION_BYTES = MAX_PADDED_BYTES - 2;

    private static final byte VERSION = 2;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int OVERHEAD_BYTES = 1 + NONCE_BYTES + TAG_BITS / 8;

    /** The length of a cursor sealing one block: the shortest cursor. */
    public static final int MIN_CURSOR_LENGTH = (4 * (OVERHEAD_BYTES + PADDING_BLOCK_BYTES) + 2) / 3;
    /** The length of a cursor sealing {@value #MAX_PADDED_BYTES} bytes: the longest cursor. */
    public static final int MAX_CURSOR_LENGTH = (4 * (OVERHEAD_BYTES + MAX_PADDED_BYTES) + 2) / 3;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private CursorSeal(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * A seal under the given key ({@value #KEY_BYTES} bytes, for example from the host's secret
     * store); the array is copied. Any other length, and a key of zero bytes only, is a {@link
     * ConfigurationException}.
     */
    public static CursorSeal withKey(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new ConfigurationException("cursorKey must be " + KEY_BYTES + " bytes (AES-256), got "
                    + (key == null ? "none" : key.length + " bytes"));
        }
        byte any = 0;
        for (byte b : key) {
            any |= b;
        }
        if (any == 0) {
            throw new ConfigurationException("cursorKey must not be all zero bytes (an unset secret): "
                    + "use " + KEY_BYTES + " random bytes");
        }
        return new CursorSeal(Arrays.copyOf(key, KEY_BYTES));
    }

    /** A seal under a new random key, known to this instance only. */
    public static CursorSeal withRandomKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return new CursorSeal(key);
    }

    /**
     * The canonical form of a query's filters, to {@linkplain #bind bind} cursors to: each part
     * prefixed with its length, so no two different lists of parts give the same text.
     */
    public static String fingerprint(String... parts) {
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            out.append(part.length()).append(':').append(part);
        }
        return out.toString();
    }

    /**
     * The cursors of one list of one tenant for one query: {@code list} names the list (for
     * example {@code "client-list"}), {@code query} is the {@link #fingerprint} of its filters.
     */
    public Bound bind(TenantId tenant, String list, String query) {
        Validate.notNull("tenantId", tenant);
        Validate.notNull("list", list);
        Validate.notNull("query", query);
        return new Bound(associatedData(tenant, list, query));
    }

    /** The cursors of one list, tenant and query; see {@link CursorSeal#bind}. Immutable and thread-safe. */
    public final class Bound {

        private final byte[] associatedData;

        private Bound(byte[] associatedData) {
            this.associatedData = associatedData;
        }

        /**
         * The request with its cursor opened into the repository's own position (a first-page
         * request as it is); a cursor that does not open is a {@link ValidationException} on field
         * {@code cursor}.
         */
        public PageRequest open(PageRequest request) {
            Validate.notNull("page", request);
            return request.after().isEmpty() ? request
                    : new PageRequest(Optional.of(openCursor(request.after().get(), associatedData)), request.size());
        }

        /** The page with its {@link Page#next()} position sealed into a cursor. */
        public <T> Page<T> seal(Page<T> page) {
            return new Page<>(page.items(), page.next().map(p -> sealCursor(p, associatedData)));
        }

        /** The slice with its page's {@link Page#next()} position sealed into a cursor, as {@link #seal(Page)}. */
        public <T> Slice<T> seal(Slice<T> slice) {
            return new Slice<>(seal(slice.page()), slice.total());
        }
    }

    private Cursor sealCursor(Cursor position, byte[] associatedData) {
        byte[] bytes = position.value().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_POSITION_BYTES) {
            throw new IllegalStateException("a list position of " + bytes.length + " bytes cannot be sealed; "
                    + "adapters keep positions to " + MAX_POSITION_BYTES + " bytes");
        }
        int padded = (2 + bytes.length + PADDING_BLOCK_BYTES - 1) / PADDING_BLOCK_BYTES * PADDING_BLOCK_BYTES;
        // the bytes after the position stay zero: the padding
        byte[] plain = new byte[padded];
        ByteBuffer.wrap(plain).putShort((short) bytes.length).put(bytes);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, associatedData);
            ByteBuffer sealed = ByteBuffer.allocate(1 + NONCE_BYTES + cipher.getOutputSize(padded));
            sealed.put(VERSION).put(nonce);
            cipher.doFinal(ByteBuffer.wrap(plain), sealed);
            return new Cursor(Base64.getUrlEncoder().withoutPadding().encodeToString(sealed.array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }

    private Cursor openCursor(Cursor cursor, byte[] associatedData) {
        byte[] sealed;
        try {
            sealed = Base64.getUrlDecoder().decode(cursor.value());
        } catch (IllegalArgumentException e) {
            throw refused();
        }
        int paddedLength = sealed.length - OVERHEAD_BYTES;
        if (paddedLength < PADDING_BLOCK_BYTES || paddedLength % PADDING_BLOCK_BYTES != 0 || sealed[0] != VERSION) {
            throw refused();
        }
        byte[] plain;
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES),
                    associatedData);
            plain = cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw refused();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
        // authentic, so made by this class: the checks below only guard against a change of format
        int length = ByteBuffer.wrap(plain).getShort() & 0xFFFF;
        if (length == 0 || length > plain.length - 2) {
            throw refused();
        }
        return new Cursor(new String(plain, 2, length, StandardCharsets.UTF_8));
    }

    private Cipher cipher(int mode, byte[] nonce, byte[] associatedData) throws GeneralSecurityException {
        // Cipher instances are not thread-safe: one per call
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associatedData);
        return cipher;
    }

    /** The version, then tenant, list and query, each prefixed with its length: one binding, one byte string. */
    private static byte[] associatedData(TenantId tenant, String list, String query) {
        byte[][] parts = {tenant.value().getBytes(StandardCharsets.UTF_8), list.getBytes(StandardCharsets.UTF_8),
                query.getBytes(StandardCharsets.UTF_8)};
        int size = 1;
        for (byte[] part : parts) {
            size += Integer.BYTES + part.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(VERSION);
        for (byte[] part : parts) {
            out.putInt(part.length).put(part);
        }
        return out.array();
    }

    /** One answer for every cursor that does not open, so a caller learns nothing about why. */
    private static ValidationException refused() {
        return new ValidationException("cursor", "format", "not a cursor Clientele made for this list");
    }
}
