package io.clientele.adapter.smtp;

import io.clientele.mail.model.MailKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes override templates for tests: small valid templates that say which file they are (a
 * marker such as {@code [global fr]}) so a test can see which one the composer picked, and any
 * file with any text for the refusals.
 */
final class TemplateFiles {

    private TemplateFiles() {
    }

    /** Writes {@code text} as {@code folder/fileName}, creating the folder. */
    static Path write(Path folder, String fileName, String text) {
        try {
            Files.createDirectories(folder);
            return Files.writeString(folder.resolve(fileName), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes valid HTML and text templates of both kinds in {@code language}, each showing {@code marker}. */
    static void language(Path folder, String language, String marker) {
        for (MailKind kind : MailKind.values()) {
            write(folder, name(kind, language, "html"), html(kind, marker));
            write(folder, name(kind, language, "txt"), text(kind, marker));
        }
    }

    /** The file name of a content template. */
    static String name(MailKind kind, String language, String format) {
        return (kind == MailKind.INVITATION ? "invitation" : "password-reset") + "." + language + "." + format
                + ".mustache";
    }

    /** A valid HTML content template showing {@code marker}. */
    static String html(MailKind kind, String marker) {
        return "<p>" + marker + " {{firstName}}</p>\n"
                + "{{#button}}Go{{/button}}\n"
                + "<p>Copy: {{actionLink}}</p>\n"
                + (kind == MailKind.INVITATION ? "<p><a href=\"{{unsubscribeLink}}\">Unsubscribe</a></p>\n" : "");
    }

    /** A valid text template showing {@code marker}. */
    static String text(MailKind kind, String marker) {
        return marker + " {{firstName}}\n"
                + "{{actionLink}}\n"
                + (kind == MailKind.INVITATION ? "-- \n{{unsubscribeLink}}\n" : "");
    }

    /** A valid layout showing {@code marker}. */
    static String layout(String marker) {
        return "<!DOCTYPE html>\n<html lang=\"{{language}}\">\n<head><title>{{subject}}</title></head>\n<body>\n"
                + "<div>" + marker + "</div>\n{{> content}}\n</body>\n</html>\n";
    }
}
