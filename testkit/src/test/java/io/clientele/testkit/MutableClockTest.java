package io.clientele.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MutableClockTest {

    @Test
    void the_clock_stands_still_until_it_is_moved_by_hand() {
        MutableClock clock = MutableClock.standard();

        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
        assertThat(clock.instant()).isEqualTo(clock.instant());
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);

        clock.advance(Duration.ofMinutes(90));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-02T10:30:00Z"));
        clock.set(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(clock.millis()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z").toEpochMilli());
    }

    @Test
    void a_clock_in_another_zone_shares_the_instant_of_the_clock_it_came_from() {
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
        Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

        clock.advance(Duration.ofHours(1));

        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(paris.instant()).isEqualTo(Instant.parse("2026-06-01T13:00:00Z"));
        ((MutableClock) paris).advance(Duration.ofHours(1));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-06-01T14:00:00Z"));
    }
}
