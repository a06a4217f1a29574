package io.clientele.client;

import static io.clientele.common.UntrustedInput.assertRefused;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.clientele.client.model.Client;
import io.clientele.client.model.EmailAddress;
import io.clientele.client.service.ClientDetails;
import io.clientele.client.validation.ClientEmail;
import io.clientele.common.ConflictException;
import io.clientele.common.ValidationException;
import io.clientele.testing.TestClientele;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue 7, point 11: one mailbox, one value. Spellings of one address (a Unicode domain and its
 * Punycode, full-width forms, case) give one canonical {@link EmailAddress#value()}, so uniqueness
 * per tenant holds across them; domains are checked with UTS #46 and refused with field {@code
 * email} and rule {@code format} when they break it.
 */
class EmailIdentityTest {

    // --- one value for every spelling ---

    @Example
    void a_unicode_domain_and_its_punycode_are_one_mailbox() {
        List<String> spellings = List.of("ana@b\u00FCcher.de", "ana@xn--bcher-kva.de", "ANA@XN--BCHER-KVA.DE",
                "Ana@B\u00DCCHER.de", "ana@bu\u0308cher.de", "ana@xn--Bcher-kva.de");

        for (String spelling : spellings) {
            assertThat(EmailAddress.of(spelling).value()).as(spelling).isEqualTo("ana@b\u00FCcher.de");
        }
    }

    @Example
    void full_width_forms_are_the_same_mailbox_as_ascii() {
        List<String> spellings = List.of("\uFF41\uFF4E\uFF41\uFF20\uFF45\uFF58\uFF41\uFF4D\uFF50\uFF4C\uFF45\uFF0E\uFF43\uFF4F\uFF4D",
                "\uFF21\uFF2E\uFF21@example.com", "ana\uFF20example.com", "ana@example\u3002com", "ana@EXAMPLE\uFF0Ecom");

        for (String spelling : spellings) {
            assertThat(EmailAddress.of(spelling).value()).as(spelling).isEqualTo("ana@example.com");
        }
    }

    @Example
    void half_width_katakana_in_a_local_part_is_folded_to_its_usual_width() {
        assertThat(EmailAddress.of("\uFF76\uFF9E\uFF78@example.jp").value()).isEqualTo("\u30AC\u30AF@example.jp");
    }

    @Example
    void ligatures_and_superscripts_in_a_local_part_are_not_folded_because_they_may_be_other_mailboxes() {
        assertThat(EmailAddress.of("\uFB01n@example.com").value()).isEqualTo("\uFB01n@example.com");
        assertThat(EmailAddress.of("ana\u00B2@example.com").value()).isEqualTo("ana\u00B2@example.com");
        assertThat(EmailAddress.of("\uFB01n@example.com")).isNotEqualTo(EmailAddress.of("fin@example.com"));
    }

    @Example
    void the_ascii_form_of_the_domain_is_there_for_senders_without_smtputf8() {
        EmailAddress email = EmailAddress.of("Ana@B\u00FCcher.de");

        assertThat(email.domain()).isEqualTo("b\u00FCcher.de");
        assertThat(email.asciiDomain()).isEqualTo("xn--bcher-kva.de");
        assertThat(email.valueWithAsciiDomain()).isEqualTo("ana@xn--bcher-kva.de");
        assertThat(email.localPart()).isEqualTo("ana");
        assertThat(EmailAddress.of("ana@example.com").valueWithAsciiDomain()).isEqualTo("ana@example.com");
        assertThat(EmailAddress.of("\u7528\u6237@\u4F8B\u5B50.\u5E7F\u544A").asciiDomain())
                .isEqualTo("xn--fsqu00a.xn--4rr70v");
    }

    @Property(tries = 300)
    void every_spelling_of_a_generated_address_gives_one_value(@ForAll("addresses") String address) {
        String canonical = EmailAddress.of(address).value();
        int at = address.lastIndexOf('@');
        String punycode = address.substring(0, at) + "@" + IDN.toASCII(address.substring(at + 1));

        assertThat(EmailAddress.of(punycode).value()).isEqualTo(canonical);
        assertThat(EmailAddress.of(fullWidth(address)).value()).isEqualTo(canonical);
        assertThat(EmailAddress.of(fullWidth(address.toUpperCase(Locale.ROOT))).value()).isEqualTo(canonical);
        assertThat(EmailAddress.of(canonical).value()).isEqualTo(canonical);
    }

