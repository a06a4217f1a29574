package io.clientele.client.service;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.clientele.client.model.CountryCode;
import io.clientele.client.model.PhoneNumber;
import io.clientele.common.Text;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;

/**
 * Turns a phone number as a person typed it (spaces, dots, dashes, national or international
 * format) into an E.164 {@link PhoneNumber}, with libphonenumber. National numbers are resolved
 * with the tenant's default region. Numbers libphonenumber does not consider valid, or longer
 * than E.164's 15 digits, are refused with rule {@code invalid_number}, numbers with an extension
 * with rule {@code extension}, unparsable text with rule {@code format}.
 *
 * <p>Stateless and thread-safe.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /** Parses a typed number, using {@code defaultRegion} for national numbers. */
    public static PhoneNumber parse(String raw, CountryCode defaultRegion) {
        String text = Text.singleLine("phone", Validate.notBlank("phone", raw), 40);
        try {
            var parsed = UTIL.parse(text, defaultRegion.value());
            if (!UTIL.isValidNumber(parsed)) {
                throw new ValidationException("phone", "invalid_number", "not a valid phone number");
            }
            if (parsed.hasExtension()) {
                throw new ValidationException("phone", "extension", "extensions are not supported");
            }
            String e164 = UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164);
            if (!PhoneNumber.isE164(e164)) {
                // libphonenumber accepts some numbers longer than E.164's 15 digits
                throw new ValidationException("phone", "invalid_number", "longer than E.164 allows");
            }
            return new PhoneNumber(e164);
        } catch (NumberParseException e) {
            throw new ValidationException("phone", "format", "not a phone number");
        }
    }
}
