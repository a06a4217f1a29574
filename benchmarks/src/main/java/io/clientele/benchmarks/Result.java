package io.clientele.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one line a benchmark prints on stdout: {@code RESULT name=<name> key=value ...}, keys in the
 * order they were added. Keys are snake_case; values hold no spaces; microseconds are written with
 * one decimal and ratios with two, always with a dot, whatever the default locale, so scripts can
 * parse the line. Immutable.
 *
 * @param name the benchmark's name
 * @param fields the {@code key=value} pairs after the name, in order
 */
record Result(String name, List<String> fields) {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern VALUE = Pattern.compile("\\S+");

    Result {
        if (!Pattern.matches("[a-z][a-z0-9-]*", name)) {
            throw new IllegalArgumentException("benchmark names are lower-case words joined by '-': " + name);
        }
        fields = List.copyOf(fields);
    }

    /** A result with no field yet. */
    static Result named(String name) {
        return new Result(name, List.of());
    }

    /** This result with {@code key=value} appended. */
    Result with(String key, long value) {
        return append(key, Long.toString(value));
    }

    /** This result with {@code key=<microseconds, one decimal>} appended. */
    Result withMicros(String key, double micros) {
        return append(key, String.format(Locale.ROOT, "%.1f", micros));
    }

    /** This result with {@code key=<ratio, two decimals>} appended. */
    Result withRatio(String key, double ratio) {
        return append(key, String.format(Locale.ROOT, "%.2f", ratio));
    }

    /** This result with {@code key=<milliseconds, one decimal>} appended. */
    Result withMillis(String key, double millis) {
        return append(key, String.format(Locale.ROOT, "%.1f", millis));
    }

    /** This result with {@code key=true} or {@code key=false} appended. */
    Result with(String key, boolean value) {
        return append(key, Boolean.toString(value));
    }

    private Result append(String key, String value) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("result keys are snake_case: " + key);
        }
        if (!VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("result values hold no spaces: '" + value + "'");
        }
        List<String> more = new ArrayList<>(fields);
        more.add(key + "=" + value);
        return new Result(name, more);
    }

    /** The line as printed. */
    String line() {
        StringBuilder line = new StringBuilder("RESULT name=").append(name);
        for (String field : fields) {
            line.append(' ').append(field);
        }
        return line.toString();
    }
}
