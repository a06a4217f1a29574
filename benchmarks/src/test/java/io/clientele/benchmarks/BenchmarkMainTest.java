package io.clientele.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line, on benchmarks that only record how they were called (no timing is checked). */
class BenchmarkMainTest {

    /** A benchmark that records the plans it ran with and answers a fixed line, or fails when told. */
    private static final class Recorder implements Benchmark {

        final String name;
        final boolean fails;
        final List<Plan> runs = new ArrayList<>();

        Recorder(String name, boolean fails) {
            this.name = name;
            this.fails = fails;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "records its runs";
        }

        @Override
        public String targets() {
            return "none";
        }

        @Override
        public Result run(Plan plan, Progress progress) {
            runs.add(plan);
            progress.note("running");
            if (fails) {
                throw new BenchmarkFailure("2 mails enqueued for 3 clients");
            }
            return Result.named(name).with("items", plan.largest());
        }
    }

    private final Recorder first = new Recorder("first", false);
    private final Recorder second = new Recorder("second", false);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(List<Benchmark> benchmarks, String... args) {
        return BenchmarkMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), benchmarks);
    }

    private int run(String... args) {
        return run(List.of(first, second), args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void an_unknown_benchmark_name_is_refused_with_exit_code_2_and_nothing_runs() {
        int code = run("first", "core-campaing");

        assertThat(code).isEqualTo(2);
        assertThat(first.runs).isEmpty();
        assertThat(out()).isEmpty();
        assertThat(err()).contains("unknown benchmark core-campaing (known: first, second, all)").contains("Usage:");
    }

    @Test
    void an_unknown_option_or_a_missing_name_is_refused_with_exit_code_2() {
        assertThat(run("--size", "10,20", "first")).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
        assertThat(run("--sizes")).isEqualTo(2);

        assertThat(first.runs).isEmpty();
        assertThat(err()).contains("unknown option --size").contains("name a benchmark, or all")
                .contains("--sizes needs a value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"100", "100,100", "200,100", "0,100", "10,x", "10,,20", "-5,10", "10,20000000000"})
    void sizes_that_are_not_at_least_two_ascending_whole_numbers_are_refused_with_exit_code_2(String sizes) {
        assertThat(run("--sizes", sizes, "first")).isEqualTo(2);
        assertThat(first.runs).isEmpty();
        assertThat(err()).startsWith("error: --sizes");
    }

    @Test
    void help_prints_the_usage_with_every_benchmark_on_stdout_and_exits_0() {
        int code = run("--help");

        assertThat(code).isZero();
        assertThat(out()).contains("java -jar benchmarks/target/clientele-benchmarks.jar [options] <name>...|all")
                .contains("  first           records its runs").contains("  second          records its runs")
                .contains("--sizes N,M,...").contains("--warmup N").contains("Exit codes: 0 ran, 1 a benchmark failed");
        assertThat(first.runs).isEmpty();
        assertThat(err()).isEmpty();
    }

    @Test
    void help_of_the_jar_names_both_core_benchmarks_and_their_result_lines() {
        run(BenchmarkMain.BENCHMARKS, "--help");

        assertThat(out()).contains("  core-campaign   create N clients")
                .contains("target: campaign <= 15 us per client, scaling <= 1.3").contains("  core-dispatch   dispatch N")
                .contains("target: <= 30 us per mail, scaling <= 1.3")
                .contains("RESULT name=core-campaign clients=100000 create_us=")
                .contains("RESULT name=core-dispatch mails=100000 us_per_mail=");
    }

    @Test
    void all_runs_every_benchmark_once_in_the_listed_order_with_one_result_line_each() {
        int code = run("second", "all", "second");

        assertThat(code).isZero();
        assertThat(first.runs).hasSize(1);
        assertThat(second.runs).hasSize(1);
        assertThat(out()).isEqualTo("RESULT name=first items=100000\nRESULT name=second items=100000\n"
                .replace("\n", System.lineSeparator()));
        assertThat(err()).contains("first: running").contains("second: running");
    }

    @Test
    void without_options_the_rounds_are_10k_and_100k_after_a_warm_up_at_10k() {
        run("first");

        assertThat(first.runs).containsExactly(new Plan(List.of(10_000, 100_000), 10_000));
        assertThat(second.runs).isEmpty();
    }

    @Test
    void sizes_override_the_rounds_and_the_warm_up_follows_the_smallest_unless_set() {
        run("--sizes", "1000,5_000,20000", "first");
        run("--sizes=30,60", "--warmup=0", "second");

        assertThat(first.runs).containsExactly(new Plan(List.of(1_000, 5_000, 20_000), 1_000));
        assertThat(second.runs).containsExactly(new Plan(List.of(30, 60), 0));
        assertThat(out()).contains("RESULT name=first items=20000").contains("RESULT name=second items=60");
    }

    @Test
    void a_benchmark_whose_work_was_not_done_exits_with_code_1_prints_no_result_and_stops_the_run() {
        Recorder failing = new Recorder("failing", true);

        int code = run(List.of(failing, first), "all");

        assertThat(code).isEqualTo(1);
        assertThat(out()).isEmpty();
        assertThat(first.runs).isEmpty();
        assertThat(err()).contains("failing: failed: 2 mails enqueued for 3 clients");
    }
}
