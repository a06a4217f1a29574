package io.clientele.client.model;

import static io.clientele.common.UntrustedInput.assertRefused;
import static io.clientele.common.UntrustedInput.length;
import static io.clientele.common.UntrustedInput.validOrRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.UntrustedInput;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class LanguageTagTest {

    private static final String FIELD = "preferredLanguage";
    private static final Set<String> RULES =
            Set.of("required", "line_break", "forbidden_character", "max_length", "format", "invisible",
                    "lone_combining_mark");

    @Example
    void language_tag_is_canonicalized() {
        assertThat(LanguageTag.of("pt-br").value()).isEqualTo("pt-BR");
        assertThat(LanguageTag.of("EN").value()).isEqualTo("en");
        assertThat(LanguageTag.of("zh-hant-tw").value()).isEqualTo("zh-Hant-TW");
        assertThat(LanguageTag.of(" sr-latn-rs ").value()).isEqualTo("sr-Latn-RS");
    }

    @Example
    void grandfathered_and_deprecated_tags_are_replaced_by_their_modern_form() {
        assertThat(LanguageTag.of("i-klingon").value()).isEqualTo("tlh");
        assertThat(LanguageTag.of("iw").value()).isEqualTo("he");
        assertThat(LanguageTag.of("in-ID").value()).isEqualTo("id-ID");
    }

    @Example
    void tag_converts_to_the_matching_locale() {
        Locale locale = LanguageTag.of("pt-br").toLocale();

        assertThat(locale.getLanguage()).isEqualTo("pt");
        assertThat(locale.getCountry()).isEqualTo("BR");
        assertThat(LanguageTag.of("de-CH")).hasToString("de-CH");
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void malformed_tags_and_tags_without_a_language_are_refused_with_rule_format(@ForAll("malformed") String tag) {
        assertRefused(() -> LanguageTag.of(tag), FIELD, "format");
    }

    @Example
    void missing_or_blank_tag_is_refused_with_rule_required() {
        assertRefused(() -> LanguageTag.of(null), FIELD, "required");
        assertRefused(() -> LanguageTag.of(" "), FIELD, "required");
    }

    @Example
    void tag_longer_than_35_characters_is_refused_with_rule_max_length() {
        assertRefused(() -> LanguageTag.of("en-US-" + "x".repeat(30)), FIELD, "max_length");
    }

    @Property
    void any_input_is_a_canonical_tag_or_refused_with_a_validation_exception(@ForAll("anyTextOrNull") String raw) {
        validOrRefused(() -> LanguageTag.of(raw), FIELD, RULES).ifPresent(LanguageTagTest::assertCanonical);
    }

    @Property
    void generated_subtag_sequences_are_canonical_tags_or_refused_with_rule_format(@ForAll("tagLike") String raw) {
        validOrRefused(() -> LanguageTag.of(raw), FIELD, Set.of("format", "max_length"))
                .ifPresent(LanguageTagTest::assertCanonical);
    }

    @Property(generation = GenerationMode.EXHAUSTIVE, tries = 5000)
    void every_jdk_locale_tag_is_accepted_in_any_case(@ForAll("jdkLocaleTags") String tag) {
        LanguageTag parsed = LanguageTag.of(tag.toUpperCase(Locale.ROOT));

        // the JDK keeps a variant's case as given ("en-US-POSIX"); BCP 47's canonical case is lower
        assertThat(parsed.value()).isEqualToIgnoringCase(tag);
        assertThat(parsed).isEqualTo(LanguageTag.of(tag)).isEqualTo(LanguageTag.of(parsed.value()));
    }

    private static void assertCanonical(LanguageTag tag) {
        assertThat(tag.value()).doesNotContain("_").isNotBlank();
        assertThat(tag.toLocale().getLanguage()).isNotEmpty();
        assertThat(Locale.forLanguageTag(tag.value()).toLanguageTag()).isEqualTo(tag.value());
        assertThat(LanguageTag.of(tag.value())).isEqualTo(tag);
        // every spelling of one tag gives the same canonical value (variants in lower case)
        assertThat(LanguageTag.of(tag.value().toLowerCase(Locale.ROOT)).value()).isEqualTo(tag.value());
        assertThat(LanguageTag.of(tag.value().toUpperCase(Locale.ROOT)).value()).isEqualTo(tag.value());
    }

    @Provide
    Arbitrary<String> malformed() {
        return Arbitraries.of("en_US", "x-private", "123", "e", "en--US", "en-", "-en", "und", "und-US",
                "fran\u00E7ais", "en US", "ja-JP-JP", "abcdefghi", "en-u", "*");
    }

    @Provide
    Arbitrary<String> anyTextOrNull() {
        return UntrustedInput.textOrNull();
    }

    /** Runs of ASCII letters and digits joined by hyphens (and the odd underscore). */
    @Provide
    Arbitrary<String> tagLike() {
        Arbitrary<String> subtag = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(8),
                Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(4),
                Arbitraries.of("x", "u", "t", "a", "ca", "gregory", "Latn", "Hant", "419", "1996", "BR", "en", "pt"));
        return subtag.list().ofMinSize(1).ofMaxSize(6)
                .map(parts -> String.join("-", parts))
                .flatMap(tag -> Arbitraries.of(tag, tag.replaceFirst("-", "_")));
    }

    @Provide
    Arbitrary<String> jdkLocaleTags() {
        return Arbitraries.of(Locale.getAvailableLocales()).map(Locale::toLanguageTag)
                // "-x-lvariant-" marks JDK-only legacy variants, not BCP 47 tags people type
                .filter(tag -> !tag.equals("und") && !tag.contains("-x-lvariant-") && length(tag) <= 35);
    }
}
