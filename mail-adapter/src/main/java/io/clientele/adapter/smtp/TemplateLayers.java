package io.clientele.adapter.smtp;

import io.clientele.adapter.smtp.TemplateName.Format;
import io.clientele.adapter.smtp.TemplateName.Key;
import io.clientele.common.ConfigurationException;
import io.clientele.common.TenantId;
import io.clientele.common.ValidationException;
import io.clientele.mail.model.MailKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The templates a composer is built from, in layers: the built-in defaults from this jar, the
 * global overrides and each studio's overrides, where a later location replaces what an earlier one
 * gave for the same template. Every file loaded is kept in {@link #all()} to be checked, even one a
 * later location replaces: a broken file is a mistake the host must hear of. Read once when the
 * composer is built; immutable afterwards.
 */
final class TemplateLayers {

    /** Where the built-in templates are, in this jar. */
    static final String BUILT_IN_ROOT = "io/clientele/adapter/smtp/templates/";
    static final String BUILT_IN = "built-in";

    private final Map<Key, TemplateSource> defaults;
    private final Map<Key, TemplateSource> global = new LinkedHashMap<>();
    private final Map<TenantId, Map<Key, TemplateSource>> tenants = new LinkedHashMap<>();
    private final List<TemplateSource> all = new ArrayList<>();

    private TemplateLayers(Map<Key, TemplateSource> defaults) {
        this.defaults = defaults;
        all.addAll(defaults.values());
    }

    Map<Key, TemplateSource> defaults() {
        return defaults;
    }

    Map<Key, TemplateSource> global() {
        return global;
    }

    Map<TenantId, Map<Key, TemplateSource>> tenants() {
        return tenants;
    }

    List<TemplateSource> all() {
        return all;
    }

    /**
     * Loads the built-in templates in {@code builtInLanguages} (the layout and English are
     * required), then each location in order.
     */
    static TemplateLayers load(Collection<String> builtInLanguages, List<TemplateLocation> locations,
            Collection<String> probeLanguages, Collection<TenantId> probeTenants, ClassLoader classLoader) {
        TemplateLayers layers = new TemplateLayers(builtIn(builtInLanguages));
        for (TemplateLocation location : locations) {
            List<TemplateSource> found = location instanceof TemplateLocation.Directory directory ? scan(directory)
                    : probe((TemplateLocation.Classpath) location, probeLanguages, probeTenants, classLoader);
            layers.add(location, found);
        }
        return layers;
    }

    private void add(TemplateLocation location, List<TemplateSource> found) {
        Map<Optional<TenantId>, Map<Key, TemplateSource>> seen = new LinkedHashMap<>();
        for (TemplateSource source : found) {
            TemplateSource before = seen.computeIfAbsent(source.tenant(), t -> new LinkedHashMap<>())
                    .put(source.name().key(), source);
            if (before != null) {
                throw new MailTemplateException(source.displayName(), 0, "duplicate_template",
                        "the same template as " + before.displayName() + " (language tags ignore case)",
                        location.describe());
            }
            all.add(source);
            Map<Key, TemplateSource> layer = source.tenant()
                    .map(t -> tenants.computeIfAbsent(t, x -> new LinkedHashMap<>())).orElse(global);
            layer.put(source.name().key(), source);
        }
    }

    private static Map<Key, TemplateSource> builtIn(Collection<String> languages) {
        ClassLoader loader = TemplateLayers.class.getClassLoader();
        Map<Key, TemplateSource> found = new LinkedHashMap<>();
        for (TemplateName name : names(languages)) {
            URL url = loader.getResource(BUILT_IN_ROOT + name.fileName());
            if (url != null) {
                found.put(name.key(), new TemplateSource(Optional.empty(), name, read(url, name.fileName(), BUILT_IN),
                        BUILT_IN));
            } else if (name.part() == TemplateName.Part.LAYOUT || name.language().equals("en")) {
                throw new MailTemplateException(name.fileName(), 0, "missing_template",
                        "a built-in template is missing from the jar", BUILT_IN);
            }
        }
        return found;
    }

    /** Every template name in {@code languages}: the layout, then each kind, language and format. */
    private static List<TemplateName> names(Collection<String> languages) {
        List<TemplateName> names = new ArrayList<>();
        names.add(TemplateName.LAYOUT);
        for (MailKind kind : MailKind.values()) {
            for (String language : languages) {
                for (Format format : Format.values()) {
                    names.add(TemplateName.of(kind, language, format));
                }
            }
        }
        return names;
    }

    private static List<TemplateSource> scan(TemplateLocation.Directory location) {
        Path root = location.path();
        if (!Files.isDirectory(root) || !Files.isReadable(root)) {
            throw new ConfigurationException("mail template location " + location.describe()
                    + " is not a readable directory");
        }
        List<TemplateSource> found = new ArrayList<>();
        for (Path entry : list(root, location)) {
            String fileName = entry.getFileName().toString();
            if (!Files.isDirectory(entry)) {
                found.add(file(entry, Optional.empty(), fileName, location));
                continue;
            }
            TenantId tenant;
            try {
                tenant = TenantId.of(fileName);
            } catch (ValidationException e) {
                throw new MailTemplateException(fileName + "/", 0, "unknown_file",
                        "a folder of overrides is named by a tenant id", location.describe());
            }
            for (Path inner : list(entry, location)) {
                String innerName = inner.getFileName().toString();
                if (Files.isDirectory(inner)) {
                    throw new MailTemplateException(fileName + "/" + innerName + "/", 0, "unknown_file",
                            "a studio's folder holds template files only, no folder", location.describe());
                }
                found.add(file(inner, Optional.of(tenant), innerName, location));
            }
        }
        return found;
    }

    /** The entries of {@code folder} in name order, hidden ones ({@code .DS_Store}, {@code .git}) left out. */
    private static List<Path> list(Path folder, TemplateLocation location) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new ConfigurationException("mail template location " + location.describe()
                    + " cannot be listed: " + e.getClass().getSimpleName());
        }
    }

    private static TemplateSource file(Path path, Optional<TenantId> tenant, String fileName,
            TemplateLocation location) {
        String display = tenant.map(t -> t.value() + "/").orElse("") + fileName;
        TemplateName name = TemplateName.parse(fileName).orElseThrow(() -> new MailTemplateException(display, 0,
                "unknown_file", "not a template name: expected layout.html.mustache or"
                        + " <invitation|password-reset>.<language tag>.<html|txt>.mustache",
                location.describe()));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new MailTemplateException(display, 0, "unreadable", "cannot be read: " + e.getClass().getSimpleName(),
                    location.describe(), e);
        }
        return new TemplateSource(tenant, name, decode(bytes, display, location.describe()), location.describe());
    }

    private static List<TemplateSource> probe(TemplateLocation.Classpath location, Collection<String> languages,
            Collection<TenantId> tenantIds, ClassLoader classLoader) {
        List<TemplateSource> found = new ArrayList<>();
        List<Optional<TenantId>> scopes = new ArrayList<>();
        scopes.add(Optional.empty());
        tenantIds.forEach(t -> scopes.add(Optional.of(t)));
        for (Optional<TenantId> scope : scopes) {
            String folder = scope.map(TenantId::value).orElse("");
            for (TemplateName name : names(languages)) {
                URL url = classLoader.getResource(location.resource(folder, name.fileName()));
                if (url != null) {
                    String display = scope.map(t -> t.value() + "/").orElse("") + name.fileName();
                    found.add(new TemplateSource(scope, name, read(url, display, location.describe()),
                            location.describe()));
                }
            }
        }
        if (found.isEmpty()) {
            throw new ConfigurationException("mail template location " + location.describe()
                    + " holds none of the templates probed (languages " + languages + ", tenants " + tenantIds
                    + "): a classpath cannot be listed, so a prefix with nothing found is taken for a mistake");
        }
        return found;
    }

    private static String read(URL url, String display, String location) {
        try (InputStream in = url.openStream()) {
            return decode(in.readAllBytes(), display, location);
        } catch (IOException e) {
            throw new MailTemplateException(display, 0, "unreadable", "cannot be read: " + e.getClass().getSimpleName(),
                    location, e);
        }
    }

    private static String decode(byte[] bytes, String display, String location) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MailTemplateException(display, 0, "unreadable", "not UTF-8 text", location, e);
        }
    }
}
