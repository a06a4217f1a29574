package io.clientele.client.validation;

import io.clientele.client.model.PersonName;

/**
 * Validates {@link PersonNamePart} with {@link PersonName}. Created by the Validation provider;
 * thread-safe once initialized.
 */
public final class PersonNamePartValidator extends ValueObjectValidator<PersonNamePart> {

    /** Used by the Validation provider. */
    public PersonNamePartValidator() {
        super("personName", textRulesAnd("characters", "combining_marks"));
    }

    @Override
    public void initialize(PersonNamePart annotation) {
        initializeMessage(annotation.message());
    }

    @Override
    void check(String value) {
        // Both parts of a name follow one rule; the other part is a fixed valid one.
        new PersonName(value, "X");
    }
}
