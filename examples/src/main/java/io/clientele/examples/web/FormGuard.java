package io.clientele.examples.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The pages' CSRF defence. A form carries a token that is the HMAC-SHA256, under a random key of
 * this server, of the form's purpose and of the link (tenant and token) it belongs to: no state is
 * kept, and a token is worth nothing for another link or another form. On a POST the browser's
 * own signals are checked too: {@code Sec-Fetch-Site} must be {@code same-origin} when sent, and
 * {@code Origin} must be one of the server's origins when sent ({@code null} is not: the pages
 * ask for {@code Referrer-Policy: same-origin}, under which a browser sends its real origin on its
 * own POSTs). Thread-safe.
 */
final class FormGuard {

    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;
    private final Set<String> origins;

    /** A guard with a fresh random key, accepting POSTs from the given origins ({@code http://host:port}). */
    FormGuard(Set<URI> origins) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, HMAC);
        this.origins = origins.stream().map(u -> u.toString().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The token the form of {@code purpose} for this link carries. */
    String token(String purpose, String tenant, String linkToken) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            // lengths first, so no two different triples share the signed bytes
            String signed = purpose.length() + ":" + purpose + "|" + tenant.length() + ":" + tenant + "|"
                    + linkToken;
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** True when {@code presented} is the token of this form and link; compared in constant time. */
    boolean validToken(Optional<String> presented, String purpose, String tenant, String linkToken) {
        if (presented.isEmpty()) {
            return false;
        }
        byte[] expected = token(purpose, tenant, linkToken).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, presented.get().getBytes(StandardCharsets.UTF_8));
    }

    /** True when the browser's headers do not say the POST came from another site. */
    boolean sameOrigin(Optional<String> origin, Optional<String> fetchSite) {
        if (fetchSite.isPresent() && !"same-origin".equalsIgnoreCase(fetchSite.get().trim())) {
            return false;
        }
        if (origin.isEmpty()) {
            return true;
        }
        return origins.contains(origin.get().trim().toLowerCase(Locale.ROOT));
    }
}
