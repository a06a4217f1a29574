package io.clientele.client.model;

import static io.clientele.common.UntrustedInput.assertRefused;
import static io.clientele.common.UntrustedInput.length;
import static io.clientele.common.UntrustedInput.validOrRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.util.ULocale;
import io.clientele.common.UntrustedInput;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class EmailAddressTest {

    private static final Set<String> RULES =
            Set.of("required", "line_break", "forbidden_character", "max_length", "format", "invisible",
                    "lone_combining_mark", "combining_marks");

    @Example
    void email_is_normalized_to_lower_case() {
        EmailAddress email = EmailAddress.of("Ana.Lopez@Example.COM");

        assertThat(email.value()).isEqualTo("ana.lopez@example.com");
        assertThat(email.domain()).isEqualTo("example.com");
        assertThat(email).hasToString("ana.lopez@example.com");
    }

    @Example
    void addresses_that_differ_only_in_case_are_the_same_address() {
        assertThat(EmailAddress.of("ANA@EXAMPLE.COM")).isEqualTo(EmailAddress.of("ana@example.com"));
    }

    @Example
    void email_is_trimmed_and_normalized_to_nfc() {
        assertThat(EmailAddress.of(" \tJose\u0301@Example.com  ").value()).isEqualTo("jos\u00E9@example.com");
    }

    @Example
    void a_punycode_domain_is_kept_in_its_unicode_form() {
        EmailAddress email = EmailAddress.of("ana@xn--bcher-kva.example");

        assertThat(email.value()).isEqualTo("ana@b\u00FCcher.example");
        assertThat(email.asciiDomain()).isEqualTo("xn--bcher-kva.example");
    }

    @Example
    void email_without_domain_dot_is_refused_with_rule_format() {
        assertRefused(() -> EmailAddress.of("ana@localhost"), "email", "format");
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void malformed_addresses_are_refused_with_rule_format(@ForAll("malformed") String malformed) {
        assertRefused(() -> EmailAddress.of(malformed), "email", "format");
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void internationalized_and_unusual_but_valid_addresses_are_accepted(@ForAll("unusual") String address) {
        assertThat(EmailAddress.of(address).value()).isEqualTo(address.toLowerCase(Locale.ROOT));
    }

    @Example
    void missing_or_blank_email_is_refused_with_rule_required() {
        assertRefused(() -> EmailAddress.of(null), "email", "required");
        assertRefused(() -> EmailAddress.of(" \t "), "email", "required");
    }

    @Example
    void local_part_of_64_characters_is_accepted_and_65_is_refused() {
        assertThat(EmailAddress.of("a".repeat(64) + "@example.com").value()).startsWith("a".repeat(64) + "@");
        assertRefused(() -> EmailAddress.of("a".repeat(65) + "@example.com"), "email", "format");
    }

    @Example
    void address_of_254_characters_is_accepted_and_255_is_refused_with_rule_max_length() {
        String domain = "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(57) + ".com";
        String longest = "a".repeat(64) + "@" + domain;

        assertThat(longest).hasSize(254);
        assertThat(EmailAddress.of(longest).value()).isEqualTo(longest);
        assertRefused(() -> EmailAddress.of("a".repeat(64) + "@d" + domain), "email", "max_length");
    }

    @Example
    void a_line_feed_inside_an_address_is_refused_with_rule_line_break() {
        assertRefused(() -> EmailAddress.of("ana@example.com\nBcc: all@example.com"), "email", "line_break");
    }

    @Example
    void a_right_to_left_override_inside_an_address_is_refused_with_rule_forbidden_character() {
        assertRefused(() -> EmailAddress.of("ana@exa\u202Eelpmam.com"), "email", "forbidden_character");
    }

    // --- properties ---

    @Property
    void any_input_builds_an_address_or_is_refused_with_a_validation_exception(
            @ForAll("anyTextOrNull") String raw) {
        validOrRefused(() -> EmailAddress.of(raw), "email", RULES).ifPresent(EmailAddressTest::assertWellFormed);
    }

    @Property
    void generated_address_like_input_builds_a_normalized_address_or_is_refused(
            @ForAll("addressLike") String raw) {
        validOrRefused(() -> EmailAddress.of(raw), "email", Set.of("required", "format", "invisible", "lone_combining_mark",
                "combining_marks")).ifPresent(email -> {
            assertWellFormed(email);
            assertThat(length(email.value())).isLessThanOrEqualTo(254);
            assertThat(email.value())
                    .isEqualTo(UCharacter.toLowerCase(ULocale.ROOT, Normalizer2.getNFCInstance().normalize(raw).strip()));
        });
    }

    @Property
    void well_formed_generated_addresses_are_accepted_in_any_case(@ForAll("wellFormed") String raw) {
        EmailAddress email = EmailAddress.of(raw);

        assertThat(email.value()).isEqualTo(raw.toLowerCase(Locale.ROOT));
        assertThat(EmailAddress.of(raw.toUpperCase(Locale.ROOT))).isEqualTo(email);
    }

    @Example
    void every_printable_ascii_character_in_a_local_part_is_accepted_exactly_when_rfc_5322_atext_allows_it() {
        String atext = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+/=?^_`{|}~-";
        for (char c = 0x21; c < 0x7f; c++) {
            String raw = "a" + c + "b@studio.example";
            if (c == '@' || c == '.') {
                // '@' splits the address; '.' between atext is a dot-atom, tested apart
                continue;
            }
            if (atext.indexOf(c) >= 0) {
                assertThat(EmailAddress.of(raw).localPart()).as(raw).isEqualTo(("a" + c + "b").toLowerCase(Locale.ROOT));
            } else {
                assertRefused(() -> EmailAddress.of(raw), "email", "format");
            }
        }
        assertThat(EmailAddress.of("a.b@studio.example").localPart()).isEqualTo("a.b");
        assertRefused(() -> EmailAddress.of("a..b@studio.example"), "email", "format");
        assertRefused(() -> EmailAddress.of(".ab@studio.example"), "email", "format");
    }

    private static void assertWellFormed(EmailAddress email) {
        String value = email.value();
        assertThat(value).isEqualTo(value.toLowerCase(Locale.ROOT)).isEqualTo(value.strip());
        assertThat(value.chars().filter(c -> c == '@')).hasSize(1);
        int at = value.indexOf('@');
        assertThat(at).isBetween(1, 64);
        assertThat(email.domain()).isEqualTo(value.substring(at + 1)).contains(".")
                .doesNotStartWith(".").doesNotEndWith(".").doesNotContain("..");
        assertThat(EmailAddress.of(value)).isEqualTo(email);
    }

    // --- generators ---

    @Provide
    Arbitrary<String> malformed() {
        return Arbitraries.of("ana", "@example.com", "ana@", "ana@@example.com", "ana@b@example.com",
                "ana..lopez@example.com", ".ana@example.com", "ana.@example.com", "ana lopez@example.com",
                "\"ana\"@example.com", "ana(work)@example.com", "ana@[192.168.0.1]", "ana@-example.com",
                "ana@example-.com", "ana@example..com", "ana@.example.com", "ana@example.com.",
                "ana@example.123", "ana@exa_mple.com", "ana\\@example.com", "ana,lopez@example.com",
                "ana@" + "b".repeat(64) + ".com", "<ana@example.com>", "mailto:ana@example.com");
    }

    @Provide
    Arbitrary<String> unusual() {
        return Arbitraries.of("jos\u00E9@example.com", "\u7528\u6237@\u4F8B\u5B50.\u5E7F\u544A",
                "\u0434\u0436\u0435\u0439\u0441\u043E\u043D@\u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444",
                "\u0394\u039F\u039A\u0399\u039C\u0397@\u03A0\u0391\u03A1\u0386\u0394\u0395\u0399\u0393\u039C\u0391.gr",
                "ana+newsletter@example.com", "o'brien@example.ie", "a!#$%&'*+/=?^_`{|}~-b@example.com",
                "ana@sub.domain.example.co.uk", "1@2.com", "a@b.c",
                "first.middle.last@example.com");
    }

    @Provide
    Arbitrary<String> anyTextOrNull() {
        return UntrustedInput.textOrNull();
    }

    /** Parts of addresses glued with dots and at-signs, with the slips a typist makes. */
    @Provide
    Arbitrary<String> addressLike() {
        Arbitrary<String> goodAtom = Arbitraries.strings()
                .withChars("abcXYZ019!#$%&'*+/=?^_`{|}~-\u00E9\u00C9\u0416\u0436\u0394\u738B\u0301")
                .ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> badAtom = Arbitraries.oneOf(Arbitraries.just(""),
                Combinators.combine(goodAtom, Arbitraries.strings().withChars(" \"()[],;:\\<>").ofLength(1))
                        .as((atom, slip) -> atom + slip));
        Arbitrary<String> atom = Arbitraries.frequencyOf(Tuple.of(15, goodAtom), Tuple.of(1, badAtom));
        Arbitrary<String> goodLabel = Arbitraries.strings().withChars("abcXYZ019\u00E9\u0416\u738B")
                .ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> badLabel = Arbitraries.of("", "-a", "a-", "a_b", "123", "[1]", "a b");
        Arbitrary<String> label = Arbitraries.frequencyOf(Tuple.of(15, goodLabel), Tuple.of(1, badLabel));
        Arbitrary<String> local = atom.list().ofMinSize(1).ofMaxSize(4).map(atoms -> String.join(".", atoms));
        Arbitrary<String> domain = label.list().ofMinSize(1).ofMaxSize(4).map(labels -> String.join(".", labels));
        Arbitrary<String> at = Arbitraries.frequencyOf(Tuple.of(20, Arbitraries.just("@")),
                Tuple.of(1, Arbitraries.of("", "@@", "@a@", " @ ")));
        return Combinators.combine(local, at, domain, Arbitraries.of("", " ", "\t"))
                .as((l, a, d, pad) -> pad + l + a + d + pad);
    }

    /** Addresses built by the documented grammar, in mixed case. */
    @Provide
    Arbitrary<String> wellFormed() {
        Arbitrary<String> atom = Arbitraries.strings()
                .withChars("abcdefxyzABCDEFXYZ0123456789!#$%&'*+/=?^_`{|}~-\u00E9\u00C9\u0416\u0436\u738B")
                .ofMinLength(1).ofMaxLength(8);
        // the local part is limited in octets of UTF-8, and hyphens in the third and fourth places of
        // a label are reserved (UTS #46 hyphen rules)
        Arbitrary<String> local = atom.list().ofMinSize(1).ofMaxSize(4).map(atoms -> String.join(".", atoms))
                .filter(l -> l.getBytes(StandardCharsets.UTF_8).length <= 64);
        Arbitrary<String> label = Combinators.combine(
                        Arbitraries.strings().withChars("abcXYZ019\u00E9\u0416\u738B").ofLength(1),
                        Arbitraries.strings().withChars("abcXYZ019-\u00E9\u0416").ofMaxLength(10),
                        Arbitraries.strings().withChars("abcXYZ019\u00E9\u0416\u738B").ofLength(1))
                .as((first, middle, last) -> first + middle + last)
                .filter(l -> l.length() < 4 || !l.startsWith("--", 2));
        Arbitrary<String> topLevel = Arbitraries.strings().withChars("comORGnetDE\u0440\u0444").ofMinLength(2).ofMaxLength(6);
        return Combinators.combine(local, label.list().ofMinSize(1).ofMaxSize(3), topLevel)
                .as((l, labels, tld) -> l + "@" + String.join(".", labels) + "." + tld);
    }
}
