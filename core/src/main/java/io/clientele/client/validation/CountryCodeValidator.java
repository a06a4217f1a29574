package io.clientele.client.validation;

import java.util.Set;

/**
 * Validates {@link CountryCode} with {@link io.clientele.client.model.CountryCode}. Created by the
 * Validation provider; thread-safe once initialized.
 */
public final class CountryCodeValidator extends ValueObjectValidator<CountryCode> {

    /** Used by the Validation provider. */
    public CountryCodeValidator() {
        super("country", Set.of("required", "iso_3166"));
    }

    @Override
    public void initialize(CountryCode annotation) {
        initializeMessage(annotation.message());
    }

    @Override
    void check(String value) {
        io.clientele.client.model.CountryCode.of(value);
    }
}
