package io.clientele.client.model;

import io.clientele.common.Text;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An ISO 3166-1 alpha-2 country code, upper case ({@code FR}, {@code DE}). Codes the JDK does not
 * list as assigned are refused (rule {@code iso_3166}).
 *
 * <p>Immutable and thread-safe.
 */
public record CountryCode(String value) {

    private static final Pattern ASCII_LETTERS = Pattern.compile("[A-Za-z]{2}");
    private static final Set<String> CODES =
            Set.copyOf(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2));

    public CountryCode {
        Validate.notBlank("country", value);
        value = Text.trim(value);
        if (ASCII_LETTERS.matcher(value).matches()) {
            value = value.toUpperCase(Locale.ROOT);
        }
        if (!CODES.contains(value)) {
            throw new ValidationException("country", "iso_3166", "not an ISO 3166-1 alpha-2 country code");
        }
    }

    /** Parses a code, case-insensitively. */
    public static CountryCode of(String code) {
        return new CountryCode(code);
    }

    @Override
    public String toString() {
        return value;
    }
}
