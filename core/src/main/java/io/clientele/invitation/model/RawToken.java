package io.clientele.invitation.model;

import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A token exactly as it appears in a personal link: 256 random bits, base64url without padding
 * (43 characters). It exists only in memory while a mail is composed or a link is checked; only
 * its {@link #hash() SHA-256} is stored. {@link #toString()} never shows it.
 *
 * <p>Immutable and thread-safe.
 */
public record RawToken(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");

    public RawToken {
        Validate.notNull("token", value);
        if (!FORMAT.matcher(value).matches()) {
            throw new ValidationException("token", "format", "not a Clientele link token");
        }
    }

    /** True when {@code text} has the form of a token (the caller then looks it up). */
    public static boolean isWellFormed(String text) {
        return FORMAT.matcher(text).matches();
    }

    /** The SHA-256 of the token, in lower-case hex: what is stored and looked up. */
    public String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "RawToken[hidden]";
    }
}
