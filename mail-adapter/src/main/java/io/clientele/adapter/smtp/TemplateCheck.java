package io.clientele.adapter.smtp;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.MustacheParseException;
import com.samskivert.mustache.Template;
import io.clientele.adapter.smtp.TemplateName.Format;
import io.clientele.adapter.smtp.TemplateName.Part;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a template against the template contract and compiles it. A check has three steps, each
 * naming the template and the line of the first problem in a {@link MailTemplateException}:
 * <ol>
 * <li>a scan of its tags, with line numbers: nothing unescaped ({@code {{{x}}}}, {@code {{&x}}}), no
 * delimiter change, no template inheritance, no partial but {@code {{> content}}} in the layout, no
 * name outside the contract's list nor used the wrong way ({@code {{#firstName}}}, {@code
 * {{hasMessage}}}), no lambda in a text template, no {@code unsubscribeLink} outside an invitation,
 * a button label of plain text; then the required tags: the personal link (shown as text too in
 * HTML), the unsubscribe link in an invitation, the button in HTML, {@code {{> content}}} once in
 * the layout;</li>
 * <li>JMustache's own parse (sections opened and closed in order), with the line it reports;</li>
 * <li>a trial render with sample mails (with and without a staff message; links valid for 14 days,
 * one day, less than a day) in which every required tag must be reached: a link inside a section
 * that hides it in some case is refused.</li>
 * </ol>
 * The compilers are strict: a missing variable or section is an error, never an empty string.
 * Stateless and thread-safe.
 */
final class TemplateCheck {

    /** HTML: every value escaped; a missing name fails; names are looked up in the mail only. */
    static final Mustache.Compiler HTML = Mustache.compiler().standardsMode(true).strictSections(true)
            .withEscaper(TemplateEscaper.HTML);
    /** Plain text: nothing escaped; a missing name fails. */
    static final Mustache.Compiler TEXT = Mustache.compiler().standardsMode(true).strictSections(true)
            .escapeHTML(false);

    /** What a layout renders in place of the content during its trial. */
    private static final String CONTENT_SENTINEL = "[content-sentinel]";
    private static final String SAMPLE_ACTION = "https://example.invalid/sample-action-link";
    private static final String SAMPLE_UNSUBSCRIBE = "https://example.invalid/sample-unsubscribe-link";
    private static final Pattern PARSE_LINE = Pattern.compile("(.*) @ line (\\d+)$", Pattern.DOTALL);

    private TemplateCheck() {
    }

    /** A tag as the scan saw it: its line, its kind ({@code ' '} for a variable), name, and whether it sits inside an HTML tag. */
    private record Tag(int line, char type, String name, boolean inMarkup) {
    }

    /**
     * Checks {@code source} as the template contract requires, or throws a {@link
     * MailTemplateException} naming it and the line.
     */
    static void check(TemplateSource source) {
        List<Tag> tags = scan(source);
        requireTags(source, tags);
        Template compiled = compileAlone(source);
        trial(source, compiled, tags);
    }

    /** The compiled plain-text template. */
    static Template text(TemplateSource source) {
        return TEXT.compile(source.text());
    }

