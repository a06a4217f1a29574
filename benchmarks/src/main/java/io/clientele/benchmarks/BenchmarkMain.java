package io.clientele.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The command line of {@code clientele-benchmarks.jar}: {@code java -jar
 * benchmarks/target/clientele-benchmarks.jar [--sizes N,M,...] [--warmup N] [--clients N] [--chart FILE]
 * <name>...|all}, or {@code --help}. Runs the named benchmarks in the order of {@code --help} (each once, whatever
 * the names repeat), printing one {@code RESULT} line per benchmark on stdout as soon as it
 * finishes, and progress on stderr.
 *
 * <p>Defaults: sizes 10000 and 100000, a warm-up round at the smallest size; each PostgreSQL and
 * SMTP benchmark at its own headline count unless {@code --clients} sets it; when a benchmark drew
 * figures, the chart goes to {@code performance.png} in the working directory unless {@code --chart}
 * names another file.
 * Exit codes: 0 when every benchmark ran, 1 when one failed (its work did not happen as it should,
 * or it threw; the benchmarks after it do not run), 2 for a command line it cannot follow (an
 * unknown benchmark or option, bad sizes, a {@code --clients} a selected benchmark cannot take;
 * found before any benchmark runs), with the reason and the usage on stderr. Targets are
 * reported on stderr, never by the exit code: a slow build still prints its figures.
 */
public final class BenchmarkMain {

    /** Every benchmark, in the order {@code all} runs them. */
    static final List<Benchmark> BENCHMARKS = List.of(new CoreCampaignBenchmark(), new CoreDispatchBenchmark(),
            new InviteEnqueueBenchmark(), new InviteDispatchBenchmark(), new ClientSearchBenchmark(),
            new InviteMemoryBenchmark(), new ProfileViewBenchmark());

    /** Where the chart goes unless {@code --chart} says otherwise (relative to the working directory). */
    static final Path DEFAULT_CHART = Path.of("performance.png");

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private BenchmarkMain() {
    }

