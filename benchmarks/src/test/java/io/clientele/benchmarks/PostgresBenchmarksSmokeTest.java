package io.clientele.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each benchmark on PostgreSQL and SMTP, run through the command line at a few hundred clients:
 * it does its work (it fails with exit code 1 otherwise), prints one result line with the keys of
 * issue 12 in their order, and draws the chart. Timing is never checked here (design section 9).
 */
class PostgresBenchmarksSmokeTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path folder;

    private String run(String... args) {
        int code = BenchmarkMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), BenchmarkMain.BENCHMARKS);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(1);
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void invite_enqueue_compares_ours_with_both_baselines_at_the_headline_count_and_draws_the_series()
            throws IOException {
        Path chart = folder.resolve("charts/performance.png");

        String line = run("--clients", "300", "--sizes", "100,500", "--warmup", "50", "--chart", chart.toString(),
                "invite-enqueue");

        assertThat(line).matches("RESULT name=invite-enqueue clients=300 us_per_client=\\d+\\.\\d ratio=\\d+\\.\\d\\d "
                + "ratio_handwritten=\\d+\\.\\d\\d scaling=\\d+\\.\\d\\d ratio_outbox_only=\\d+\\.\\d\\d");
        assertThat(err()).contains("invite-enqueue: 300 clients, round 1: ours ").contains("(outbox rows only ")
                .contains("invite-enqueue: 300 clients, round 2: ours ").contains("invite-enqueue: 100 clients: ours ")
                .contains("invite-enqueue: 500 clients: ours ").contains("chart: " + chart.toAbsolutePath());
        byte[] png = Files.readAllBytes(chart);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void invite_dispatch_delivers_every_mail_on_one_smtp_connection_per_batch_of_100_in_ten_pairs() {
        String line = run("--clients", "1000", "--warmup", "20", "--chart", folder.resolve("c.png").toString(),
                "invite-dispatch");

        // 1,000 mails in ten pairs of one dispatch batch of 100, as many one after the other
        Matcher m = Pattern.compile("RESULT name=invite-dispatch mails=1000 us_per_mail=\\d+\\.\\d ratio=\\d+\\.\\d\\d "
                + "ratio_handwritten=\\d+\\.\\d\\d connections_per_100=(\\d+\\.\\d\\d) limit_us_per_mail=\\d+\\.\\d "
                + "ratio_min=\\d+\\.\\d\\d ratio_max=\\d+\\.\\d\\d ratio_sequential=\\d+\\.\\d\\d").matcher(line);
        assertThat(m.matches()).as(line).isTrue();
        // each batch of 100 on one connection (give or take the spare opened after the last one)
        assertThat(Double.parseDouble(m.group(1))).isBetween(0.9, 1.1);
        assertThat(err()).contains("warm-up pair at 20 mails")
                .contains("invite-dispatch: pair 1 of 10, 100 mails: ours ")
                .contains("invite-dispatch: pair 10 of 10, 100 mails: ours ")
                .contains("batches one after the other").contains("hand-written").contains("over 10 mails")
                .contains("invite-dispatch: over all pairs: ours ")
                .contains("ratio: median of 10 pairs' ");
    }

    @Test
    void invite_dispatch_refuses_too_few_mails_for_its_pairs_before_any_benchmark_runs() {
        int code = BenchmarkMain.run(new String[] {"--clients", "9", "all"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                BenchmarkMain.BENCHMARKS);

        assertThat(code).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err()).startsWith("error: invite-dispatch spreads its mails over 10 pairs of rounds and loads "
                + "twice as many clients: --clients must be from 10 to 1073741823, was 9")
                .doesNotContain("core-campaign:");
    }

    @Test
    void the_median_is_the_middle_value_or_the_mean_of_the_middle_two() {
        assertThat(InviteDispatchBenchmark.median(new double[] {3.0, 1.0, 2.0})).isEqualTo(2.0);
        assertThat(InviteDispatchBenchmark.median(new double[] {4.0, 1.0, 3.0, 2.0})).isEqualTo(2.5);
        assertThat(InviteDispatchBenchmark.median(new double[] {7.0})).isEqualTo(7.0);
        assertThatThrownBy(() -> InviteDispatchBenchmark.median(new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void client_search_measures_pages_by_status_and_label_at_every_depth_and_text_searches() {
        String line = run("--clients", "600", "--chart", folder.resolve("c.png").toString(), "client-search");

        assertThat(line).matches("RESULT name=client-search clients=600 p95_page_ms=\\d+\\.\\d p95_search_ms=\\d+\\.\\d "
                + "p50_page_ms=\\d+\\.\\d p99_page_ms=\\d+\\.\\d p50_search_ms=\\d+\\.\\d p99_search_ms=\\d+\\.\\d");
        assertThat(err()).contains("status page 1: p50").contains("status page 100: p50")
                .contains("label page 10000: p50").contains("text search: p50")
                .contains("text search by a whole last name: p50").contains("text search by an address's start: p50")
                .contains("depth 10000: 1 pages to the end of the list, measured on those");
    }

    @Test
    void invite_memory_runs_the_campaign_in_a_child_jvm_with_256_mb_and_reports_it_completed() {
        String line = run("--clients", "300", "invite-memory");

        assertThat(line).matches("RESULT name=invite-memory clients=300 heap_peak_mb=\\d+ completed=true");
        assertThat(err()).contains("enqueued 300");
    }

    @Test
    void profile_view_reads_the_whole_profile_within_the_designed_twelve_statements() {
        String line = run("profile-view");

        assertThat(line).matches("RESULT name=profile-view p95_ms=\\d+\\.\\d statements=\\d+");
        long statements = Long.parseLong(line.substring(line.lastIndexOf('=') + 1));
        assertThat(statements).isBetween(1L, 12L);
    }
}
