package io.clientele.client.model;

import io.clientele.common.Text;
import io.clientele.common.Validate;
import java.util.Optional;

/**
 * A postal address: first line, optional second line, postal code, city, optional region and an
 * ISO 3166 country. Every text part is single-line text (no control characters or line breaks):
 * line1 and city are required, line1/line2 at most 200 characters, postal code at most 20, city
 * and region at most 100. A {@linkplain Text#isBlank blank} line 2 or region is absent, and a
 * blank postal code is empty.
 *
 * <p>Immutable and thread-safe.
 */
public record PostalAddress(
        String line1,
        Optional<String> line2,
        String postalCode,
        String city,
        Optional<String> region,
        CountryCode country) {

    public PostalAddress {
        line1 = Text.singleLine("address.line1", Validate.notBlank("address.line1", line1), 200);
        line2 = Text.optionalSingleLine("address.line2", line2, 200);
        // some countries have no postal codes: a blank one is empty, like a blank optional field
        postalCode = Text.optionalSingleLine("address.postalCode",
                Optional.of(Validate.notNull("address.postalCode", postalCode)), 20).orElse("");
        city = Text.singleLine("address.city", Validate.notBlank("address.city", city), 100);
        region = Text.optionalSingleLine("address.region", region, 100);
        Validate.notNull("address.country", country);
    }

    /** An address without second line and region. */
    public static PostalAddress of(String line1, String postalCode, String city, String country) {
        return new PostalAddress(line1, Optional.empty(), postalCode, city, Optional.empty(),
                CountryCode.of(country));
    }
}
