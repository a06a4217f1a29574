package io.clientele.benchmarks;

import java.util.List;

/**
 * What each benchmark measures: the item counts of its measured rounds, ascending, and the item
 * count of the warm-up round run before them and discarded (0: none). The result line reports the
 * largest size, and {@code scaling} compares the cost per item at the largest size with the cost at
 * the smallest. Immutable.
 *
 * <p>The benchmarks on PostgreSQL and SMTP also take {@code clients}, the item count of their
 * headline round (the one their result line reports and their baselines run at), 0 for each
 * benchmark's own default ({@code --clients N} on the command line).
 *
 * @param sizes at least two item counts, strictly ascending, each at least 1
 * @param warmup the warm-up round's item count, 0 to skip it
 * @param clients the headline item count of the PostgreSQL and SMTP benchmarks, 0 for their defaults
 */
record Plan(List<Integer> sizes, int warmup, int clients) {

    /** The default sizes: 10k and 100k items. */
    static final List<Integer> DEFAULT_SIZES = List.of(10_000, 100_000);

    Plan {
        sizes = List.copyOf(sizes);
        if (sizes.size() < 2) {
            throw new UsageException(
                    "--sizes needs at least two sizes (scaling compares the largest with the smallest)");
        }
        for (int i = 0; i < sizes.size(); i++) {
            if (sizes.get(i) < 1) {
                throw new UsageException("--sizes must be positive: " + sizes.get(i));
            }
            if (i > 0 && sizes.get(i) <= sizes.get(i - 1)) {
                throw new UsageException("--sizes must be strictly ascending: " + sizes);
            }
        }
        if (warmup < 0) {
            throw new UsageException("--warmup must not be negative: " + warmup);
        }
        if (clients < 0) {
            throw new UsageException("--clients must not be negative: " + clients);
        }
    }

    /** A plan of these sizes and warm-up, each benchmark at its default headline count. */
    Plan(List<Integer> sizes, int warmup) {
        this(sizes, warmup, 0);
    }

    /** The headline item count: {@code --clients}, else {@code fallback} (the benchmark's default). */
    int clientsOr(int fallback) {
        return clients > 0 ? clients : fallback;
    }

    /**
     * True when the sizes are the default ones (no {@code --sizes}, or the default spelt out): the
     * benchmarks with a scaling series of their own (10k, 100k and 1M clients) then use theirs.
     */
    boolean defaultSizes() {
        return sizes.equals(DEFAULT_SIZES);
    }

    /** The default sizes, warmed up by a round at the smallest of them. */
    static Plan defaults() {
        return new Plan(DEFAULT_SIZES, DEFAULT_SIZES.get(0));
    }

    /** The smallest size. */
    int smallest() {
        return sizes.get(0);
    }

    /** The largest size, the one the result line reports. */
    int largest() {
        return sizes.get(sizes.size() - 1);
    }
}
