package io.clientele.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run gathers for its chart: scaling series (cost per item at each size, one series per
 * measured path) and ratios (ours over a baseline, as throughputs). The benchmarks add to it
 * through {@link Progress#figures()}; {@link PerformanceChart} draws it when the run is over.
 * Insertion-ordered; used by one thread at a time (the runner runs one benchmark after the other).
 */
final class Figures {

    /**
     * One point of a scaling series.
     *
     * @param items the round's item count
     * @param microsPerItem its cost per item, in microseconds
     */
    record Point(long items, double microsPerItem) {
    }

    private final Map<String, List<Point>> series = new LinkedHashMap<>();
    private final Map<String, Double> ratios = new LinkedHashMap<>();

    /** Adds a point to the series {@code name} ("invite-enqueue (ours)"). */
    void point(String name, long items, double microsPerItem) {
        series.computeIfAbsent(name, n -> new ArrayList<>()).add(new Point(items, microsPerItem));
    }

    /** Sets the ratio {@code label} ("invite-enqueue vs limit"); a later value replaces an earlier one. */
    void ratio(String label, double value) {
        ratios.put(label, value);
    }

    /** The series by name, in the order they were first added; each a copy. */
    Map<String, List<Point>> series() {
        Map<String, List<Point>> copy = new LinkedHashMap<>();
        series.forEach((name, points) -> copy.put(name, List.copyOf(points)));
        return copy;
    }

    /** The ratios by label, in the order they were first set; a copy. */
    Map<String, Double> ratios() {
        return new LinkedHashMap<>(ratios);
    }

    /** True when nothing was added (the run draws no chart then). */
    boolean isEmpty() {
        return series.isEmpty() && ratios.isEmpty();
    }
}
