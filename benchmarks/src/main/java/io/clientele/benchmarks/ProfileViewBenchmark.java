package io.clientele.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.clientele.adapter.smtp.MustacheMailComposer;
import io.clientele.benchmarks.stack.JpaStudio;
import io.clientele.benchmarks.stack.PostgresStack;
import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.credit.service.CreditIssue;
import io.clientele.credit.service.CreditService;
import io.clientele.order.service.OrderLineInput;
import io.clientele.profile.service.ProfileView;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code profile-view}: the whole profile of one client holding {@value #NOTES} notes, {@value
 * #CREDITS} credits and {@value #ORDERS} orders (made through the API beforehand, on PostgreSQL
 * through the JPA adapter), read with {@code profiles().view} {@value #SAMPLES} times after
 * {@value #WARM_CALLS} untimed calls. The statements of each view are counted by a {@link
 * CountingDataSource} between the adapter and its pool. Prints {@code RESULT name=profile-view
 * p95_ms=<p95 of a view, ms> statements=<most statements one view sent>}. Target (design section
 * 9): at most 12 statements. No baseline. Stateless.
 */
final class ProfileViewBenchmark implements Benchmark {

    static final String NAME = "profile-view";
    static final int NOTES = 50;
    static final int CREDITS = 200;
    static final int ORDERS = 100;
    static final int SAMPLES = 200;
    static final int WARM_CALLS = 50;
    static final long TARGET_STATEMENTS = 12;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the whole profile of a client with 50 notes, 200 credits and 100 orders";
    }

    @Override
    public String targets() {
        return "<= 12 SQL statements per view";
    }

    @Override
    public Result run(Plan plan, Progress progress) {
        PostgresStack stack = PostgresStack.shared();
        HikariDataSource pool = stack.pool(4);
        CountingDataSource counting = new CountingDataSource(pool);
        try (JpaStudio studio = JpaStudio.on(counting, PgBench.NO_SEND, MustacheMailComposer.withDefaults(),
                PgBench.CLOCK, UnaryOperator.identity())) {
            PgBench.exec(pool, "TRUNCATE client CASCADE");
            PgBench.clearInvitations(pool);
            Client client = seed(studio);
            List<Double> samples = PgBench.samples();
            long most = 0;
            for (int call = -WARM_CALLS; call < SAMPLES; call++) {
                long before = counting.statements();
                long start = System.nanoTime();
                ProfileView view = studio.clientele().profiles().view(PgBench.OWNER, PgBench.TENANT, client.id());
                double ms = PgBench.millisSince(start);
                long statements = counting.statements() - before;
                if (!view.client().id().equals(client.id())) {
                    throw new BenchmarkFailure("the view showed another client");
                }
                if (call >= 0) {
                    samples.add(ms);
                    most = Math.max(most, statements);
                }
            }
            progress.note("view: %s, at most %d statements", PgBench.describe(samples), most);
            progress.note("target <= %d statements: %s", TARGET_STATEMENTS, most <= TARGET_STATEMENTS ? "met" : "missed");
            PgBench.exec(pool, "TRUNCATE client CASCADE");
            return Result.named(NAME)
                    .withMillis("p95_ms", PgBench.percentile(samples, 95))
                    .with("statements", most);
        } finally {
            pool.close();
        }
    }

    /** The client, with its notes, credits and orders, made through the API (not timed). */
    private static Client seed(JpaStudio studio) {
        var clientele = studio.clientele();
        Client client = clientele.clients().create(PgBench.OWNER, PgBench.TENANT,
                ClientDetails.named("Ana", "Lopez").withEmail("ana@studio.example"));
        for (int i = 0; i < NOTES; i++) {
            clientele.notes().add(PgBench.OWNER, PgBench.TENANT, client.id(), "Note " + i + ": prefers morning classes");
        }
        for (int issued = 0; issued < CREDITS; issued += CreditService.MAX_MANUAL_ISSUE) {
            clientele.credits().issueMembershipCredits(PgBench.OWNER, PgBench.TENANT, client.id(),
                    CreditIssue.of(Math.min(CreditService.MAX_MANUAL_ISSUE, CREDITS - issued), "welcome pack"));
        }
        for (int i = 0; i < ORDERS; i++) {
            clientele.orders().place(PgBench.OWNER, PgBench.TENANT, client.id(), List.of(
                    OrderLineInput.bookingReference("booking-" + i, "Yoga class", "EUR", new BigDecimal("12.00"))));
        }
        return client;
    }
}
