package io.clientele.client.model;

import static io.clientele.common.UntrustedInput.assertRefused;
import static io.clientele.common.UntrustedInput.validOrRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.time.api.Dates;

class BirthDateTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

    @Example
    void a_birth_date_in_the_past_is_accepted() {
        assertThat(BirthDate.of(LocalDate.of(1990, 7, 14), TODAY).value()).isEqualTo(LocalDate.of(1990, 7, 14));
    }

    @Example
    void birth_date_today_is_accepted_for_a_newborn() {
        assertThat(BirthDate.of(TODAY, TODAY).value()).isEqualTo(TODAY);
    }

    @Example
    void birth_date_in_future_is_refused() {
        assertRefused(() -> BirthDate.of(TODAY.plusDays(1), TODAY), "birthDate", "not_in_future");
    }

    @Example
    void birth_date_exactly_130_years_ago_is_accepted() {
        assertThat(BirthDate.of(LocalDate.of(1896, 3, 2), TODAY).value()).isEqualTo(LocalDate.of(1896, 3, 2));
    }

    @Example
    void birth_date_more_than_130_years_ago_is_refused() {
        assertRefused(() -> BirthDate.of(LocalDate.of(1896, 3, 1), TODAY), "birthDate", "plausible");
    }

    @Example
    void a_leap_day_birth_date_is_accepted() {
        assertThat(BirthDate.of(LocalDate.of(2000, 2, 29), TODAY).value()).isEqualTo(LocalDate.of(2000, 2, 29));
    }

    @Example
    void missing_birth_date_is_refused_with_rule_required() {
        assertRefused(() -> BirthDate.of(null, TODAY), "birthDate", "required");
        assertRefused(() -> new BirthDate(null), "birthDate", "required");
    }

    @Property
    void any_date_is_a_birth_date_or_refused_with_the_rule_it_breaks(
            @ForAll("anyDate") LocalDate value, @ForAll("today") LocalDate today) {
        var built = validOrRefused(() -> BirthDate.of(value, today), "birthDate", Set.of("not_in_future", "plausible"));

        boolean inFuture = value.isAfter(today);
        boolean tooOld = value.isBefore(today.minusYears(BirthDate.MAX_AGE_YEARS));
        assertThat(built).isEqualTo(inFuture || tooOld ? Optional.empty() : Optional.of(new BirthDate(value)));
        if (inFuture) {
            assertRefused(() -> BirthDate.of(value, today), "birthDate", "not_in_future");
        } else if (tooOld) {
            assertRefused(() -> BirthDate.of(value, today), "birthDate", "plausible");
        }
    }

    @Property
    void every_age_from_0_to_130_years_is_accepted_on_any_day(
            @ForAll("today") LocalDate today, @ForAll @IntRange(min = 0, max = 130) int years,
            @ForAll @IntRange(min = 0, max = 364) int days) {
        LocalDate value = today.minusYears(years).minusDays(years == BirthDate.MAX_AGE_YEARS ? 0 : days);

        assertThat(BirthDate.of(value, today).value()).isEqualTo(value);
    }

    @Provide
    Arbitrary<LocalDate> anyDate() {
        return Arbitraries.oneOf(
                Dates.dates().between(LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31)),
                Dates.dates().between(LocalDate.of(1850, 1, 1), LocalDate.of(2250, 12, 31)));
    }

    @Provide
    Arbitrary<LocalDate> today() {
        return Dates.dates().between(LocalDate.of(1970, 1, 1), LocalDate.of(2200, 12, 31));
    }
}
