package io.clientele.benchmarks;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Where a benchmark reports what it is doing (stderr when run from the jar), so that stdout holds
 * only result lines. Long loops report through a {@link Ticker} at most every ten seconds, which
 * costs one {@link System#nanoTime()} call per check. Used by one thread at a time.
 */
final class Progress {

    private static final long TICK_NANOS = 10_000_000_000L;

    private final PrintStream out;
    private final String prefix;
    private final Figures figures;

    /** Progress lines to {@code out}, each starting with {@code label} and a colon; figures kept apart. */
    Progress(PrintStream out, String label) {
        this(out, label, new Figures());
    }

    /** Progress lines to {@code out}, each starting with {@code label}; figures for the chart go to {@code figures}. */
    Progress(PrintStream out, String label, Figures figures) {
        this.out = out;
        this.prefix = label + ": ";
        this.figures = figures;
    }

    /** Where the benchmark puts its scaling series and ratios for the run's chart. */
    Figures figures() {
        return figures;
    }

    /** Prints one line. */
    void note(String format, Object... args) {
        out.println(prefix + String.format(Locale.ROOT, format, args));
        out.flush();
    }

    /**
     * A ticker for a loop of {@code total} items described by {@code what} ("creating clients"); a
     * {@code total} of 0 stands for a count not known in advance.
     */
    Ticker ticker(String what, int total) {
        return new Ticker(what, total);
    }

    /** Reports how far a long loop has come, at most every ten seconds. */
    final class Ticker {

        private final String what;
        private final int total;
        private final long start = System.nanoTime();
        private long lastReport = start;
        private int done;

        private Ticker(String what, int total) {
            this.what = what;
            this.total = total;
        }

        /** Tells that {@code count} items are done; prints when ten seconds have passed since the last line. */
        void at(int count) {
            done = count;
            long now = System.nanoTime();
            if (now - lastReport >= TICK_NANOS) {
                lastReport = now;
                long seconds = (now - start) / 1_000_000_000L;
                if (total > 0) {
                    note("%s %d/%d after %d s", what, done, total, seconds);
                } else {
                    note("%s %d after %d s", what, done, seconds);
                }
            }
        }

        /** Tells that one more item is done. */
        void step() {
            at(done + 1);
        }
    }
}