    /** Runs the command line and exits with its exit code (see the class comment). */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, BENCHMARKS));
    }

    /** Runs the command line against {@code benchmarks}; answers the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err, List<Benchmark> benchmarks) {
        Command command;
        try {
            command = Command.parse(args, benchmarks);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println();
            err.print(usage(benchmarks));
            err.flush();
            return USAGE;
        }
        if (command.help()) {
            out.print(usage(benchmarks));
            out.flush();
            return OK;
        }
        Figures figures = new Figures();
        for (Benchmark benchmark : command.selected()) {
            Progress progress = new Progress(err, benchmark.name(), figures);
            progress.note("sizes %s, warm-up %d", command.plan().sizes(), command.plan().warmup());
            Result result;
            try {
                result = benchmark.run(command.plan(), progress);
            } catch (BenchmarkFailure e) {
                progress.note("failed: %s", e.getMessage());
                return FAILED;
            } catch (RuntimeException e) {
                progress.note("failed with %s", e);
                e.printStackTrace(err);
                return FAILED;
            }
            out.println(result.line());
            out.flush();
        }
        if (!figures.isEmpty()) {
            PerformanceChart.write(figures, command.chart());
            err.println("chart: " + command.chart().toAbsolutePath());
            err.flush();
        }
        return OK;
    }

    /** The {@code --help} text. */
    static String usage(List<Benchmark> benchmarks) {
        StringBuilder text = new StringBuilder();
        text.append("Usage: java -jar benchmarks/target/clientele-benchmarks.jar [options] <name>...|all\n");
        text.append("       java -jar benchmarks/target/clientele-benchmarks.jar --help\n\n");
        text.append("Build the jar (it holds the core and its dependencies) from the checkout's root with\n");
        text.append("  mvn -B -ntp package -DskipTests -pl benchmarks -am\n\n");
        text.append("Benchmarks (core-*: in-memory adapters; the others: embedded PostgreSQL 17 and GreenMail;\n");
        text.append("fixed clock, cheap Argon2id parameters):\n");
        for (Benchmark benchmark : benchmarks) {
            text.append(String.format("  %-15s %s\n", benchmark.name(), benchmark.description()));
            text.append(String.format("  %-15s target: %s\n", "", benchmark.targets()));
        }
        text.append(String.format("  %-15s every benchmark above, in this order\n", "all"));
        text.append("\nOptions:\n");
        text.append("  --sizes N,M,...  item counts of the measured rounds, strictly ascending, at least two\n");
        text.append("                   (default 10000,100000); the RESULT line reports the largest, and\n");
        text.append("                   scaling = cost per item at the largest / at the smallest\n");
        text.append("  --warmup N       items in the discarded warm-up round run first (default: the smallest\n");
        text.append("                   size; 0 skips it)\n");
        text.append("  --clients N      the headline count of the PostgreSQL and SMTP benchmarks (default: each\n");
        text.append("                   its own, see above); invite-enqueue's scaling series is 10000, N and\n");
        text.append("                   1000000 unless --sizes names other sizes; invite-dispatch takes at\n");
        text.append("                   least 10 (ten pairs of rounds; it loads twice as many clients)\n");
        text.append("  --chart FILE     where the PNG chart of the scaling series and the ratios goes (default\n");
        text.append("                   performance.png; drawn when a PostgreSQL or SMTP benchmark ran)\n");
        text.append("  --help           this text\n");
        text.append("\nOutput: one line per benchmark on stdout, for example\n");
        text.append("  RESULT name=core-campaign clients=100000 create_us=<us per client> campaign_us=<us per client> "
                + "scaling=<ratio>\n");
        text.append("  RESULT name=core-dispatch mails=100000 us_per_mail=<us per mail> scaling=<ratio>\n");
        text.append("Progress, per-size figures and whether the targets are met go to stderr. Each round runs on\n");
        text.append("fresh adapters and is timed with System.nanoTime; figures taken while other work shares the\n");
        text.append("cores are noisy.\n");
        text.append("\nExit codes: 0 ran, 1 a benchmark failed, 2 bad command line.\n");
        text.append("Example, a quick run:\n");
        text.append("  java -jar benchmarks/target/clientele-benchmarks.jar --sizes 1000,5000 all\n");
        return text.toString();
    }

    /**
     * A parsed command line: {@code --help}, or the benchmarks to run (at least one, each once, in
     * the order of the list) and the plan.
     */
    record Command(boolean help, List<Benchmark> selected, Plan plan, Path chart) {

        static Command parse(String[] args, List<Benchmark> benchmarks) {
            List<Integer> sizes = Plan.DEFAULT_SIZES;
            Integer warmup = null;
            int clients = 0;
            Path chart = DEFAULT_CHART;
            Set<String> names = new LinkedHashSet<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--help") || arg.equals("-h")) {
                    return new Command(true, List.of(), Plan.defaults(), DEFAULT_CHART);
                } else if (arg.equals("--sizes") || arg.equals("--warmup") || arg.equals("--clients")
                        || arg.equals("--chart")) {
                    if (i + 1 == args.length) {
                        throw new UsageException(arg + " needs a value");
                    }
                    String value = args[++i];
                    if (arg.equals("--sizes")) {
                        sizes = sizes(value);
                    } else if (arg.equals("--warmup")) {
                        warmup = count("--warmup", value);
                    } else if (arg.equals("--clients")) {
                        clients = positive("--clients", value);
                    } else {
                        chart = Path.of(value);
                    }
                } else if (arg.startsWith("--sizes=")) {
                    sizes = sizes(arg.substring("--sizes=".length()));
                } else if (arg.startsWith("--warmup=")) {
                    warmup = count("--warmup", arg.substring("--warmup=".length()));
                } else if (arg.startsWith("--clients=")) {
                    clients = positive("--clients", arg.substring("--clients=".length()));
                } else if (arg.startsWith("--chart=")) {
                    chart = Path.of(arg.substring("--chart=".length()));
                } else if (arg.startsWith("-")) {
                    throw new UsageException("unknown option " + arg);
                } else {
                    names.add(arg);
                }
            }
            if (names.isEmpty()) {
                throw new UsageException("name a benchmark, or all");
            }
            List<String> known = benchmarks.stream().map(Benchmark::name).toList();
            List<String> unknown = names.stream().filter(n -> !n.equals("all") && !known.contains(n)).toList();
            if (!unknown.isEmpty()) {
                throw new UsageException("unknown benchmark " + String.join(", ", unknown) + " (known: "
                        + String.join(", ", known) + ", all)");
            }
            List<Benchmark> selected = new ArrayList<>();
            for (Benchmark benchmark : benchmarks) {
                if (names.contains("all") || names.contains(benchmark.name())) {
                    selected.add(benchmark);
                }
            }
            int warm = warmup != null ? warmup : sizes.get(0);
            Plan plan = new Plan(sizes, warm, clients);
            selected.forEach(benchmark -> benchmark.check(plan));
            return new Command(false, List.copyOf(selected), plan, chart);
        }

        private static int positive(String option, String value) {
            int n = count(option, value);
            if (n < 1) {
                throw new UsageException(option + " must be at least 1");
            }
            return n;
        }

        private static List<Integer> sizes(String value) {
            List<String> parts = List.of(value.split(",", -1));
            return parts.stream().map(p -> count("--sizes", p.trim())).collect(Collectors.toList());
        }

        private static int count(String option, String value) {
            // underscores as in Java literals (100_000) read better on a command line of big numbers
            String digits = value.replace("_", "");
            if (!digits.matches("[0-9]{1,9}")) {
                throw new UsageException(option + " takes whole numbers, not '" + value + "'");
            }
            return Integer.parseInt(digits);
        }
    }
}
