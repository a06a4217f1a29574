package io.clientele.client.service;

import io.clientele.common.Validate;
import java.util.Optional;

/**
 * A postal address as entered on a form, before validation: line 1, optional line 2, postal
 * code, city, optional region and an ISO 3166 alpha-2 country code. The use case validates it
 * and names failing fields {@code address.line1}, {@code address.country}, ...
 *
 * <p>Immutable and thread-safe.
 */
public record AddressInput(
        String line1,
        Optional<String> line2,
        String postalCode,
        String city,
        Optional<String> region,
        String country) {

    public AddressInput {
        Validate.notNull("address.line1", line1);
        Validate.notNull("address.line2", line2);
        Validate.notNull("address.postalCode", postalCode);
        Validate.notNull("address.city", city);
        Validate.notNull("address.region", region);
        Validate.notNull("address.country", country);
    }

    /** An address without line 2 and region; add them with {@link #withLine2} and {@link #withRegion}. */
    public static AddressInput of(String line1, String postalCode, String city, String country) {
        return new AddressInput(line1, Optional.empty(), postalCode, city, Optional.empty(), country);
    }

    /** This address with a second line. */
    public AddressInput withLine2(String value) {
        return new AddressInput(line1, Optional.of(Validate.notNull("address.line2", value)), postalCode, city, region,
                country);
    }

    /** This address with a region. */
    public AddressInput withRegion(String value) {
        return new AddressInput(line1, line2, postalCode, city, Optional.of(Validate.notNull("address.region", value)),
                country);
    }
}
