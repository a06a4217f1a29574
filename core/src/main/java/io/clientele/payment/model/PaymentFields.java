package io.clientele.payment.model;

import io.clientele.common.Text;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The field rules shared by {@link PaymentMethodInput} and {@link PaymentMethod}. Card data is
 * checked first, so a card number pasted into a field is named as such whatever else is wrong.
 */
final class PaymentFields {

    static final int MAX_BRAND = 40;
    static final int MAX_PROVIDER_REF = 200;
    static final int MIN_EXPIRY_YEAR = 2000;
    static final int MAX_EXPIRY_YEAR = 2100;

    private static final Pattern LAST4 = Pattern.compile("[0-9]{4}");

    private PaymentFields() {
    }

    static String brand(String value) {
        return Text.singleLine("brand", CardData.refuseCardData("brand", value), MAX_BRAND);
    }

    static String last4(String value) {
        String last4 = Text.singleLine("last4", CardData.refuseCardData("last4", value), 4);
        if (!LAST4.matcher(last4).matches()) {
            throw new ValidationException("last4", "format", "exactly 4 digits");
        }
        return last4;
    }

    static String providerRef(String value) {
        String checked = Validate.notBlank("providerRef", CardData.refuseCardData("providerRef", value));
        return Text.singleLine("providerRef", checked, MAX_PROVIDER_REF);
    }

    static Optional<YearMonth> expiry(Optional<YearMonth> value) {
        Validate.notNull("expiry", value);
        value.ifPresent(e -> Validate.range("expiry", e.getYear(), MIN_EXPIRY_YEAR, MAX_EXPIRY_YEAR));
        return value;
    }
}
