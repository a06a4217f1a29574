package io.clientele.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.clientele.adapter.smtp.MustacheMailComposer;
import io.clientele.benchmarks.stack.CountingProxy;
import io.clientele.benchmarks.stack.JpaStudio;
import io.clientele.benchmarks.stack.PostgresStack;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.TenantId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The parts the PostgreSQL and SMTP benchmarks stand on: options, the counting proxy and data source, the loader. */
class PostgresBenchmarkPartsTest {

    /** Records the plans it ran with. */
    private static final class Recorder implements Benchmark {

        final List<Plan> runs = new ArrayList<>();

        @Override
        public String name() {
            return "recorder";
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
            return Result.named(name()).with("clients", plan.clientsOr(7));
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(List<Benchmark> benchmarks, String... args) {
        return BenchmarkMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), benchmarks);
    }

    @Test
    void clients_sets_the_headline_count_and_without_it_each_benchmark_keeps_its_own_default() {
        Recorder recorder = new Recorder();

        assertThat(run(List.of(recorder), "--clients", "250_000", "recorder")).isZero();
        assertThat(run(List.of(recorder), "--clients=40", "recorder")).isZero();
        assertThat(run(List.of(recorder), "recorder")).isZero();

        assertThat(recorder.runs).extracting(Plan::clients).containsExactly(250_000, 40, 0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("RESULT name=recorder clients=250000")
                .contains("RESULT name=recorder clients=40").contains("RESULT name=recorder clients=7");
    }

    @Test
    void clients_that_is_not_a_positive_whole_number_is_refused_with_exit_code_2() {
        Recorder recorder = new Recorder();

        assertThat(run(List.of(recorder), "--clients", "0", "recorder")).isEqualTo(2);
        assertThat(run(List.of(recorder), "--clients", "ten", "recorder")).isEqualTo(2);
        assertThat(run(List.of(recorder), "recorder", "--clients")).isEqualTo(2);

        assertThat(recorder.runs).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--clients must be at least 1")
                .contains("--clients takes whole numbers, not 'ten'").contains("--clients needs a value");
    }

    @Test
    void a_run_whose_benchmarks_drew_no_figures_writes_no_chart() {
        assertThat(run(List.of(new Recorder()), "--chart", "never-written.png", "recorder")).isZero();

        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("chart:");
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("never-written.png"))).isFalse();
    }

    @Test
    void help_of_the_jar_names_every_postgresql_and_smtp_benchmark_with_its_target_and_the_new_options() {
        run(BenchmarkMain.BENCHMARKS, "--help");

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("  invite-enqueue  campaign over N clients").contains("target: ratio (throughput vs JDBC")
                .contains("  invite-dispatch dispatch N invitation mails").contains("<= 2 connections per 100 mails")
                .contains("  client-search   N clients").contains("  invite-memory   campaign over N clients")
                .contains("  profile-view    the whole profile").contains("--clients N").contains("--chart FILE");
    }

    @Test
    void the_counting_proxy_counts_each_connection_and_carries_the_bytes_both_ways() throws IOException {
        try (ServerSocket echo = echo(2); CountingProxy proxy = CountingProxy.to(echo.getLocalPort())) {
            for (String word : List.of("hello", "world")) {
                assertThat(roundTrip(proxy, word)).isEqualTo(word);
            }
            assertThat(proxy.connections()).isEqualTo(2);
            proxy.reset();
            assertThat(proxy.connections()).isZero();
        }
    }

    @Test
    void the_counting_proxy_with_an_answer_delay_holds_the_servers_answer_back_that_long() throws IOException {
        try (ServerSocket echo = echo(1);
                CountingProxy proxy = CountingProxy.to(echo.getLocalPort(), Duration.ofMillis(300))) {
            long start = System.nanoTime();

            assertThat(roundTrip(proxy, "hello")).isEqualTo("hello");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
        assertThatThrownBy(() -> CountingProxy.to(1, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("answerDelay must not be negative");
    }

    /** A server that echoes the first five bytes of each of its first {@code connections} connections. */
    private static ServerSocket echo(int connections) throws IOException {
        ServerSocket echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread server = new Thread(() -> {
            for (int i = 0; i < connections; i++) {
                try (Socket s = echo.accept(); InputStream in = s.getInputStream(); OutputStream o = s.getOutputStream()) {
                    o.write(in.readNBytes(5));
                    o.flush();
                } catch (IOException e) {
                    return;
                }
            }
        });
        server.start();
        return echo;
    }

    /** Sends five-letter {@code word} on a new connection through {@code proxy}; answers what came back. */
    private static String roundTrip(CountingProxy proxy, String word) throws IOException {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            client.getOutputStream().write(word.getBytes(StandardCharsets.US_ASCII));
            return new String(client.getInputStream().readNBytes(5), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void the_counting_data_source_counts_every_statement_sent_and_a_batch_once() throws SQLException {
        HikariDataSource pool = PostgresStack.shared().pool(1);
        try {
            CountingDataSource counting = new CountingDataSource(pool);
            try (Connection c = counting.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                    s.executeQuery("SELECT 2").close();
                }
                try (PreparedStatement p = c.prepareStatement("SELECT ?::int")) {
                    p.setInt(1, 3);
                    p.executeQuery().close();
                    p.addBatch();
                    p.addBatch();
                    p.executeBatch();
                }
                c.rollback();
            }
            assertThat(counting.statements()).isEqualTo(4);
        } finally {
            pool.close();
        }
    }

    @Test
    void a_bulk_loaded_client_has_the_sort_key_and_search_text_the_adapter_writes_for_the_same_client()
            throws SQLException {
        PostgresStack stack = PostgresStack.shared();
        HikariDataSource pool = stack.pool(2);
        TenantId loaded = TenantId.of("bulk-loaded");
        TenantId created = TenantId.of("bulk-created");
        try (JpaStudio studio = JpaStudio.on(pool, PgBench.NO_SEND, MustacheMailComposer.withDefaults(),
                Clock.systemUTC(), UnaryOperator.identity())) {
            new BulkClients(loaded, PgBench.CREATED).load(pool, 120, 0, Optional.empty(), 1);
            studio.clientele().clients().create(JpaStudio.owner(created), created,
                    ClientDetails.named(BulkClients.firstName(102), BulkClients.lastName(102))
                            .withEmail(BulkClients.email(102)));

            try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(
                    "SELECT sort_key, search_text FROM client WHERE tenant_id = ? AND email = ?")) {
                Object[] ofLoaded = row(s, loaded.value(), "c102@studio.example");
                Object[] ofCreated = row(s, created.value(), "c102@studio.example");
                c.rollback();
                assertThat((byte[]) ofLoaded[0]).isEqualTo((byte[]) ofCreated[0]);
                assertThat(ofLoaded[1]).isEqualTo(ofCreated[1]);
            }
        } finally {
            PgBench.exec(pool, "DELETE FROM client WHERE tenant_id IN ('bulk-loaded', 'bulk-created')");
            pool.close();
        }
    }

    private static Object[] row(PreparedStatement s, String tenant, String email) throws SQLException {
        s.setString(1, tenant);
        s.setString(2, email);
        try (ResultSet r = s.executeQuery()) {
            assertThat(r.next()).isTrue();
            return new Object[] {r.getBytes(1), r.getString(2)};
        }
    }
}
