package io.clientele.adapter.smtp;

import io.clientele.common.ConfigurationException;
import io.clientele.common.Links;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import io.clientele.mail.model.Letterhead;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.MailModel;
import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.port.MailComposer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * The {@link MailComposer} that renders invitations and password resets from localized JMustache
 * templates: a plain-text body and an HTML body (a content template inside one HTML layout), with
 * the model's subject, the letterhead's tenant and sender identity unchanged, and on invitations the
 * RFC 8058 headers {@code List-Unsubscribe: <https://...>} and {@code List-Unsubscribe-Post:
 * List-Unsubscribe=One-Click}. Wire it with {@code
 * Clientele.builder().mailComposer(MustacheMailComposer.withDefaults())}, or {@link #builder()} /
 * {@link #fromProperties(Properties)} to add overrides.
 *
 * <h2>Templates and variables</h2>
 * Built-in templates, in this jar under {@code io/clientele/adapter/smtp/templates/}, for English,
 * French, German, Spanish, Italian and Dutch ({@link #DEFAULT_LANGUAGES}): {@code
 * layout.html.mustache} (the HTML document, which includes the content with {@code {{> content}}}),
 * and per kind and language {@code invitation.<lang>.html.mustache} (the HTML content), {@code
 * invitation.<lang>.txt.mustache} (the whole text body), and the same for {@code password-reset}.
 * The variables: {@code firstName}, {@code studioName}, {@code subject}, {@code language} (the tag of
 * the templates chosen), {@code message} (the staff's plain text, may be empty) with the section
 * {@code hasMessage}, {@code signOff} (the studio's signature, else its name), {@code actionLink},
 * {@code unsubscribeLink} (invitations only), {@code linkValidDays} with the sections {@code
 * validForDays} (2 days or more), {@code validForOneDay} and {@code validForLessThanADay}; in HTML
 * only, the lambdas {@code {{#lineBreaks}}...{{/lineBreaks}}} (line feeds of the escaped content
 * become {@code <br>}) and {@code {{#button}}label{{/button}}} (the action link as a bulletproof
 * button; the label is plain text, escaped). HTML templates escape every value ({@code & < > " ' `
 * =}); text templates escape nothing. A missing variable is an error, never an empty string.
 *
 * <h2>Language</h2>
 * A mail is written in the first language with templates among: the model's language tag exactly,
 * its primary subtag ({@code fr-CA} then {@code fr}), the letterhead's {@link
 * Letterhead#defaultLanguage() default language} exactly, its primary subtag, then English. Tags
 * compare ignoring case. HTML and text are resolved alike, and a language always has both.
 *
 * <h2>Overrides</h2>
 * A host overrides any template without code, from directories ({@code file:/dir}) and classpath
 * prefixes ({@code classpath:/prefix}), later locations winning over earlier ones. The file names
 * are those of the built-in templates; a new language tag adds a language ({@code
 * invitation.pt-BR.txt.mustache}); a studio's own templates go in a folder named by its tenant id
 * ({@code <dir>/studio-a/invitation.fr.html.mustache}), and so may its layout. One template may be
 * overridden alone (the HTML of a language, say, keeping the built-in text), but a language that
 * only an override adds must come with both formats. For each language candidate in the order above, the studio's override wins, then a global override, then the
 * built-in template. A directory is scanned when the composer is built: a file or folder whose
 * name is not a template name or a tenant id is refused (hidden entries, starting with a dot, are
 * skipped), so a typo is never silently ignored. A classpath cannot be listed, so a prefix is
 * probed for the known names in the languages of {@link Builder#probeLanguages} (by default {@link
 * #DEFAULT_LANGUAGES}) at its top and in the folders of the tenants of {@link Builder#probeTenants}
 * (by default none); a prefix where nothing is found is refused. Every template loaded is checked
 * against the template contract and compiled when the composer is built; a broken one is a {@link
 * MailTemplateException} naming the template and the line, so a broken override fails the start of
 * the host, never a dispatch.
 *
 * <p>Immutable and thread-safe: every template is compiled once, when the composer is built;
 * composing a mail parses and reads nothing.
 */
public final class MustacheMailComposer implements MailComposer {

    /**
     * The {@link Properties} key of the override locations: comma-separated {@code file:/dir} and
     * {@code classpath:/prefix} entries, later ones winning. Absent: the built-in templates only.
     */
    public static final String TEMPLATES_PROPERTY = "clientele.mail.templates";
    /**
     * The {@link Properties} key of the language tags probed in classpath locations,
     * comma-separated. Absent: {@link #DEFAULT_LANGUAGES}.
     */
    public static final String LANGUAGES_PROPERTY = "clientele.mail.templates.languages";
    /**
     * The {@link Properties} key of the tenant ids whose folders are probed in classpath locations,
     * comma-separated. Absent: none (global overrides only).
     */
    public static final String TENANTS_PROPERTY = "clientele.mail.templates.tenants";
    /** The languages of the built-in templates, and the languages probed on a classpath by default. */
    public static final List<String> DEFAULT_LANGUAGES = List.of("en", "fr", "de", "es", "it", "nl");
    /** The language of the last resort, which the built-in templates always include. */
    public static final String FALLBACK_LANGUAGE = "en";

    private static final String LIST_UNSUBSCRIBE = "List-Unsubscribe";
    private static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe-Post";
    private static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    private final TemplateCatalog catalog;

    private MustacheMailComposer(TemplateCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * A composer with the built-in templates only.
     *
     * @throws MailTemplateException if a built-in template is missing or broken
     */
    public static MustacheMailComposer withDefaults() {
        return builder().build();
    }

    /** A builder with no override location, probing {@link #DEFAULT_LANGUAGES} and no tenant. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A composer configured from {@code properties}: {@value #TEMPLATES_PROPERTY} (override
     * locations), {@value #LANGUAGES_PROPERTY} and {@value #TENANTS_PROPERTY} (what classpath
     * locations are probed for). Other keys are ignored, except unknown ones under {@code
     * clientele.mail.templates.}, refused as likely typos; all absent means the built-in templates.
     *
     * @throws ConfigurationException naming the setting, for a malformed value
     * @throws MailTemplateException if a template is broken
     */
    public static MustacheMailComposer fromProperties(Properties properties) {
        Validate.notNull("properties", properties);
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(TEMPLATES_PROPERTY + ".") && !key.equals(LANGUAGES_PROPERTY)
                    && !key.equals(TENANTS_PROPERTY)) {
                throw new ConfigurationException(key + ": unknown setting (known: " + TEMPLATES_PROPERTY + ", "
                        + LANGUAGES_PROPERTY + ", " + TENANTS_PROPERTY + ")");
            }
        }
        Builder builder = builder();
        entries(properties, TEMPLATES_PROPERTY)
                .forEach(entry -> builder.locations.add(TemplateLocation.parse(TEMPLATES_PROPERTY, entry)));
        if (properties.getProperty(LANGUAGES_PROPERTY) != null) {
            builder.probeLanguages = languages(LANGUAGES_PROPERTY, entries(properties, LANGUAGES_PROPERTY));
        }
        List<TenantId> tenants = new ArrayList<>();
        for (String entry : entries(properties, TENANTS_PROPERTY)) {
            try {
                tenants.add(TenantId.of(entry));
            } catch (ValidationException e) {
                throw new ConfigurationException(TENANTS_PROPERTY + ": '" + entry + "' is not a tenant id");
            }
        }
        builder.probeTenants = List.copyOf(tenants);
        return builder.build();
    }

    /**
     * Renders the mail of outbox message {@code id}: the templates of the model's kind in the
     * language resolved as the class documents, for the letterhead's tenant; the mail carries that
     * tenant, the letterhead's sender identity, the model's recipient and subject, and for an
     * invitation the RFC 8058 headers, the unsubscribe link in its ASCII form (RFC 2369 lets the
     * header hold no encoded word, so a non-ASCII path is percent-encoded). Parses nothing;
     * thread-safe.
     *
     * <p>A link on the loopback interface may be http ({@link Links#isSecure}: local development
     * and the demo); an invitation then carries its unsubscribe link in the body only, as RFC 8058
     * headers need https.
     *
     * @throws ValidationException if the action link is not an absolute https URL ({@code
     *     actionLink}, rule {@code format}: escaping keeps a value inside its attribute, but only
     *     the scheme check keeps a {@code javascript:} or {@code data:} link out of the button, and
     *     a personal link must not travel in clear), or if an invitation has no unsubscribe link
     *     ({@code unsubscribeLink}, rule {@code required}) or one that is not an absolute https URL
     *     (rule {@code format}): RFC 8058 wants https, and every invitation must let its client opt
     *     out. The detail never shows the link, which carries a raw token.
     */
    @Override
    public RenderedMail compose(UUID id, MailModel model) {
        Validate.notNull("id", id);
        Validate.notNull("model", model);
        if (!Links.isSecure(model.actionLink())) {
            throw new ValidationException("actionLink", "format",
                    "the personal link needs an absolute https URL (or http on localhost)");
        }
        Letterhead letterhead = model.letterhead();
        boolean invitation = model.kind() == MailKind.INVITATION;
        Optional<URI> unsubscribe = invitation ? Optional.of(unsubscribeLink(model)) : Optional.empty();
        TemplateCatalog.Localized templates = catalog.resolve(letterhead.tenantId(), model.kind(), model.language(),
                letterhead.defaultLanguage());
        TemplateContext context = TemplateContext.of(model, templates.language(), unsubscribe);
        String html = templates.html().execute(context);
        String text = templates.text().execute(context);
        // RFC 8058 wants https: a loopback http link (local development) is in the body only
        Map<String, String> headers = unsubscribe.filter(Links::isHttps)
                .map(link -> Map.of(LIST_UNSUBSCRIBE, "<" + link.toASCIIString() + ">", LIST_UNSUBSCRIBE_POST,
                        ONE_CLICK))
                .orElse(Map.of());
        return new RenderedMail(id, letterhead.tenantId(), letterhead.sender(), model.recipient(), model.subject(),
                text, html, headers);
    }

    /**
     * The language tags (as their files write them) in which mails of {@code kind} can be written
     * for a studio without overrides of its own: the built-in languages and those the global
     * overrides add. Sorted, unmodifiable.
     */
    public Set<String> languages(MailKind kind) {
        Validate.notNull("kind", kind);
        return catalog.languages(kind);
    }

    /**
     * The language tags (as their files write them) in which mails of {@code kind} from {@code
     * tenant} can be written, its own overrides included. Sorted, unmodifiable.
     */
    public Set<String> languages(TenantId tenant, MailKind kind) {
        Validate.notNull("tenant", tenant);
        Validate.notNull("kind", kind);
        return catalog.languages(tenant, kind);
    }

    private static URI unsubscribeLink(MailModel model) {
        URI link = model.unsubscribeLink().orElseThrow(() -> new ValidationException("unsubscribeLink", "required",
                "an invitation carries the client's personal unsubscribe link"));
        if (!Links.isSecure(link)) {
            throw new ValidationException("unsubscribeLink", "format",
                    "the unsubscribe link needs an absolute https URL (or http on localhost)");
        }
        return link;
    }

    private static List<String> entries(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            return List.of();
        }
        List<String> entries = Arrays.stream(value.split(",", -1)).map(String::strip).toList();
        if (entries.stream().anyMatch(String::isEmpty)) {
            throw new ConfigurationException(key + ": an empty entry in a comma-separated list");
        }
        return entries;
    }

    private static List<String> languages(String setting, Collection<String> tags) {
        Set<String> checked = new LinkedHashSet<>();
        for (String tag : tags) {
            if (tag == null || !TemplateName.isLanguageTag(tag)) {
                throw new ConfigurationException(setting + ": '" + tag + "' is not a BCP 47 language tag");
            }
            checked.add(tag);
        }
        return List.copyOf(checked);
    }

    /**
     * Builds a {@link MustacheMailComposer}: override locations in the order they win (later over
     * earlier), and what classpath locations are probed for. Not thread-safe; {@link #build()} may
     * be called again and reads the locations again.
     */
    public static final class Builder {

        private final List<TemplateLocation> locations = new ArrayList<>();
        private List<String> probeLanguages = DEFAULT_LANGUAGES;
        private List<TenantId> probeTenants = List.of();
        private Optional<ClassLoader> classLoader = Optional.empty();

        private Builder() {
        }

        /**
         * Adds a directory of overrides, scanned when the composer is built: global templates at its
         * top, a studio's in a folder named by its tenant id.
         */
        public Builder directory(Path directory) {
            Validate.notNull("directory", directory);
            locations.add(new TemplateLocation.Directory(directory));
            return this;
        }

        /**
         * Adds a classpath prefix of overrides ({@code mail-templates} or {@code /mail-templates}),
         * probed for the template names in the {@link #probeLanguages languages} given, at its top
         * and in the folders of the {@link #probeTenants tenants} given.
         */
        public Builder classpath(String prefix) {
            Validate.notNull("prefix", prefix);
            locations.add(new TemplateLocation.Classpath(prefix));
            return this;
        }

        /**
         * Adds a location written as configuration writes it: {@code file:/dir} or {@code
         * classpath:/prefix}.
         *
         * @throws ConfigurationException for any other form
         */
        public Builder location(String location) {
            Validate.notNull("location", location);
            locations.add(TemplateLocation.parse("location", location));
            return this;
        }

        /**
         * The language tags classpath locations are probed for (file names are case-sensitive on a
         * classpath: write the tag as the files do). Default: {@link #DEFAULT_LANGUAGES}.
         *
         * @throws ConfigurationException for a tag that is not well-formed BCP 47
         */
        public Builder probeLanguages(Collection<String> tags) {
            Validate.notNull("tags", tags);
            this.probeLanguages = languages("probeLanguages", tags);
            return this;
        }

        /** The tenants whose folders classpath locations are probed for. Default: none. */
        public Builder probeTenants(Collection<TenantId> tenants) {
            Validate.notNull("tenants", tenants);
            this.probeTenants = List.copyOf(tenants);
            return this;
        }

        /**
         * The class loader classpath locations are read with. Default: the thread's context class
         * loader when the composer is built, else this library's.
         */
        public Builder classLoader(ClassLoader loader) {
            Validate.notNull("loader", loader);
            this.classLoader = Optional.of(loader);
            return this;
        }

        /**
         * Loads, checks and compiles every template.
         *
         * @throws MailTemplateException naming the template and line of the first broken one
         * @throws ConfigurationException for a location that is not a readable directory, or a
         *     classpath prefix where no template is found
         */
        public MustacheMailComposer build() {
            ClassLoader loader = classLoader.orElseGet(() -> {
                ClassLoader context = Thread.currentThread().getContextClassLoader();
                return context != null ? context : MustacheMailComposer.class.getClassLoader();
            });
            TemplateLayers layers = TemplateLayers.load(DEFAULT_LANGUAGES, List.copyOf(locations), probeLanguages,
                    probeTenants, loader);
            return new MustacheMailComposer(TemplateCatalog.build(layers));
        }
    }
}
