package io.clientele.client.service;

import io.clientele.common.Validate;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Personal details as entered on a form, before validation: first and last name, and optional
 * email, phone (any common format), birth date and preferred language (BCP 47). Used to create a
 * client and to replace a client's details. Build with {@link #named} and the {@code with*}
 * methods:
 *
 * <pre>{@code ClientDetails.named("Ana", "López").withEmail("ana@example.com").withPhone("06 12 34 56 78")}</pre>
 *
 * <p>Validation happens in the use case, which names the failing field and rule. Immutable and
 * thread-safe.
 */
public record ClientDetails(
        String firstName,
        String lastName,
        Optional<String> email,
        Optional<String> phone,
        Optional<LocalDate> birthDate,
        Optional<String> preferredLanguage) {

    public ClientDetails {
        Validate.notNull("firstName", firstName);
        Validate.notNull("lastName", lastName);
        Validate.notNull("email", email);
        Validate.notNull("phone", phone);
        Validate.notNull("birthDate", birthDate);
        Validate.notNull("preferredLanguage", preferredLanguage);
    }

    /** Details with just a name. */
    public static ClientDetails named(String firstName, String lastName) {
        return new ClientDetails(firstName, lastName, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** With an email address. */
    public ClientDetails withEmail(String value) {
        return new ClientDetails(firstName, lastName, Optional.of(value), phone, birthDate, preferredLanguage);
    }

    /** With a phone number. */
    public ClientDetails withPhone(String value) {
        return new ClientDetails(firstName, lastName, email, Optional.of(value), birthDate, preferredLanguage);
    }

    /** With a birth date. */
    public ClientDetails withBirthDate(LocalDate value) {
        return new ClientDetails(firstName, lastName, email, phone, Optional.of(value), preferredLanguage);
    }

    /** With a preferred language. */
    public ClientDetails withPreferredLanguage(String value) {
        return new ClientDetails(firstName, lastName, email, phone, birthDate, Optional.of(value));
    }
}
