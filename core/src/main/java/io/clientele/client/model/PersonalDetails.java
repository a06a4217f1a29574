package io.clientele.client.model;

import io.clientele.common.Validate;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The personal-details field group of a profile: name, and optional email, phone, birth date and
 * preferred language. All parts are already-validated value objects.
 *
 * <p>Immutable and thread-safe.
 */
public record PersonalDetails(
        PersonName name,
        Optional<EmailAddress> email,
        Optional<PhoneNumber> phone,
        Optional<BirthDate> birthDate,
        Optional<LanguageTag> preferredLanguage) {

    /** What an erased client's details read. */
    public static final PersonalDetails ERASED = new PersonalDetails(
            new PersonName("Erased", "Client"), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public PersonalDetails {
        Validate.notNull("name", name);
        Validate.notNull("email", email);
        Validate.notNull("phone", phone);
        Validate.notNull("birthDate", birthDate);
        Validate.notNull("preferredLanguage", preferredLanguage);
    }

    /** The birth date as a {@link LocalDate}, if known. */
    public Optional<LocalDate> birthDateValue() {
        return birthDate.map(BirthDate::value);
    }
}
