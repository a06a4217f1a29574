package io.clientele.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.clientele.benchmarks.stack.PostgresStack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code invite-memory}: a campaign over N clients (default 1,000,000; {@code --clients}) on
 * PostgreSQL through the JPA adapter, in a child JVM ({@link InviteMemoryChild}) limited to {@code
 * -Xmx256m} (and told to exit on an {@code OutOfMemoryError}). The clients are loaded with {@link
 * BulkClients} first (not measured). Prints {@code RESULT name=invite-memory clients=<N>
 * heap_peak_mb=<peak heap in use in the child, MiB> completed=<true when the child enqueued a mail
 * for every client>}. Target: completes. No baseline, no warm-up (a memory bound, not a speed).
 * Stateless.
 */
final class InviteMemoryBenchmark implements Benchmark {

    static final String NAME = "invite-memory";
    static final int DEFAULT_CLIENTS = 1_000_000;
    static final String MAX_HEAP = "-Xmx256m";
    static final long CHILD_TIMEOUT_MINUTES = 60;
    private static final Pattern LINE = Pattern.compile("CHILD enqueued=(\\d+) heap_peak_mb=(\\d+)");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "campaign over N clients (default 1000000) in a child JVM with -Xmx256m";
    }

    @Override
    public String targets() {
        return "completes";
    }

    @Override
    public Result run(Plan plan, Progress progress) {
        int clients = plan.clientsOr(DEFAULT_CLIENTS);
        PostgresStack stack = PostgresStack.shared();
        HikariDataSource pool = stack.pool(2);
        try {
            PgBench.exec(pool, "TRUNCATE client_label, label, client CASCADE");
            PgBench.clearInvitations(pool);
            new BulkClients(PgBench.TENANT, PgBench.CREATED).load(pool, clients, 0, Optional.empty(), 1);
            progress.note("%d clients loaded; child JVM with %s runs the campaign", clients, MAX_HEAP);
            long start = System.nanoTime();
            Child child = runChild(stack);
            progress.note("child exited with %d after %.1f s: enqueued %d, heap peak %d MiB", child.exitCode(),
                    PgBench.millisSince(start) / 1000, child.enqueued(), child.heapPeakMb());
            long rows = PgBench.outboxRows(pool);
            boolean completed = child.exitCode() == 0 && child.enqueued() == clients && rows == clients;
            PgBench.exec(pool, "TRUNCATE client CASCADE");
            PgBench.clearInvitations(pool);
            progress.note("target completes: %s", completed ? "met" : "missed");
            return Result.named(NAME)
                    .with("clients", clients)
                    .with("heap_peak_mb", child.heapPeakMb())
                    .with("completed", completed);
        } finally {
            pool.close();
        }
    }

    /** What the child reported (-1 when it printed no line) and how it exited. */
    private record Child(int exitCode, long enqueued, long heapPeakMb) {
    }

    private static Child runChild(PostgresStack stack) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, MAX_HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), InviteMemoryChild.class.getName(), stack.jdbcUrl(), stack.user());
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        try {
            Process process = builder.start();
            long enqueued = -1;
            long peak = -1;
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher m = LINE.matcher(line);
                    if (m.matches()) {
                        enqueued = Long.parseLong(m.group(1));
                        peak = Long.parseLong(m.group(2));
                    }
                }
            }
            if (!process.waitFor(CHILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new BenchmarkFailure("the child JVM did not finish within " + CHILD_TIMEOUT_MINUTES + " minutes");
            }
            return new Child(process.exitValue(), enqueued, peak);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the child JVM", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure("interrupted while the child JVM ran");
        }
    }
}
