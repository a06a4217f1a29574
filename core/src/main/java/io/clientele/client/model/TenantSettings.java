package io.clientele.client.model;

import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * A tenant's settings that profile and calendar rules depend on: the default phone region (ISO
 * 3166 alpha-2, for numbers typed in national format), the languages the tenant offers (the first
 * is its default), its {@link LockPolicy}, and the studio's time zone.
 *
 * <p>The time zone is an IANA time zone id ({@code Pacific/Auckland}, {@code America/Los_Angeles},
 * {@code UTC}); a fixed offset such as {@code +02:00} is refused (field {@code timeZone}, rule
 * {@code iana_zone}), since it would put every calendar rule an hour off for half of the year in a
 * studio that observes daylight saving time. Every calendar rule is evaluated in it: "today" for
 * membership periods and their start and end dates, the day a date-only expiry begins, "not in the
 * future" for birth dates, the calendar arithmetic of package validities. Instants stay in UTC.
 *
 * <p>{@link #defaults()} is region {@code US}, language {@code en}, the default lock policy and the
 * time zone {@code UTC}; the three-argument constructor takes the time zone {@code UTC} as well, and
 * {@link #withTimeZone} gives a copy in another zone.
 *
 * <p>Immutable and thread-safe.
 */
public record TenantSettings(CountryCode defaultRegion, List<LanguageTag> languages, LockPolicy lockPolicy,
        ZoneId timeZone) {

    /** The time zone of a tenant that set none: {@code UTC}. */
    public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("UTC");

    /** The region ids of the time zone database, read once: the JDK copies the set on every call. */
    private static final Set<String> IANA_ZONES = Set.copyOf(ZoneId.getAvailableZoneIds());

    public TenantSettings {
        Validate.notNull("defaultRegion", defaultRegion);
        languages = List.copyOf(Validate.notNull("languages", languages));
        if (languages.isEmpty()) {
            throw new ValidationException("languages", "required", "at least one language");
        }
        Validate.notNull("lockPolicy", lockPolicy);
        Validate.notNull("timeZone", timeZone);
        if (!IANA_ZONES.contains(timeZone.getId())) {
            throw new ValidationException("timeZone", "iana_zone",
                    "an IANA time zone id such as Europe/Paris, not a fixed offset");
        }
    }

    /** These settings in the time zone {@code UTC}. */
    public TenantSettings(CountryCode defaultRegion, List<LanguageTag> languages, LockPolicy lockPolicy) {
        this(defaultRegion, languages, lockPolicy, DEFAULT_TIME_ZONE);
    }

    /** Region US, English, the default lock policy, the time zone {@code UTC}. */
    public static TenantSettings defaults() {
        return new TenantSettings(CountryCode.of("US"), List.of(LanguageTag.of("en")), LockPolicy.DEFAULT);
    }

    /** These settings with the studio in another time zone (field {@code timeZone}, rule {@code iana_zone}). */
    public TenantSettings withTimeZone(ZoneId zone) {
        return new TenantSettings(defaultRegion, languages, lockPolicy, zone);
    }

    /**
     * These settings with the studio in the time zone of this IANA id, as a host reads it from its
     * own settings ({@code "Europe/Paris"}); an unknown or malformed id is field {@code timeZone},
     * rule {@code iana_zone}.
     */
    public TenantSettings withTimeZone(String ianaId) {
        Validate.notNull("timeZone", ianaId);
        ZoneId zone;
        try {
            zone = ZoneId.of(ianaId);
        } catch (DateTimeException e) {
            throw new ValidationException("timeZone", "iana_zone", "not a time zone id of the IANA database");
        }
        return withTimeZone(zone);
    }

    /** The studio's calendar day at {@code instant}: "today" when {@code instant} is now. */
    public LocalDate dateAt(Instant instant) {
        return LocalDate.ofInstant(Validate.notNull("instant", instant), timeZone);
    }

    /**
     * The first moment of {@code day} in the studio's time zone: midnight, or the first instant
     * after a daylight-saving gap that skips midnight. A date-only expiry takes effect then.
     */
    public Instant startOf(LocalDate day) {
        return Validate.notNull("day", day).atStartOfDay(timeZone).toInstant();
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
