package io.clientele.client.service;

import io.clientele.client.model.Client;
import io.clientele.client.model.EmailAddress;
import io.clientele.client.model.LanguageTag;
import io.clientele.client.model.PersonalDetails;
import io.clientele.client.model.PhoneNumber;
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
 * <p>To change one field of a stored client, start from what it holds and save with the version
 * it was read at:
 *
 * <pre>{@code
 * Client ana = clientele.clients().get(staff, tenant, anaId);
 * clientele.clients().editDetails(staff, tenant, anaId, ana.version(), ClientDetails.from(ana).withoutPhone());
 * }</pre>
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

    /**
     * The editable details of a stored client: its name, and its email address, phone number (in
     * E.164), birth date and preferred language as stored. Saving them unchanged changes nothing
     * (and is not audited); change a field with a {@code with*} or {@code without*} method first.
     */
    public static ClientDetails from(Client client) {
        PersonalDetails details = Validate.notNull("client", client).details();
        return new ClientDetails(details.name().firstName(), details.name().lastName(),
                details.email().map(EmailAddress::value), details.phone().map(PhoneNumber::e164),
                details.birthDateValue(), details.preferredLanguage().map(LanguageTag::value));
    }

    /** With another first and last name. */
    public ClientDetails withName(String newFirstName, String newLastName) {
        return new ClientDetails(newFirstName, newLastName, email, phone, birthDate, preferredLanguage);
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

    /**
     * Without an email address: saved, it removes the client's address (the links mailed to it
     * stop working, see {@code ClientProfileService#editDetails}).
     */
    public ClientDetails withoutEmail() {
        return new ClientDetails(firstName, lastName, Optional.empty(), phone, birthDate, preferredLanguage);
    }

    /** Without a phone number. */
    public ClientDetails withoutPhone() {
        return new ClientDetails(firstName, lastName, email, Optional.empty(), birthDate, preferredLanguage);
    }

    /** Without a birth date. */
    public ClientDetails withoutBirthDate() {
        return new ClientDetails(firstName, lastName, email, phone, Optional.empty(), preferredLanguage);
    }

    /** Without a preferred language (mails then use the studio's default language). */
    public ClientDetails withoutPreferredLanguage() {
        return new ClientDetails(firstName, lastName, email, phone, birthDate, Optional.empty());
    }
}