    // --- uniqueness per tenant ---

    @Example
    void a_second_client_with_another_spelling_of_a_taken_address_is_a_duplicate() {
        TestClientele t = new TestClientele();
        t.create(ClientDetails.named("Ana", "L\u00F3pez").withEmail("ana@b\u00FCcher.de"));
        t.create(ClientDetails.named("Ben", "Okafor").withEmail("ben@example.com"));
        Map<String, List<String>> before = t.storedState();

        for (String spelling : List.of("ANA@xn--bcher-kva.de", "\uFF41\uFF4E\uFF41@b\u00FCcher.de",
                "ana@bu\u0308cher\uFF0Ede")) {
            ConflictException e = catchThrowableOfType(
                    () -> t.create(ClientDetails.named("Eve", "Mallory").withEmail(spelling)), ConflictException.class);
            assertThat(e).as(spelling).isNotNull();
            assertThat(e.reason()).isEqualTo(ConflictException.Reason.DUPLICATE);
            assertThat(e.getMessage()).startsWith("email:");
        }
        assertThat(t.storedState()).isEqualTo(before);
    }

    @Example
    void editing_a_client_to_another_spelling_of_a_taken_address_is_a_duplicate() {
        TestClientele t = new TestClientele();
        t.create(ClientDetails.named("Ana", "L\u00F3pez").withEmail("\uFF41\uFF4E\uFF41@example.com"));
        Client ben = t.create(ClientDetails.named("Ben", "Okafor").withEmail("ben@example.com"));

        ConflictException e = catchThrowableOfType(() -> t.clientele.clients().editDetails(OWNER, TENANT, ben.id(),
                ben.version(), ClientDetails.named("Ben", "Okafor").withEmail("ANA@EXAMPLE.COM")), ConflictException.class);

        assertThat(e.reason()).isEqualTo(ConflictException.Reason.DUPLICATE);
        assertThat(t.reload(ben.id()).details().email()).contains(EmailAddress.of("ben@example.com"));
    }

    // --- UTS #46 refusals ---

    @Example
    void a_label_of_more_than_63_octets_in_its_ascii_form_is_refused_even_if_short_in_unicode() {
        // java.net.IDN (IDNA 2003) agrees with UTS #46 on these labels and gives the lengths independently
        assertThat(IDN.toASCII(ideographs(22))).as("precondition: ASCII form of 22 ideographs").hasSize(63);

        assertThat(EmailAddress.of("ana@" + ideographs(22) + ".cn").asciiDomain()).hasSize(63 + 3);
        assertRefused(() -> EmailAddress.of("ana@" + ideographs(23) + ".cn"), "email", "format");
        assertRefused(() -> EmailAddress.of("ana@" + "a".repeat(64) + ".cn"), "email", "format");
    }

    @Example
    void a_domain_label_starting_with_a_combining_mark_is_refused() {
        assertRefused(() -> EmailAddress.of("ana@\u0301example.com"), "email", "format");
        assertRefused(() -> EmailAddress.of("ana@example.\u0308com"), "email", "format");
    }

    @Example
    void an_invalid_xn_label_is_refused() {
        assertRefused(() -> EmailAddress.of("ana@xn--a.com"), "email", "format");          // not Punycode
        assertRefused(() -> EmailAddress.of("ana@xn--.com"), "email", "format");           // empty
        assertRefused(() -> EmailAddress.of("ana@xn--ss-.de"), "email", "format");         // decodes to ASCII
        assertRefused(() -> EmailAddress.of("ana@xn--u-ccb.com"), "email", "format");      // decodes to non-NFC
    }

    @Example
    void a_label_breaking_the_bidi_rule_is_refused() {
        assertRefused(() -> EmailAddress.of("ana@a1\u0627.com"), "email", "format");
        assertRefused(() -> EmailAddress.of("ana@\u05D0a.com"), "email", "format");
        assertThat(EmailAddress.of("ana@\u0627\u0644\u0639\u0631\u0628\u064A\u0629.com").domain())
                .isEqualTo("\u0627\u0644\u0639\u0631\u0628\u064A\u0629.com");
    }

