package io.clientele.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Each core benchmark, run through the command line at a few dozen items: it does its work (it
 * fails with exit code 1 otherwise) and prints one result line in the documented format. Timing is
 * never checked here (design section 9): the jar measures it.
 */
class CoreBenchmarksSmokeTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return BenchmarkMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), BenchmarkMain.BENCHMARKS);
    }

    @Test
    void core_campaign_prints_exactly_one_result_line_with_create_and_campaign_costs_and_scaling() {
        int code = run("--sizes", "6,15", "--warmup", "3", "core-campaign");

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                .matches("RESULT name=core-campaign clients=15 create_us=\\d+\\.\\d campaign_us=\\d+\\.\\d "
                        + "scaling=\\d+\\.\\d\\d");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("core-campaign: warm-up round at 3 clients")
                .contains("core-campaign: 6 clients: create ").contains("core-campaign: 15 clients: create ");
    }

    @Test
    void core_dispatch_prints_exactly_one_result_line_with_its_cost_per_mail_and_scaling() {
        int code = run("--sizes", "6,15", "--warmup", "3", "core-dispatch");

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                .matches("RESULT name=core-dispatch mails=15 us_per_mail=\\d+\\.\\d scaling=\\d+\\.\\d\\d");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("core-dispatch: warm-up round at 3 mails")
                .contains("core-dispatch: 6 mails: dispatch ").contains("core-dispatch: 15 mails: dispatch ");
    }
}
