package io.clientele.adapter.smtp;

import io.clientele.common.ClienteleException;
import java.util.Objects;

/**
 * A mail template (a built-in one or a host's override) broke the template contract, so the
 * {@link MustacheMailComposer} refused to be built: a broken override fails the start of the host,
 * never a dispatch. It names the template ({@link #templateName()}, the file name, prefixed by the
 * tenant's folder for a studio's override: {@code studio-a/invitation.fr.html.mustache}), the
 * 1-based {@link #line()} of the problem, a snake_case {@link #rule()}, and where the template was
 * loaded from ({@link #location()}). The message reads like {@code invitation.fr.html.mustache line
 * 12: unknown tag 'fristName' (file:/srv/mail-templates)}; it never holds a mail's content.
 *
 * <p>Rules: {@code syntax} (JMustache's parse error, an unclosed or empty tag, a stray <code>&#125;&#125;</code>),
 * {@code unknown_tag} (a name outside the contract's list, or a tag used the wrong way),
 * {@code unescaped} ({@code {{{x}}}} or {@code {{&x}}}), {@code delimiter_change}, {@code
 * unknown_partial} (any partial but {@code {{> content}}} in the layout), {@code missing_content}
 * (a layout without {@code {{> content}}}, or with it twice or inside a section), {@code
 * missing_link} (a required link or the button absent, or hidden in some cases by a section),
 * {@code unsubscribe_in_reset} (a password-reset template or the layout using {@code
 * unsubscribeLink}), {@code button_label} (a button without a label, or with tags in it), {@code
 * render} (the trial render with a sample mail failed), {@code unknown_file} (a file or folder name
 * that is not a template name, in an override directory), {@code duplicate_template} (two files of
 * one location for the same template), {@code incomplete_language} (a language with an HTML and no
 * text template, or the reverse), {@code missing_template} (a built-in template missing from the
 * jar) and {@code unreadable} (not UTF-8, or an I/O error). Code: {@value #CODE}. Immutable.
 */
public final class MailTemplateException extends ClienteleException {

    private static final long serialVersionUID = 1L;

    /** The stable code of every template failure. */
    public static final String CODE = "mail_template";

    private final String templateName;
    private final int line;
    private final String rule;
    private final String location;

    MailTemplateException(String templateName, int line, String rule, String detail, String location) {
        super(CODE, message(templateName, line, detail, location));
        this.templateName = Objects.requireNonNull(templateName, "templateName");
        this.line = line;
        this.rule = Objects.requireNonNull(rule, "rule");
        this.location = Objects.requireNonNull(location, "location");
    }

    MailTemplateException(String templateName, int line, String rule, String detail, String location,
            Throwable cause) {
        super(CODE, message(templateName, line, detail, location), cause);
        this.templateName = Objects.requireNonNull(templateName, "templateName");
        this.line = line;
        this.rule = Objects.requireNonNull(rule, "rule");
        this.location = Objects.requireNonNull(location, "location");
    }

    private static String message(String templateName, int line, String detail, String location) {
        return templateName + (line > 0 ? " line " + line : "") + ": " + detail + " (" + location + ")";
    }

    /**
     * The template's file name, prefixed by the tenant's folder for a studio's override (for
     * example {@code studio-a/invitation.fr.html.mustache}); for a folder that is not a tenant id,
     * the folder's name.
     */
    public String templateName() {
        return templateName;
    }

    /**
     * The 1-based line of the problem. For a required tag that never appears, the template's last
     * line (where the check gave up); 0 when the problem is the file's name or the file as a whole
     * (rules {@code unknown_file}, {@code duplicate_template}, {@code incomplete_language}, {@code
     * missing_template}, {@code unreadable}).
     */
    public int line() {
        return line;
    }

    /** The rule that was broken, in snake_case, for example {@code unknown_tag}. */
    public String rule() {
        return rule;
    }

    /**
     * Where the template was loaded from: {@code built-in}, a {@code file:} directory or a {@code
     * classpath:} prefix, as configured.
     */
    public String location() {
        return location;
    }
}
