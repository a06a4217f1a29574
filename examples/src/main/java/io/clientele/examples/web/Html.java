package io.clientele.examples.web;

import java.util.Optional;

/**
 * The pages' markup: every value goes through {@link #escape} (text and attribute values alike),
 * and every page links the one stylesheet, so the Content-Security-Policy needs no inline style
 * and no script. Stateless and thread-safe.
 */
final class Html {

    private Html() {
    }

    /** {@code text} safe inside an element or a quoted attribute value. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '`' -> out.append("&#96;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A paragraph of plain text. */
    static String paragraph(String text) {
        return "<p>" + escape(text) + "</p>\n";
    }

    /**
     * A whole page: {@code title} as its title and heading, the studio's name above it when known,
     * then {@code content} (markup the caller built with {@link #escape}).
     */
    static String page(PageTexts texts, Optional<String> studio, String title, String content, boolean wide) {
        return "<!DOCTYPE html>\n<html lang=\"" + escape(texts.language()) + "\">\n<head>\n"
                + "<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"referrer\" content=\"same-origin\">\n"
                + "<title>" + escape(title) + "</title>\n"
                + "<link rel=\"stylesheet\" href=\"/style.css\">\n"
                + "</head>\n<body>\n<main" + (wide ? " class=\"wide\"" : "") + ">\n"
                + studio.map(s -> "<p class=\"studio\">" + escape(s) + "</p>\n").orElse("")
                + "<h1>" + escape(title) + "</h1>\n"
                + content
                + "</main>\n</body>\n</html>\n";
    }
}
