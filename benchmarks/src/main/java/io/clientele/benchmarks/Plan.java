package io.clientele.benchmarks;

import java.util.List;

/**
 * What each benchmark measures: the item counts of its measured rounds, ascending, and the item
 * count of the warm-up round run before them and discarded (0: none). The result line reports the
 * largest size, and {@code scaling} compares the cost per item at the largest size with the cost at
 * the smallest. Immutable.
 *
 * @param sizes at least two item counts, strictly ascending, each at least 1
 * @param warmup the warm-up round's item count, 0 to skip it
 */
record Plan(List<Integer> sizes, int warmup) {

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
