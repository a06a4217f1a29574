package io.clientele.client.model;

import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.util.List;

/**
 * A tenant's settings that profile rules depend on: the default phone region (ISO 3166 alpha-2,
 * for numbers typed in national format), the languages the tenant offers (the first is its
 * default) and its {@link LockPolicy}. {@link #defaults()} is region {@code US}, language
 * {@code en}, the default lock policy.
 *
 * <p>Immutable and thread-safe.
 */
public record TenantSettings(CountryCode defaultRegion, List<LanguageTag> languages, LockPolicy lockPolicy) {

    public TenantSettings {
        Validate.notNull("defaultRegion", defaultRegion);
        languages = List.copyOf(Validate.notNull("languages", languages));
        if (languages.isEmpty()) {
            throw new ValidationException("languages", "required", "at least one language");
        }
        Validate.notNull("lockPolicy", lockPolicy);
    }

    /** Region US, English, the default lock policy. */
    public static TenantSettings defaults() {
        return new TenantSettings(CountryCode.of("US"), List.of(LanguageTag.of("en")), LockPolicy.DEFAULT);
    }

    /** The tenant's default language. */
    public LanguageTag defaultLanguage() {
        return languages.get(0);
    }

    /** True when the tenant offers this language. */
    public boolean offers(LanguageTag language) {
        return languages.contains(language);
    }
}
