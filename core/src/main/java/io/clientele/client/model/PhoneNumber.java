package io.clientele.client.model;

import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.util.regex.Pattern;

/**
 * A phone number in E.164 form ({@code +33612345678}). Build one from what people type with
 * {@code io.clientele.client.service.PhoneNumbers#parse}, which resolves national numbers with the
 * tenant's default region.
 *
 * <p>Immutable and thread-safe.
 */
public record PhoneNumber(String e164) {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    /** Accepts only a canonical E.164 string (as stored). */
    public PhoneNumber {
        Validate.notNull("phone", e164);
        if (!E164.matcher(e164).matches()) {
            throw new ValidationException("phone", "format", "expected E.164, for example +33612345678");
        }
    }

    /** True when {@code text} is in E.164 form: {@code +}, then 2 to 15 digits, the first not 0. */
    public static boolean isE164(String text) {
        return E164.matcher(text).matches();
    }

    @Override
    public String toString() {
        return e164;
    }
}
