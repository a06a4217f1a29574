package io.clientele.examples.web;

import io.clientele.client.model.LanguageTag;
import io.clientele.invitation.model.Password;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The pages' texts in one of the six languages of the mail templates ({@code pages*.properties}
 * beside this class), and how a page picks its language. A text's placeholders ({@code {studio}},
 * {@code {name}}, {@code {min}}, {@code {max}}) are replaced before the page escapes it, so a
 * value can never turn into markup. Immutable and thread-safe.
 */
final class PageTexts {

    /** The languages of the pages: those of the built-in mail templates, English last resort. */
    static final List<String> LANGUAGES = List.of("en", "fr", "de", "es", "it", "nl");

    private static final String ENGLISH = "en";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(studio|name)\\}");
    private static final Map<String, PageTexts> BY_LANGUAGE = LANGUAGES.stream()
            .collect(Collectors.toUnmodifiableMap(Function.identity(), PageTexts::load));

    private final String language;
    private final ResourceBundle bundle;

    private PageTexts(String language, ResourceBundle bundle) {
        this.language = language;
        this.bundle = bundle;
    }

    private static PageTexts load(String language) {
        // no fallback to the JVM's default locale: English is the root bundle, whatever the machine says
        ResourceBundle bundle = ResourceBundle.getBundle("io.clientele.examples.web.pages",
                Locale.forLanguageTag(language),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new PageTexts(language, bundle);
    }

    /**
     * The texts for a client, resolved as the mail templates resolve a mail's language: the
     * client's tag exactly, its primary subtag, the studio's default language exactly, its
     * primary subtag, then English.
     */
    static PageTexts forClient(Optional<LanguageTag> client, LanguageTag studioDefault) {
        for (LanguageTag tag : client.map(t -> List.of(t, studioDefault)).orElse(List.of(studioDefault))) {
            Optional<PageTexts> found = exactly(tag.value()).or(() -> exactly(tag.toLocale().getLanguage()));
            if (found.isPresent()) {
                return found.get();
            }
        }
        return BY_LANGUAGE.get(ENGLISH);
    }

    /**
     * The texts for a visitor the page knows nothing about: the best of the six languages by the
     * browser's {@code Accept-Language} header, English when it names none of them or is malformed.
     */
    static PageTexts forBrowser(Optional<String> acceptLanguage) {
        if (acceptLanguage.isEmpty()) {
            return BY_LANGUAGE.get(ENGLISH);
        }
        try {
            String match = Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage.get()), LANGUAGES);
            return match == null ? BY_LANGUAGE.get(ENGLISH) : BY_LANGUAGE.get(match);
        } catch (IllegalArgumentException | IllformedLocaleException e) {
            return BY_LANGUAGE.get(ENGLISH);
        }
    }

    private static Optional<PageTexts> exactly(String tag) {
        return Optional.ofNullable(BY_LANGUAGE.get(tag.toLowerCase(Locale.ROOT)));
    }

    /** The language tag of these texts, for the page's {@code lang} attribute. */
    String language() {
        return language;
    }

    /** The text for {@code key}, in plain text (not escaped yet). */
    String text(String key) {
        return bundle.getString(key)
                .replace("{min}", Integer.toString(Password.MIN_LENGTH))
                .replace("{max}", Integer.toString(Password.MAX_LENGTH));
    }

    /** The text for {@code key} with {@code {studio}} and {@code {name}} replaced (not escaped yet). */
    String text(String key, String studio, String name) {
        // one pass over the text: a value that reads "{name}" is not replaced again
        Matcher m = PLACEHOLDER.matcher(text(key));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("studio".equals(m.group(1)) ? studio : name));
        }
        return m.appendTail(out).toString();
    }
}
