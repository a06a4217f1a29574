package io.clientele.benchmarks;

/**
 * One whole-path measurement the jar runs by name. An implementation runs a discarded warm-up
 * round, then one round per size of the {@link Plan}, each on fresh adapters, and answers the
 * single {@link Result} line; it writes its progress to the {@link Progress}, never to stdout.
 * Implementations hold no state between runs.
 */
interface Benchmark {

    /** The name the command line selects it by, also the {@code name=} of its result line. */
    String name();

    /** One line for {@code --help}: what is measured. */
    String description();

    /** One line for {@code --help}: its targets. */
    String targets();

    /**
     * Refuses a plan this benchmark cannot run with, by a {@link UsageException} naming the option
     * and the rule, before any benchmark of the command line runs. The default accepts every plan.
     */
    default void check(Plan plan) {
    }

    /**
     * Runs the warm-up round and the measured rounds; fails with {@link BenchmarkFailure} when the
     * work did not happen as it should (a benchmark of work not done would be worthless).
     */
    Result run(Plan plan, Progress progress);
}