    @Example
    void a_joiner_where_no_script_needs_it_is_refused() {
        assertRefused(() -> EmailAddress.of("ana@\u0915\u200D.com"), "email", "format");
        assertRefused(() -> EmailAddress.of("ana@a\u200Cb.com"), "email", "format");
        // after a virama, where Devanagari needs it, a zero-width joiner is allowed
        assertThat(EmailAddress.of("ana@\u0915\u094D\u200D\u0937.com").domain()).isEqualTo("\u0915\u094D\u200D\u0937.com");
    }

    @Example
    void hyphen_and_contextual_rules_and_a_trailing_dot_are_refused() {
        for (String address : List.of("ana@ab--cd.com", "ana@-ab.com", "ana@ab-.com", "ana@a\u00B7b.com",
                "ana@example.com.", "ana@exa_mple.com", "ana@example..com")) {
            assertRefused(() -> EmailAddress.of(address), "email", "format");
        }
        assertThat(EmailAddress.of("ana@l\u00B7l.cat").domain()).isEqualTo("l\u00B7l.cat");
    }

    @Example
    void a_refusal_never_repeats_the_address() {
        ValidationException e = catchThrowableOfType(() -> EmailAddress.of("secret@xn--secret-.com"),
                ValidationException.class);

        assertThat(e.getMessage()).doesNotContain("secret");
    }

    // --- lengths in octets ---

    @Example
    void a_local_part_of_64_octets_is_accepted_and_one_of_66_is_refused() {
        assertThat(EmailAddress.of("\u00E9".repeat(32) + "@example.com").localPart()).hasSize(32);
        assertRefused(() -> EmailAddress.of("\u00E9".repeat(33) + "@example.com"), "email", "format");
    }

    @Example
    void the_whole_address_is_limited_to_254_octets_with_the_ascii_domain() {
        String label = ideographs(20);
        String domain = String.join(".", label, label, label, label) + ".cn";
        String asciiDomain = IDN.toASCII(domain);
        String local = "a".repeat(64);
        assertThat((local + "@" + domain).length()).as("precondition: short as typed").isLessThan(254);
        assertThat(local.length() + 1 + asciiDomain.length()).as("precondition: long in ASCII").isGreaterThan(254);

        assertRefused(() -> EmailAddress.of(local + "@" + domain), "email", "max_length");
        String shorter = "a".repeat(254 - 1 - asciiDomain.length());
        assertThat(EmailAddress.of(shorter + "@" + domain).valueWithAsciiDomain())
                .isEqualTo(shorter + "@" + asciiDomain).hasSize(254);
    }

    // --- the Jakarta constraint delegates ---

    record Form(@ClientEmail String email) {
    }

    @Example
    void the_client_email_constraint_follows_the_same_rules() {
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            Validator validator = factory.getValidator();

            assertThat(validator.validate(new Form("\uFF41\uFF4E\uFF41\uFF20b\u00FCcher.de"))).isEmpty();
            assertThat(validator.validate(new Form("ana@xn--bcher-kva.de"))).isEmpty();
            Set<ConstraintViolation<Form>> violations = validator.validate(new Form("ana@xn--ss-.de"));
            assertThat(violations).singleElement().satisfies(v ->
                    assertThat(v.getMessageTemplate()).isEqualTo("{io.clientele.validation.email.format}"));
        }
    }

    // --- generators ---

    @Provide
    Arbitrary<String> addresses() {
        Arbitrary<String> atom = Arbitraries.strings().withChars("abcxyz0189+_-\u00E9\u00F6\u0436\u738B")
                .ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> local = atom.list().ofMinSize(1).ofMaxSize(3).map(atoms -> String.join(".", atoms));
        Arbitrary<String> label = Arbitraries.strings().withChars("abcxyz0189\u00E9\u00FC\u00F6\u0436\u738B\u4F8B")
                .ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> tld = Arbitraries.of("com", "de", "fr", "\u0440\u0444", "\u5E7F\u544A");
        return Combinators.combine(local, label.list().ofMinSize(1).ofMaxSize(3), tld)
                .as((l, labels, t) -> l + "@" + String.join(".", labels) + "." + t);
    }

    /** {@code n} distinct CJK ideographs, which Punycode cannot encode compactly. */
    private static String ideographs(int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.appendCodePoint(0x4E00 + 97 * i);
        }
        return out.toString();
    }

    /** ASCII letters, digits, '@', '.', '+', '_' and '-' in their full-width forms; anything else as is. */
    private static String fullWidth(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(cp -> out.appendCodePoint(cp > 0x20 && cp < 0x7F ? cp + 0xFEE0 : cp));
        return out.toString();
    }
}
