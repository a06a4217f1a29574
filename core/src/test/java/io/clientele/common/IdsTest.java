package io.clientele.common;

import static io.clientele.common.UntrustedInput.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class IdsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00.123Z");

    @Example
    void ids_are_version_7_with_variant_bits_10() {
        UUID id = new Ids(Clock.fixed(NOW, ZoneOffset.UTC)).next();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getLeastSignificantBits() >>> 62).isEqualTo(0b10L);
        assertThat(id.toString().charAt(14)).isEqualTo('7');
    }

    @Example
    void the_first_48_bits_are_the_clock_time_in_unix_milliseconds() {
        UUID id = new Ids(Clock.fixed(NOW, ZoneOffset.UTC)).next();

        assertThat(millis(id)).isEqualTo(NOW.toEpochMilli());
        assertThat(id.toString()).startsWith("019cadc6-9afb-7");
    }

    @Example
    void ids_from_a_fixed_clock_are_strictly_increasing() {
        Ids ids = new Ids(Clock.fixed(NOW, ZoneOffset.UTC));

        List<UUID> generated = generate(ids, 1000);

        assertStrictlyIncreasing(generated);
        assertThat(generated).allSatisfy(id -> assertThat(millis(id)).isEqualTo(NOW.toEpochMilli()));
        assertThat(counter(generated.get(0))).isZero();
        assertThat(counter(generated.get(999))).isEqualTo(999);
    }

    @Example
    void after_4096_ids_in_one_millisecond_the_timestamp_moves_one_millisecond_ahead() {
        Ids ids = new Ids(Clock.fixed(NOW, ZoneOffset.UTC));

        List<UUID> generated = generate(ids, 4097 + 4096);

        assertStrictlyIncreasing(generated);
        assertThat(counter(generated.get(4095))).isEqualTo(0xFFF);
        assertThat(millis(generated.get(4095))).isEqualTo(NOW.toEpochMilli());
        assertThat(millis(generated.get(4096))).isEqualTo(NOW.toEpochMilli() + 1);
        assertThat(counter(generated.get(4096))).isZero();
        assertThat(millis(generated.get(8192))).isEqualTo(NOW.toEpochMilli() + 2);
    }

    @Example
    void ids_keep_increasing_when_the_clock_steps_back() {
        MutableClock clock = new MutableClock(NOW);
        Ids ids = new Ids(clock);
        UUID beforeStep = ids.next();

        clock.set(NOW.minus(Duration.ofHours(1)));
        UUID afterStep = ids.next();

        assertThat(afterStep.toString()).isGreaterThan(beforeStep.toString());
        assertThat(millis(afterStep)).isEqualTo(NOW.toEpochMilli());
        assertThat(counter(afterStep)).isEqualTo(counter(beforeStep) + 1);
    }

    @Example
    void the_timestamp_follows_the_clock_again_once_it_passes_the_last_id() {
        MutableClock clock = new MutableClock(NOW);
        Ids ids = new Ids(clock);
        ids.next();
        clock.set(NOW.minusSeconds(30));
        ids.next();

        clock.set(NOW.plusSeconds(5));
        UUID later = ids.next();

        assertThat(millis(later)).isEqualTo(NOW.plusSeconds(5).toEpochMilli());
        assertThat(counter(later)).isZero();
    }

    @Example
    void random_bits_differ_between_ids_of_the_same_millisecond() {
        Ids ids = new Ids(Clock.fixed(NOW, ZoneOffset.UTC));
        Set<Long> randomParts = new HashSet<>();

        for (UUID id : generate(ids, 100)) {
            randomParts.add(id.getLeastSignificantBits());
        }

        assertThat(randomParts).hasSize(100);
    }

    @Example
    void a_missing_clock_is_refused() {
        assertRefused(() -> new Ids(null), "clock", "required");
    }

    @Example
    void ids_generated_concurrently_are_unique_and_increasing_per_thread() throws Exception {
        Ids ids = new Ids(Clock.fixed(NOW, ZoneOffset.UTC));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<UUID>>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                tasks.add(() -> generate(ids, 3000));
            }
            Set<UUID> all = new HashSet<>();
            for (Future<List<UUID>> perThread : pool.invokeAll(tasks)) {
                List<UUID> generated = perThread.get();
                assertStrictlyIncreasing(generated);
                all.addAll(generated);
            }

            assertThat(all).hasSize(4 * 3000);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Model: each id's timestamp is the later of the clock and the previous id's timestamp; its
     * counter restarts at 0 on a new timestamp and counts up otherwise (fewer than 4096 ids here,
     * so the counter never overflows).
     */
    @Property(tries = 300)
    void ids_follow_the_clock_but_never_go_backwards(@ForAll("clockSteps") List<Long> steps) {
        MutableClock clock = new MutableClock(NOW);
        Ids ids = new Ids(clock);
        UUID previous = null;

        for (long step : steps) {
            clock.advance(Duration.ofMillis(step));
            UUID id = ids.next();

            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
            long expectedMillis = previous == null ? clock.millis() : Math.max(clock.millis(), millis(previous));
            assertThat(millis(id)).isEqualTo(expectedMillis);
            if (previous != null) {
                assertThat(id.toString()).isGreaterThan(previous.toString());
                int expectedCounter = millis(previous) == expectedMillis ? counter(previous) + 1 : 0;
                assertThat(counter(id)).isEqualTo(expectedCounter);
            } else {
                assertThat(counter(id)).isZero();
            }
            previous = id;
        }
    }

    @Provide
    Arbitrary<List<Long>> clockSteps() {
        return Arbitraries.frequencyOf(
                        Tuple.of(5, Arbitraries.just(0L)),
                        Tuple.of(3, Arbitraries.longs().between(1, 5)),
                        Tuple.of(2, Arbitraries.longs().between(-86_400_000L, -1)),
                        Tuple.of(1, Arbitraries.longs().between(1, 86_400_000L)))
                .list().ofMinSize(1).ofMaxSize(300);
    }

    private static List<UUID> generate(Ids ids, int count) {
        List<UUID> generated = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            generated.add(ids.next());
        }
        return generated;
    }

    /** Compares the canonical text form, which orders as the unsigned 128-bit value (as databases do). */
    private static void assertStrictlyIncreasing(List<UUID> ids) {
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i).toString()).as("id %d", i).isGreaterThan(ids.get(i - 1).toString());
        }
    }

    private static long millis(UUID id) {
        return id.getMostSignificantBits() >>> 16;
    }

    private static int counter(UUID id) {
        return (int) (id.getMostSignificantBits() & 0xFFF);
    }
}