    /**
     * The compiled HTML of a content template inside {@code layout}: the layout with its {@code
     * {{> content}}} resolved now, so composing a mail parses nothing.
     */
    static Template html(TemplateSource layout, TemplateSource content) {
        Template template = HTML.withLoader(name -> new StringReader(content.text())).compile(layout.text());
        template.visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {
                // nothing to load
            }

            @Override
            public void visitVariable(String name) {
                // nothing to load
            }

            @Override
            public boolean visitInclude(String name) {
                return true; // visiting an include compiles it once and keeps it
            }

            @Override
            public boolean visitSection(String name) {
                return true;
            }

            @Override
            public boolean visitInvertedSection(String name) {
                return true;
            }
        });
        return template;
    }

    // ---- step 1: the tags ----

    private static List<Tag> scan(TemplateSource source) {
        String text = source.text();
        boolean html = source.name().format() == Format.HTML;
        boolean layout = source.name().part() == Part.LAYOUT;
        boolean invitation = source.name().part() == Part.INVITATION;
        List<Tag> tags = new ArrayList<>();
        Deque<String> sections = new ArrayDeque<>();
        StringBuilder label = new StringBuilder();
        int buttonLine = 0;
        boolean inMarkup = false;
        int line = 1;
        int i = 0;
        int length = text.length();
        while (i < length) {
            int open = text.indexOf("{{", i);
            int end = open < 0 ? length : open;
            for (int j = i; j < end; j++) {
                char c = text.charAt(j);
                if (c == '\n') {
                    line++;
                } else if (c == '<') {
                    inMarkup = true;
                } else if (c == '>') {
                    inMarkup = false;
                } else if (c == '}' && j + 1 < end && text.charAt(j + 1) == '}') {
                    throw error(source, line, "syntax", "'}}' without its '{{'");
                }
            }
            if (buttonLine > 0) {
                label.append(text, i, end);
            }
            if (open < 0) {
                break;
            }
            int tagLine = line;
            if (text.startsWith("{{{", open)) {
                int end3 = text.indexOf("}}}", open + 3);
                String inner = end3 < 0 ? "name" : text.substring(open + 3, end3).strip();
                throw error(source, tagLine, "unescaped",
                        "triple mustache {{{" + inner + "}}} is not escaped: every value must be, write {{" + inner + "}}");
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw error(source, tagLine, "syntax", "tag opened with '{{' and never closed");
            }
            String body = text.substring(open + 2, close);
            line += (int) body.chars().filter(c -> c == '\n').count();
            i = close + 2;
            String tag = body.strip();
            if (tag.isEmpty()) {
                throw error(source, tagLine, "syntax", "empty tag");
            }
            char type = tag.charAt(0);
            if (type == '!') {
                continue;
            }
            if (body.contains("{{")) {
                throw error(source, tagLine, "syntax", "'{{' inside a tag");
            }
            String name = "#^/>&=<$".indexOf(type) >= 0 ? tag.substring(1).strip() : tag;
            if (buttonLine > 0 && !(type == '/' && name.equals("button") && "button".equals(sections.peek()))) {
                throw error(source, tagLine, "button_label",
                        "the button's label is plain text: no tag inside {{#button}}...{{/button}}");
            }
            switch (type) {
                case '&' -> throw error(source, tagLine, "unescaped",
                        "{{&" + name + "}} is not escaped: every value must be escaped, write {{" + name + "}}");
                case '=' -> throw error(source, tagLine, "delimiter_change",
                        "changing the delimiters is not allowed");
                case '<', '$' -> throw error(source, tagLine, "unknown_tag",
                        "template inheritance ({{" + type + name + "}}) is not supported");
                case '>' -> {
                    if (!layout || !name.equals("content")) {
                        throw error(source, tagLine, "unknown_partial", "unknown partial '" + name + "'"
                                + (layout ? ": the layout includes only {{> content}}" : ": only the layout includes one"));
                    }
                }
                case '#' -> {
                    checkSection(source, tagLine, name, html);
                    sections.push(name);
                    if (name.equals("button")) {
                        buttonLine = tagLine;
                        label.setLength(0);
                    }
                }
                case '^' -> {
                    if (!TemplateContext.BOOLEANS.contains(name)) {
                        throw error(source, tagLine, "unknown_tag", unknown(name, "{{^" + name + "}}"));
                    }
                    sections.push(name);
                }
                case '/' -> {
                    if (name.equals(sections.peek())) {
                        sections.pop();
                    }
                    if (buttonLine > 0 && name.equals("button")) {
                        if (label.toString().isBlank()) {
                            throw error(source, buttonLine, "button_label", "the button has no label");
                        }
                        buttonLine = 0;
                    }
                }
                default -> checkVariable(source, tagLine, name, layout, invitation);
            }
            tags.add(new Tag(tagLine, type == '#' || type == '^' || type == '/' || type == '>' ? type : ' ', name,
                    inMarkup));
        }
        return tags;
    }

    private static void checkSection(TemplateSource source, int line, String name, boolean html) {
        if (TemplateContext.BOOLEANS.contains(name)) {
            return;
        }
        if (TemplateContext.LAMBDAS.contains(name)) {
            if (!html) {
                throw error(source, line, "unknown_tag", "'" + name + "' is for HTML templates only");
            }
            return;
        }
        if (TemplateContext.VALUES.contains(name)) {
            throw error(source, line, "unknown_tag", "'" + name + "' is a value, not a section: write {{" + name + "}}");
        }
        throw error(source, line, "unknown_tag", unknown(name, "{{#" + name + "}}"));
    }

    private static void checkVariable(TemplateSource source, int line, String name, boolean layout,
            boolean invitation) {
        if (name.equals("unsubscribeLink") && !invitation) {
            throw error(source, line, "unsubscribe_in_reset", layout
                    ? "the layout serves password resets too, which have no unsubscribe link"
                    : "a password reset is transactional: it has no unsubscribeLink");
        }
        if (TemplateContext.VALUES.contains(name)) {
            return;
        }
        if (TemplateContext.BOOLEANS.contains(name) || TemplateContext.LAMBDAS.contains(name)) {
            throw error(source, line, "unknown_tag",
                    "'" + name + "' is a section: write {{#" + name + "}}...{{/" + name + "}}");
        }
        throw error(source, line, "unknown_tag", unknown(name, "{{" + name + "}}"));
    }

    private static String unknown(String name, String written) {
        return "unknown tag '" + name + "' in " + written;
    }

    /** The tags every template of its part and format must have. */
    private static void requireTags(TemplateSource source, List<Tag> tags) {
        int lastLine = lastLine(source.text());
        TemplateName name = source.name();
        if (name.part() == Part.LAYOUT) {
            List<Tag> includes = tags.stream().filter(t -> t.type() == '>').toList();
            if (includes.isEmpty()) {
                throw error(source, lastLine, "missing_content", "the layout ends without {{> content}}");
            }
            if (includes.size() > 1) {
                throw error(source, includes.get(1).line(), "missing_content",
                        "{{> content}} a second time: the layout includes the content once");
            }
            return;
        }
        for (String link : required(name)) {
            if (link.equals("button")) {
                if (tags.stream().noneMatch(t -> t.type() == '#' && t.name().equals("button"))) {
                    throw error(source, lastLine, "missing_link",
                            "the template ends without the button {{#button}}...{{/button}}");
                }
            } else if (tags.stream().noneMatch(t -> t.type() == ' ' && t.name().equals(link))) {
                throw error(source, lastLine, "missing_link", "the template ends without {{" + link + "}}");
            }
        }
        if (name.format() == Format.HTML
                && tags.stream().noneMatch(t -> t.type() == ' ' && t.name().equals("actionLink") && !t.inMarkup())) {
            Tag first = tags.stream().filter(t -> t.name().equals("actionLink")).findFirst().orElseThrow();
            throw error(source, first.line(), "missing_link",
                    "the personal link must also be shown as text, for the 'copy this link' line");
        }
    }

    /** The names a content template must reach in every case: its links, and in HTML the button. */
    private static List<String> required(TemplateName name) {
        List<String> names = new ArrayList<>(List.of("actionLink"));
        if (name.part() == Part.INVITATION) {
            names.add("unsubscribeLink");
        }
        if (name.format() == Format.HTML) {
            names.add("button");
        }
        return names;
    }

    // ---- step 2: JMustache's parse ----

    private static Template compileAlone(TemplateSource source) {
        TemplateName name = source.name();
        Mustache.Compiler compiler = name.format() == Format.TEXT ? TEXT
                : name.part() == Part.LAYOUT ? HTML.withLoader(partial -> new StringReader(CONTENT_SENTINEL))
                : HTML;
        try {
            return compiler.compile(source.text());
        } catch (MustacheParseException e) {
            Matcher m = PARSE_LINE.matcher(String.valueOf(e.getMessage()));
            if (m.matches()) {
                throw new MailTemplateException(source.displayName(), Integer.parseInt(m.group(2)), "syntax",
                        m.group(1), source.location(), e);
            }
            throw new MailTemplateException(source.displayName(), 0, "syntax", String.valueOf(e.getMessage()),
                    source.location(), e);
        } catch (MustacheException e) {
            throw new MailTemplateException(source.displayName(), 0, "syntax", String.valueOf(e.getMessage()),
                    source.location(), e);
        }
    }

    // ---- step 3: the trial render ----

    /** A sample mail that records which names the template reached. */
    private static final class Recording extends TemplateContext {

        private final Set<String> reached = new HashSet<>();

        Recording(String language, String message, Optional<String> unsubscribeLink, long days) {
            super("Ana", "Studio Sample", "Sample subject", language, message, "Studio Sample\nSample Street 1",
                    SAMPLE_ACTION, unsubscribeLink, days);
        }

        @Override
        public Object get(String name) {
            reached.add(name);
            return super.get(name);
        }
    }

    private static void trial(TemplateSource source, Template compiled, List<Tag> tags) {
        TemplateName name = source.name();
        boolean layout = name.part() == Part.LAYOUT;
        String language = layout ? "en" : name.language();
        Optional<String> unsubscribe = name.part() == Part.INVITATION ? Optional.of(SAMPLE_UNSUBSCRIBE)
                : Optional.empty();
        for (String message : List.of("", "A staff message\non two lines")) {
            for (long days : new long[] {14, 1, 0}) {
                Recording sample = new Recording(language, message, unsubscribe, days);
                String output;
                try {
                    output = compiled.execute(sample);
                } catch (MustacheException.Context e) {
                    throw new MailTemplateException(source.displayName(), e.lineNo, "render",
                            "the trial render failed: " + e.getMessage(), source.location(), e);
                } catch (MustacheException e) {
                    throw new MailTemplateException(source.displayName(), 0, "render",
                            "the trial render failed: " + e.getMessage(), source.location(), e);
                }
                String when = "for a mail " + (message.isEmpty() ? "without" : "with") + " a staff message and a link"
                        + " valid for " + (days == 0 ? "less than a day" : days == 1 ? "one day" : days + " days");
                if (layout) {
                    if (!output.contains(CONTENT_SENTINEL)) {
                        Tag include = tags.stream().filter(t -> t.type() == '>').findFirst().orElseThrow();
                        throw error(source, include.line(), "missing_content",
                                "{{> content}} is hidden by a section " + when);
                    }
                    continue;
                }
                for (String required : required(name)) {
                    if (!sample.reached.contains(required)) {
                        Tag first = tags.stream().filter(t -> t.name().equals(required)).findFirst().orElseThrow();
                        throw error(source, first.line(), "missing_link",
                                "'" + required + "' is hidden by a section " + when);
                    }
                }
            }
        }
    }

    private static int lastLine(String text) {
        int lines = 1 + (int) text.chars().filter(c -> c == '\n').count();
        return text.endsWith("\n") ? lines - 1 : lines;
    }

    private static MailTemplateException error(TemplateSource source, int line, String rule, String detail) {
        return new MailTemplateException(source.displayName(), line, rule, detail, source.location());
    }
}
