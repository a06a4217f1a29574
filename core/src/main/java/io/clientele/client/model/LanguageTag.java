package io.clientele.client.model;

import io.clientele.common.Text;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.util.IllformedLocaleException;
import java.util.Locale;

/**
 * A BCP 47 language tag in canonical form ({@code fr}, {@code pt-BR}, {@code zh-Hant-TW}). Tags
 * that are not well-formed are refused (rule {@code format}); whether the tag is one of the
 * tenant's languages is checked by the use case (rule {@code not_offered}).
 *
 * <p>Immutable and thread-safe.
 */
public record LanguageTag(String value) {

    public LanguageTag {
        String text = Text.singleLine("preferredLanguage", Validate.notBlank("preferredLanguage", value), 35);
        Locale locale;
        try {
            // lower-case first: the builder then upper-cases regions and title-cases scripts, and
            // variants (which it leaves as given) end up in their canonical lower case
            locale = new Locale.Builder().setLanguageTag(Text.lowerCase(text)).build();
        } catch (IllformedLocaleException e) {
            throw new ValidationException("preferredLanguage", "format", "not a BCP 47 language tag");
        }
        if (locale.getLanguage().isEmpty()) {
            throw new ValidationException("preferredLanguage", "format", "a language subtag is required");
        }
        value = locale.toLanguageTag();
    }

    /** Parses a tag. */
    public static LanguageTag of(String tag) {
        return new LanguageTag(tag);
    }

    /** The tag as a {@link Locale}. */
    public Locale toLocale() {
        return Locale.forLanguageTag(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
