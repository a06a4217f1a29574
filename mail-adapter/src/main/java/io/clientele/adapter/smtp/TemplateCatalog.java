package io.clientele.adapter.smtp;

import com.samskivert.mustache.Template;
import io.clientele.adapter.smtp.TemplateName.Format;
import io.clientele.adapter.smtp.TemplateName.Key;
import io.clientele.adapter.smtp.TemplateName.Part;
import io.clientele.common.TenantId;
import io.clientele.mail.model.MailKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The compiled templates of a composer: for the studios without overrides one set (built-in
 * templates replaced by the global overrides), and for each studio with overrides its own set (the
 * shared one replaced by its folder), each holding per mail kind and language the HTML (content
 * inside the layout of that set) and the text template, compiled once. Merging file by file is
 * the resolution the composer documents: for one language, a studio's override, else a global
 * override, else the built-in template. A compiled template shared by several sets is compiled
 * once. Immutable after {@link #build}; thread-safe (JMustache templates are, once their layout's
 * {@code {{> content}}} is loaded, which {@link TemplateCheck#html} does).
 */
final class TemplateCatalog {

    /** One language of one kind of mail, ready to render: the language tag as its file names it. */
    record Localized(String language, Template html, Template text) {
    }

    private final Map<MailKind, Map<String, Localized>> shared;
    private final Map<TenantId, Map<MailKind, Map<String, Localized>>> tenants;

    private TemplateCatalog(Map<MailKind, Map<String, Localized>> shared,
            Map<TenantId, Map<MailKind, Map<String, Localized>>> tenants) {
        this.shared = shared;
        this.tenants = tenants;
    }

    /** Checks every template loaded, then compiles the sets. */
    static TemplateCatalog build(TemplateLayers layers) {
        layers.all().forEach(TemplateCheck::check);
        Compiled compiled = new Compiled();
        Map<Key, TemplateSource> common = new LinkedHashMap<>(layers.defaults());
        common.putAll(layers.global());
        Map<MailKind, Map<String, Localized>> shared = compiled.set(common);
        Map<TenantId, Map<MailKind, Map<String, Localized>>> tenants = new HashMap<>();
        layers.tenants().forEach((tenant, overrides) -> {
            Map<Key, TemplateSource> effective = new LinkedHashMap<>(common);
            effective.putAll(overrides);
            tenants.put(tenant, compiled.set(effective));
        });
        return new TemplateCatalog(shared, Map.copyOf(tenants));
    }

    /**
     * The templates for a mail of {@code kind} from {@code tenant}: the first language found among
     * {@code language}, its primary subtag, {@code defaultLanguage}, its primary subtag, then
     * English (always there: the built-in templates include it).
     */
    Localized resolve(TenantId tenant, MailKind kind, String language, String defaultLanguage) {
        Map<String, Localized> byLanguage = tenants.getOrDefault(tenant, shared).get(kind);
        Localized found = find(byLanguage, TemplateName.languageKey(language));
        if (found == null) {
            found = find(byLanguage, TemplateName.languageKey(defaultLanguage));
        }
        return found != null ? found : byLanguage.get(MustacheMailComposer.FALLBACK_LANGUAGE);
    }

    /** The language tags mails of {@code kind} can be written in for studios without overrides. */
    Set<String> languages(MailKind kind) {
        return tags(shared.get(kind));
    }

    /** The language tags mails of {@code kind} from {@code tenant} can be written in. */
    Set<String> languages(TenantId tenant, MailKind kind) {
        return tags(tenants.getOrDefault(tenant, shared).get(kind));
    }

    private static Set<String> tags(Map<String, Localized> byLanguage) {
        Set<String> tags = new TreeSet<>();
        byLanguage.values().forEach(l -> tags.add(l.language()));
        return Collections.unmodifiableSet(tags);
    }

    private static Localized find(Map<String, Localized> byLanguage, String key) {
        Localized found = byLanguage.get(key);
        if (found == null) {
            int dash = key.indexOf('-');
            if (dash > 0) {
                found = byLanguage.get(key.substring(0, dash));
            }
        }
        return found;
    }

    /** Compiles each distinct layout and content pair, and each text template, once (sources compare by identity). */
    private static final class Compiled {

        private record Pair(TemplateSource layout, TemplateSource html, TemplateSource text) {
        }

        private final Map<Pair, Localized> localized = new HashMap<>();
        private final Map<TemplateSource, Template> texts = new HashMap<>();

        Map<MailKind, Map<String, Localized>> set(Map<Key, TemplateSource> templates) {
            TemplateSource layout = templates.get(TemplateName.LAYOUT.key());
            Map<MailKind, Map<String, Localized>> set = new EnumMap<>(MailKind.class);
            for (MailKind kind : MailKind.values()) {
                set.put(kind, new HashMap<>());
            }
            for (TemplateSource source : templates.values()) {
                TemplateName name = source.name();
                if (name.part() == Part.LAYOUT) {
                    continue;
                }
                String language = TemplateName.languageKey(name.language());
                if (set.get(name.kind()).containsKey(language)) {
                    continue;
                }
                TemplateSource html = templates.get(new Key(name.part(), language, Format.HTML));
                TemplateSource text = templates.get(new Key(name.part(), language, Format.TEXT));
                if (html == null || text == null) {
                    Format missing = html == null ? Format.HTML : Format.TEXT;
                    throw new MailTemplateException(source.displayName(), 0, "incomplete_language",
                            "no " + new TemplateName(name.part(), name.language(), missing).fileName()
                                    + " for this language in the studio's folder, the global overrides or the"
                                    + " built-in templates: a mail's HTML and text are written in one language",
                            source.location());
                }
                set.get(name.kind()).put(language, localized.computeIfAbsent(new Pair(layout, html, text),
                        p -> new Localized(html.name().language(), TemplateCheck.html(layout, html),
                                texts.computeIfAbsent(text, TemplateCheck::text))));
            }
            set.replaceAll((kind, byLanguage) -> Map.copyOf(byLanguage));
            return Collections.unmodifiableMap(set);
        }
    }
}
