package io.clientele.adapter.smtp;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.clientele.mail.model.MailModel;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * The variables of one mail, as the templates see them (the names of the template contract): the
 * values, the boolean sections, and in HTML the {@code lineBreaks} and {@code button} lambdas. A
 * {@link Mustache.CustomContext} rather than a map, so composing a mail allocates one small object
 * and looks each name up with a string switch. A name it does not know answers {@code null}, which
 * JMustache reports as missing: with the composer's compilers that is an error, never an empty
 * string. Immutable apart from a cached escaped link; confined to the thread composing the mail.
 */
class TemplateContext implements Mustache.CustomContext {

    /** The names a template may print: {@code {{name}}}. */
    static final Set<String> VALUES = Set.of("firstName", "studioName", "subject", "language", "message",
            "signOff", "actionLink", "unsubscribeLink", "linkValidDays");
    /** The names a template may open as a section or an inverted section: {@code {{#name}}}, {@code {{^name}}}. */
    static final Set<String> BOOLEANS = Set.of("hasMessage", "validForDays", "validForOneDay",
            "validForLessThanADay");
    /** The lambdas an HTML template may open as a section: {@code {{#name}}...{{/name}}}. */
    static final Set<String> LAMBDAS = Set.of("lineBreaks", "button");

    private static final String BUTTON_START = "<table role=\"presentation\" border=\"0\" cellpadding=\"0\""
            + " cellspacing=\"0\" style=\"margin:8px 0 24px;border-collapse:separate;\"><tr>"
            + "<td align=\"center\" bgcolor=\"#1d4ed8\" style=\"border-radius:6px;background-color:#1d4ed8;\">"
            + "<a href=\"";
    private static final String BUTTON_MIDDLE = "\" target=\"_blank\" style=\"display:inline-block;"
            + "padding:14px 28px;border-radius:6px;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',"
            + "Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:20px;font-weight:bold;"
            + "color:#ffffff;text-decoration:none;\">";
    private static final String BUTTON_END = "</a></td></tr></table>";

    /** Turns the line feeds of its already rendered (so already escaped) content into {@code <br>}. */
    private static final Mustache.Lambda LINE_BREAKS = (fragment, out) -> lineBreaks(fragment.execute(), out);

    private final String firstName;
    private final String studioName;
    private final String subject;
    private final String language;
    private final String message;
    private final String signOff;
    private final String actionLink;
    private final Optional<String> unsubscribeLink;
    private final long linkValidDays;
    private final Mustache.Lambda button = this::button;

    TemplateContext(String firstName, String studioName, String subject, String language, String message,
            String signOff, String actionLink, Optional<String> unsubscribeLink, long linkValidDays) {
        this.firstName = firstName;
        this.studioName = studioName;
        this.subject = subject;
        this.language = language;
        this.message = message;
        this.signOff = signOff;
        this.actionLink = actionLink;
        this.unsubscribeLink = unsubscribeLink;
        this.linkValidDays = linkValidDays;
    }

    /**
     * The variables of {@code model} written in {@code language} (the language of the templates
     * chosen, which may differ from the model's), with the unsubscribe link given (present for an
     * invitation only).
     */
    static TemplateContext of(MailModel model, String language, Optional<URI> unsubscribeLink) {
        return new TemplateContext(model.recipientFirstName(), model.letterhead().studioName(), model.subject(),
                language, model.message(), model.letterhead().signOff(), model.actionLink().toString(),
                unsubscribeLink.map(URI::toString), model.linkValidDays());
    }

    @Override
    public Object get(String name) {
        return switch (name) {
            case "firstName" -> firstName;
            case "studioName" -> studioName;
            case "subject" -> subject;
            case "language" -> language;
            case "message" -> message;
            case "hasMessage" -> !message.isEmpty();
            case "signOff" -> signOff;
            case "actionLink" -> actionLink;
            case "unsubscribeLink" -> unsubscribeLink.orElse(null);
            case "linkValidDays" -> linkValidDays;
            case "validForDays" -> linkValidDays >= 2;
            case "validForOneDay" -> linkValidDays == 1;
            case "validForLessThanADay" -> linkValidDays < 1;
            case "lineBreaks" -> LINE_BREAKS;
            case "button" -> button;
            default -> null;
        };
    }

    /**
     * The bulletproof button: a table cell with inline styles (Outlook ignores padding on links)
     * holding a link to the escaped action link. The label is the section's text, plain text that
     * is escaped here (the template check refuses tags in it, which would be escaped twice).
     */
    private void button(Template.Fragment fragment, Writer out) throws IOException {
        out.write(BUTTON_START);
        out.write(TemplateEscaper.html(actionLink));
        out.write(BUTTON_MIDDLE);
        out.write(TemplateEscaper.html(fragment.execute().strip()));
        out.write(BUTTON_END);
    }

    private static void lineBreaks(String content, Writer out) throws IOException {
        int length = content.length();
        int start = 0;
        for (int i = 0; i < length; i++) {
            char c = content.charAt(i);
            if (c == '\n' || c == '\r') {
                out.write(content, start, i - start);
                out.write("<br>\n");
                if (c == '\r' && i + 1 < length && content.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        out.write(content, start, length - start);
    }
}
