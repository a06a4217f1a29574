package io.clientele.client.validation;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.clientele.client.model.CountryCode;
import io.clientele.client.service.PhoneNumbers;
import io.clientele.common.Text;
import io.clientele.common.ValidationException;
import jakarta.validation.ConstraintDeclarationException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Validates {@link PhoneNumber} with {@link PhoneNumbers#parse}, reading national numbers in the
 * annotation's region; with region {@code "ZZ"} it first requires what libphonenumber requires of
 * a number without a region: a {@code +} and a known country calling code. Created by the
 * Validation provider; thread-safe once initialized.
 */
public final class PhoneNumberValidator extends ValueObjectValidator<PhoneNumber> {

    /** libphonenumber's region code for "no region": only numbers in international format parse. */
    private static final String UNKNOWN_REGION = "ZZ";

    /**
     * Any region: for a number libphonenumber parses without a region, the region it is given is
     * never consulted.
     */
    private static final CountryCode ANY_REGION = CountryCode.of("FR");

    private @Nullable CountryCode region;

    /** Used by the Validation provider. */
    public PhoneNumberValidator() {
        super("phone", textRulesAnd("format", "invalid_number", "international_format", "extension"));
    }

    @Override
    public void initialize(PhoneNumber annotation) {
        initializeMessage(annotation.message());
        String code = Text.trim(annotation.region()).toUpperCase(Locale.ROOT);
        if (code.equals(UNKNOWN_REGION)) {
            region = null;
            return;
        }
        try {
            region = CountryCode.of(code);
        } catch (ValidationException e) {
            throw new ConstraintDeclarationException("@PhoneNumber(region = \"" + annotation.region()
                    + "\") is neither an ISO 3166-1 alpha-2 country code nor \"ZZ\"", e);
        }
    }

    @Override
    void check(String value) {
        CountryCode nationalRegion = region;
        if (nationalRegion != null) {
            PhoneNumbers.parse(value, nationalRegion);
            return;
        }
        requireInternationalFormat(value);
        PhoneNumbers.parse(value, ANY_REGION);
    }

    private static void requireInternationalFormat(String value) {
        try {
            PhoneNumberUtil.getInstance().parse(value, UNKNOWN_REGION);
        } catch (NumberParseException e) {
            if (e.getErrorType() == NumberParseException.ErrorType.INVALID_COUNTRY_CODE) {
                throw new ValidationException("phone", "international_format",
                        "expected '+' and the country calling code");
            }
            // Blank, too long, not a number: PhoneNumbers.parse reports these with its own rules.
        }
    }
}
