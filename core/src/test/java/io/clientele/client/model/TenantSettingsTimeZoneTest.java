package io.clientele.client.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.common.ValidationException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Issue 7 point 18: a tenant's settings name the studio's IANA time zone, UTC unless set. */
class TenantSettingsTimeZoneTest {

    private static void refused(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo("timeZone");
            assertThat(e.rule()).isEqualTo("iana_zone");
        });
    }

    @Test
    void a_studio_without_a_time_zone_is_in_utc() {
        assertThat(TenantSettings.defaults().timeZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(new TenantSettings(CountryCode.of("FR"), List.of(LanguageTag.of("fr")), LockPolicy.DEFAULT)
                .timeZone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void a_copy_in_another_zone_keeps_every_other_setting() {
        TenantSettings paris = new TenantSettings(CountryCode.of("FR"), List.of(LanguageTag.of("fr")),
                LockPolicy.DEFAULT);

        TenantSettings auckland = paris.withTimeZone(ZoneId.of("Pacific/Auckland"));

        assertThat(auckland).isEqualTo(new TenantSettings(CountryCode.of("FR"), List.of(LanguageTag.of("fr")),
                LockPolicy.DEFAULT, ZoneId.of("Pacific/Auckland")));
        assertThat(paris.withTimeZone("Europe/Paris").timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    }

    @Test
    void a_fixed_offset_or_an_unknown_zone_is_not_a_studio_time_zone() {
        refused(() -> TenantSettings.defaults().withTimeZone(ZoneOffset.ofHours(2)));
        refused(() -> TenantSettings.defaults().withTimeZone(ZoneOffset.UTC));
        refused(() -> TenantSettings.defaults().withTimeZone(ZoneId.of("UTC+02:00")));
        refused(() -> TenantSettings.defaults().withTimeZone("Mars/Olympus_Mons"));
        refused(() -> TenantSettings.defaults().withTimeZone("not a zone"));
        assertThatThrownBy(() -> TenantSettings.defaults().withTimeZone((ZoneId) null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.rule()).isEqualTo("required"));
    }

    @Test
    void today_and_the_start_of_a_day_are_the_studios() {
        TenantSettings auckland = TenantSettings.defaults().withTimeZone("Pacific/Auckland");
        TenantSettings losAngeles = TenantSettings.defaults().withTimeZone("America/Los_Angeles");
        Instant instant = Instant.parse("2026-03-02T11:30:00Z");

        assertThat(auckland.dateAt(instant)).isEqualTo(LocalDate.of(2026, 3, 3));
        assertThat(losAngeles.dateAt(instant)).isEqualTo(LocalDate.of(2026, 3, 2));
        // midnight in Auckland (NZDT, +13) and in Los Angeles after the spring change (PDT, -7)
        assertThat(auckland.startOf(LocalDate.of(2026, 3, 3))).isEqualTo(Instant.parse("2026-03-02T11:00:00Z"));
        assertThat(losAngeles.startOf(LocalDate.of(2026, 3, 9))).isEqualTo(Instant.parse("2026-03-09T07:00:00Z"));
    }
}
