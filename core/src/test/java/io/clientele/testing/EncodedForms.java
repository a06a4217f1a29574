package io.clientele.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The encoded forms a value can take when something stores or hands it out encoded, for scans
 * that look for leaked personal data: base64 (standard and URL-safe) and URL encoding.
 */
public final class EncodedForms {

    /** Shorter base64 fragments would turn up by chance in unrelated encoded data. */
    private static final int MIN_BASE64_CHARACTERS = 6;

    private EncodedForms() {
    }

    /**
     * The base64 text that any encoding of {@code value}'s UTF-8 bytes contains, wherever the value
     * sits in the encoded data: one fragment per byte alignment (the value starting at the first,
     * second or third byte of a 3-byte group), in the standard and the URL-safe alphabet, without
     * the characters that also depend on the bytes before or after it. Fragments too short to be
     * distinctive are left out.
     */
    public static List<String> base64(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        Set<String> forms = new LinkedHashSet<>();
        for (int offset = 0; offset < 3; offset++) {
            byte[] shifted = new byte[offset + bytes.length];
            System.arraycopy(bytes, 0, shifted, offset, bytes.length);
            // characters of the first group that mix in the bytes before the value: none, 2 or 3
            int from = offset == 0 ? 0 : offset + 1;
            // only whole 3-byte groups: the last partial group mixes in the bytes after the value
            int to = shifted.length / 3 * 4;
            if (to - from < MIN_BASE64_CHARACTERS) {
                continue;
            }
            forms.add(Base64.getEncoder().encodeToString(shifted).substring(from, to));
            forms.add(Base64.getUrlEncoder().encodeToString(shifted).substring(from, to));
        }
        return List.copyOf(forms);
    }

    /**
     * {@code value} URL-encoded as a form or query parameter ({@code +} for spaces) and as a path
     * segment ({@code %20}), when that differs from the value itself.
     */
    public static List<String> urlEncoded(String value) {
        String form = URLEncoder.encode(value, StandardCharsets.UTF_8);
        Set<String> forms = new LinkedHashSet<>(Arrays.asList(form, form.replace("+", "%20")));
        forms.remove(value);
        return List.copyOf(forms);
    }
}
