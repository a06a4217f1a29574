package io.clientele.client.model;

import io.clientele.common.Text;
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
 * is its default), its {@link LockPolicy}, the studio's time zone, and how its mail is signed and
 * sent: the studio's name and its {@link SenderSettings}.
 *
 * <p>The time zone is an IANA time zone id ({@code Pacific/Auckland}, {@code America/Los_Angeles},
 * {@code UTC}); a fixed offset such as {@code +02:00} is refused (field {@code timeZone}, rule
 * {@code iana_zone}), since it would put every calendar rule an hour off for half of the year in a
 * studio that observes daylight saving time. Every calendar rule is evaluated in it: "today" for
 * membership periods and their start and end dates, the day a date-only expiry begins, "not in the
 * future" for birth dates, the calendar arithmetic of package validities. Instants stay in UTC.
 *
 * <p>The studio name signs every mail (under the closing, unless the template has a signature) and
 * is the display name of its sender unless the sender settings name another one. It is one line of
 * 1 to {@value #MAX_STUDIO_NAME} characters by the rules of {@link Text#singleLine} (field {@code
 * studioName}): no line break, control or format character, so it is safe in a mail header.
 *
 * <p>{@link #defaults()} is region {@code US}, language {@code en}, the default lock policy, the
 * time zone {@code UTC}, the studio name {@value #DEFAULT_STUDIO_NAME} and {@link
 * SenderSettings#platform()} (mail from the platform's address under the studio's name); the three-
 * and four-argument constructors take these defaults for what they do not name, and {@link
 * #withTimeZone}, {@link #withStudioName} and {@link #withSender} give a copy with one setting
 * changed.
 *
 * <p>Immutable and thread-safe.
 */
public record TenantSettings(CountryCode defaultRegion, List<LanguageTag> languages, LockPolicy lockPolicy,
        ZoneId timeZone, String studioName, SenderSettings sender) {

    /** The time zone of a tenant that set none: {@code UTC}. */
    public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("UTC");

    /** The studio name of a tenant that set none. */
    public static final String DEFAULT_STUDIO_NAME = "Your studio";

    /** The longest studio name, in characters. */
    public static final int MAX_STUDIO_NAME = 100;

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
        studioName = Text.singleLine("studioName", Validate.notBlank("studioName", studioName), MAX_STUDIO_NAME);
        Validate.notNull("sender", sender);
    }

    /** These settings with the default studio name and sender. */
    public TenantSettings(CountryCode defaultRegion, List<LanguageTag> languages, LockPolicy lockPolicy,
            ZoneId timeZone) {
        this(defaultRegion, languages, lockPolicy, timeZone, DEFAULT_STUDIO_NAME, SenderSettings.platform());
    }

    /** These settings in the time zone {@code UTC}, with the default studio name and sender. */
    public TenantSettings(CountryCode defaultRegion, List<LanguageTag> languages, LockPolicy lockPolicy) {
        this(defaultRegion, languages, lockPolicy, DEFAULT_TIME_ZONE);
    }

    /** Region US, English, the default lock policy, the time zone {@code UTC}, the default studio name and sender. */
    public static TenantSettings defaults() {
        return new TenantSettings(CountryCode.of("US"), List.of(LanguageTag.of("en")), LockPolicy.DEFAULT);
    }

    /** These settings with the studio in another time zone (field {@code timeZone}, rule {@code iana_zone}). */
    public TenantSettings withTimeZone(ZoneId zone) {
        return new TenantSettings(defaultRegion, languages, lockPolicy, zone, studioName, sender);
    }

    /** These settings with another studio name (field {@code studioName}, rules above). */
    public TenantSettings withStudioName(String name) {
        return new TenantSettings(defaultRegion, languages, lockPolicy, timeZone, name, sender);
    }

    /** These settings with other sender settings. */
    public TenantSettings withSender(SenderSettings value) {
        return new TenantSettings(defaultRegion, languages, lockPolicy, timeZone, studioName, value);
    }

    /** The display name of the studio's mail: the sender settings' own, or else the studio name. */
    public String senderName() {
        return sender.displayName().orElse(studioName);
    }

    /** The {@code From} address of the studio's mail: its own, or else {@code platformAddress}. */
    public EmailAddress senderAddress(EmailAddress platformAddress) {
        Validate.notNull("platformAddress", platformAddress);
        return sender.fromAddress().orElse(platformAddress);
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
