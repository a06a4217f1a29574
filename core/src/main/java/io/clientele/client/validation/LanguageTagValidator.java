package io.clientele.client.validation;

/**
 * Validates {@link LanguageTag} with {@link io.clientele.client.model.LanguageTag}. Created by the
 * Validation provider; thread-safe once initialized.
 */
public final class LanguageTagValidator extends ValueObjectValidator<LanguageTag> {

    /** Used by the Validation provider. */
    public LanguageTagValidator() {
        super("language", textRulesAnd("format"));
    }

    @Override
    public void initialize(LanguageTag annotation) {
        initializeMessage(annotation.message());
    }

    @Override
    void check(String value) {
        io.clientele.client.model.LanguageTag.of(value);
    }
}
