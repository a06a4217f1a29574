package io.clientele.client.validation;

import io.clientele.client.model.EmailAddress;

/**
 * Validates {@link ClientEmail} with {@link EmailAddress}. Created by the Validation provider;
 * thread-safe once initialized.
 */
public final class ClientEmailValidator extends ValueObjectValidator<ClientEmail> {

    /** Used by the Validation provider. */
    public ClientEmailValidator() {
        super("email", textRulesAnd("format"));
    }

    @Override
    public void initialize(ClientEmail annotation) {
        initializeMessage(annotation.message());
    }

    @Override
    void check(String value) {
        EmailAddress.of(value);
    }
}
