package io.clientele.adapter.smtp;

import io.clientele.mail.model.MailKind;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a template file is, read from its name: {@code layout.html.mustache}, or {@code
 * <kind>.<language>.<html|txt>.mustache} with kind {@code invitation} or {@code password-reset} and
 * any well-formed BCP 47 language tag with a language subtag ({@code invitation.pt-BR.txt.mustache}).
 * The language keeps the case it is written in; {@link #key()} compares it case-insensitively, as
 * BCP 47 does. Immutable and thread-safe.
 */
record TemplateName(Part part, String language, Format format) {

    /** The layout, or the content of one kind of mail. */
    enum Part {
        LAYOUT("layout"), INVITATION("invitation"), PASSWORD_RESET("password-reset");

        private final String stem;

        Part(String stem) {
            this.stem = stem;
        }

        /** The part that renders mails of {@code kind}. */
        static Part of(MailKind kind) {
            return kind == MailKind.INVITATION ? INVITATION : PASSWORD_RESET;
        }
    }

    /** An HTML template (values escaped) or a plain-text one (nothing escaped). */
    enum Format {
        HTML("html"), TEXT("txt");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }
    }

    /** The template a file name stands for, case-insensitive in its language. */
    record Key(Part part, String language, Format format) {
    }

    /** The one layout. */
    static final TemplateName LAYOUT = new TemplateName(Part.LAYOUT, "", Format.HTML);

    private static final Pattern CONTENT = Pattern.compile(
            "(invitation|password-reset)\\.([A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*)\\.(html|txt)\\.mustache");

    /** The template named {@code fileName}, or empty if it is no template's name. */
    static Optional<TemplateName> parse(String fileName) {
        if (fileName.equals(LAYOUT.fileName())) {
            return Optional.of(LAYOUT);
        }
        Matcher m = CONTENT.matcher(fileName);
        if (!m.matches() || !isLanguageTag(m.group(2))) {
            return Optional.empty();
        }
        Part part = m.group(1).equals("invitation") ? Part.INVITATION : Part.PASSWORD_RESET;
        Format format = m.group(3).equals("html") ? Format.HTML : Format.TEXT;
        return Optional.of(new TemplateName(part, m.group(2), format));
    }

    /** The content template of {@code kind} in {@code language} and {@code format}. */
    static TemplateName of(MailKind kind, String language, Format format) {
        return new TemplateName(Part.of(kind), language, format);
    }

    /** Whether {@code tag} is a well-formed BCP 47 tag with a language subtag. */
    static boolean isLanguageTag(String tag) {
        try {
            return !tag.isBlank() && !new Locale.Builder().setLanguageTag(tag).build().getLanguage().isEmpty();
        } catch (IllformedLocaleException e) {
            return false;
        }
    }

    /** The lower-case form of a language tag, as the composer compares them. */
    static String languageKey(String tag) {
        return tag.toLowerCase(Locale.ROOT);
    }

    /** The file name of this template. */
    String fileName() {
        return part == Part.LAYOUT ? "layout.html.mustache"
                : part.stem + "." + language + "." + format.extension + ".mustache";
    }

    /** This template's identity, case-insensitive in its language. */
    Key key() {
        return new Key(part, languageKey(language), format);
    }

    /** The mail kind of a content template. */
    MailKind kind() {
        if (part == Part.LAYOUT) {
            throw new IllegalStateException("the layout is not a kind of mail");
        }
        return part == Part.INVITATION ? MailKind.INVITATION : MailKind.PASSWORD_RESET;
    }
}
