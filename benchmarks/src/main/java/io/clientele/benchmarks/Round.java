package io.clientele.benchmarks;

import java.util.List;
import java.util.function.Supplier;

/**
 * One measured pass of a timed step: how many items it handled and how long it took, in
 * nanoseconds from {@link System#nanoTime()}. Immutable.
 *
 * @param items the items handled, at least 1
 * @param nanos the elapsed time
 */
record Round(int items, long nanos) {

    Round {
        if (items < 1) {
            throw new IllegalArgumentException("a round handles at least one item: " + items);
        }
        if (nanos < 0) {
            throw new IllegalArgumentException("elapsed time must not be negative: " + nanos);
        }
    }

    /** Times {@code step} over {@code items} items. */
    static Round time(int items, Runnable step) {
        long start = System.nanoTime();
        step.run();
        return new Round(items, System.nanoTime() - start);
    }

    /** Times {@code step} over {@code items} items, keeping what it answered (to check the work was done). */
    static <T> Timed<T> time(int items, Supplier<T> step) {
        long start = System.nanoTime();
        T value = step.get();
        return new Timed<>(value, new Round(items, System.nanoTime() - start));
    }

    /**
     * What a timed step answered, and its round.
     *
     * @param <T> the type of the answer
     * @param value the answer
     * @param round the round
     */
    record Timed<T>(T value, Round round) {
    }

    /** Microseconds per item. */
    double microsPerItem() {
        return nanos / 1_000.0 / items;
    }

    /**
     * How the cost per item grows with the data: cost per item of the last round (the largest) over
     * the first (the smallest). 1.0 is flat; a look-up that scans every row makes it grow with the
     * ratio of the sizes.
     */
    static double scaling(List<Round> rounds) {
        if (rounds.size() < 2) {
            throw new IllegalArgumentException("scaling compares at least two rounds");
        }
        return rounds.get(rounds.size() - 1).microsPerItem() / rounds.get(0).microsPerItem();
    }
}
