package io.clientele.client.validation;

/**
 * Validates {@link PassNumber} with {@link io.clientele.client.model.PassNumber}. Created by the
 * Validation provider; thread-safe once initialized.
 */
public final class PassNumberValidator extends ValueObjectValidator<PassNumber> {

    /** Used by the Validation provider. */
    public PassNumberValidator() {
        super("pass", textRulesAnd("format"));
    }

    @Override
    public void initialize(PassNumber annotation) {
        initializeMessage(annotation.message());
    }

    @Override
    void check(String value) {
        io.clientele.client.model.PassNumber.of(value);
    }
}
