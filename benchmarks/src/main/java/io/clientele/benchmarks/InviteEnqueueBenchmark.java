package io.clientele.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.clientele.adapter.smtp.MustacheMailComposer;
import io.clientele.benchmarks.stack.JpaStudio;
import io.clientele.benchmarks.stack.PostgresStack;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * {@code invite-enqueue}: a campaign over every client of a studio, created and run to completion
 * through the JPA adapter on embedded PostgreSQL 17 (chunks of 500: read, lock, check eligibility,
 * write outbox rows and audit entries, advance the campaign), timed per client. The clients are
 * loaded beforehand with {@link BulkClients} (COPY; not timed).
 *
 * <p>At the headline count N ({@code --clients}, default 100,000) two rounds of each path run in
 * turn (ours, limit, limit on the outbox alone, hand-written, twice), each on emptied tables holding
 * another studio's history ({@link PgBench#seedHistory}), and the faster round of each counts:
 * <ul>
 *   <li>the <b>limit</b>: the same rows our campaign writes per client (design section 9: "raw JDBC
 *       batch inserts of the same rows"): its outbox row (same columns, same subject and message),
 *       its audit entry and the entry's change naming the campaign, written with plain JDBC batch
 *       inserts ({@code reWriteBatchedInserts}), 500 clients' rows per batch and commit; and, for
 *       comparison, the outbox rows alone ({@code ratio_outbox_only});
 *   <li>the <b>hand-written</b> host: one Hibernate {@code persist} and commit per client of a tiny
 *       entity in a persistence unit of its own ({@link HandWrittenHost}), over the first
 *       {@value #HAND_WRITTEN_CAP} clients at most (a commit per row costs the same at any size, and
 *       100,000 of them would take minutes), compared per client.
 * </ul>
 * The ratios are throughputs: {@code ratio} = limit's µs per client / ours (0.5: ours writes at half
 * the limit's speed; target >= 0.5), {@code ratio_handwritten} = hand-written µs per client / ours
 * (above 1: ours is faster), {@code ratio_outbox_only} = the outbox-only limit's / ours. The scaling series runs ours once more at 10,000 and 1,000,000 clients
 * (or at {@code --sizes}), {@code scaling} = µs per client at the largest / at the smallest (target
 * <= 1.3). Prints {@code RESULT name=invite-enqueue clients=<N> us_per_client=<..> ratio=<..>
 * ratio_handwritten=<..> scaling=<..> ratio_outbox_only=<..>}. Stateless.
 */
final class InviteEnqueueBenchmark implements Benchmark {

    static final String NAME = "invite-enqueue";
    static final int DEFAULT_CLIENTS = 100_000;
    static final List<Integer> DEFAULT_SERIES = List.of(10_000, 1_000_000);
    static final int HAND_WRITTEN_CAP = 20_000;
    static final int LIMIT_BATCH = 500;
    static final double TARGET_RATIO = 0.5;
    static final double TARGET_SCALING = 1.3;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "campaign over N clients (default 100000) through the JPA adapter, vs JDBC batches and persist+commit";
    }

    @Override
    public String targets() {
        return "ratio (throughput vs JDBC batch inserts) >= 0.5, scaling 10k..1M <= 1.3";
    }

    @Override
    public Result run(Plan plan, Progress progress) {
        int headline = plan.clientsOr(DEFAULT_CLIENTS);
        TreeSet<Integer> sizes = new TreeSet<>(plan.defaultSizes() ? DEFAULT_SERIES : plan.sizes());
        sizes.add(headline);
        PostgresStack stack = PostgresStack.shared();
        HikariDataSource pool = stack.pool(4);
        try (HandWrittenHost hand = new HandWrittenHost(pool)) {
            if (plan.warmup() > 0) {
                progress.note("warm-up round at %d clients (every path once)", plan.warmup());
                load(pool, plan.warmup());
                headlineRounds(pool, hand, plan.warmup(), 1, progress);
            }
            List<Round> series = new ArrayList<>();
            Headline measured = null;
            for (int size : sizes) {
                load(pool, size);
                if (size == headline) {
                    measured = headlineRounds(pool, hand, size, 2, progress);
                    series.add(measured.ours());
                } else {
                    clear(pool);
                    System.gc();
                    Round ours = ours(pool, size);
                    series.add(ours);
                    progress.note("%d clients: ours %.1f us per client", size, ours.microsPerItem());
                }
                progress.figures().point("invite-enqueue (ours)", size, series.get(series.size() - 1).microsPerItem());
            }
            PgBench.exec(pool, "TRUNCATE client_label, label, client CASCADE");
            clear(pool);
            double ratio = measured.limit().microsPerItem() / measured.ours().microsPerItem();
            double ratioOutbox = measured.outboxOnly().microsPerItem() / measured.ours().microsPerItem();
            double ratioHand = measured.hand().microsPerItem() / measured.ours().microsPerItem();
            double scaling = Round.scaling(series);
            progress.figures().point("invite-enqueue limit (JDBC batches)", headline,
                    measured.limit().microsPerItem());
            progress.figures().point("invite-enqueue limit, outbox rows only", headline,
                    measured.outboxOnly().microsPerItem());
            progress.figures().point("invite-enqueue hand-written (persist+commit)", measured.hand().items(),
                    measured.hand().microsPerItem());
            progress.figures().ratio("invite-enqueue / limit", ratio);
            progress.figures().ratio("invite-enqueue / hand-written", ratioHand);
            progress.note("target ratio >= %.1f: %s; target scaling <= %.1f: %s", TARGET_RATIO,
                    ratio >= TARGET_RATIO ? "met" : "missed", TARGET_SCALING, scaling <= TARGET_SCALING ? "met" : "missed");
            return Result.named(NAME)
                    .with("clients", headline)
                    .withMicros("us_per_client", measured.ours().microsPerItem())
                    .withRatio("ratio", ratio)
                    .withRatio("ratio_handwritten", ratioHand)
                    .withRatio("scaling", scaling)
                    .withRatio("ratio_outbox_only", ratioOutbox);
        } finally {
            pool.close();
        }
    }

    /** The best round of each path at the headline count. */
    private record Headline(Round ours, Round limit, Round hand, Round outboxOnly) {
    }

    private static Headline headlineRounds(DataSource pool, HandWrittenHost hand, int size, int repetitions,
            Progress progress) {
        Round ours = null;
        Round limit = null;
        Round handWritten = null;
        Round outboxOnly = null;
        for (int rep = 0; rep < repetitions; rep++) {
            clear(pool);
            System.gc();
            Round o = ours(pool, size);
            Template template = template(pool);
            clear(pool);
            System.gc();
            Round l = limit(pool, size, template, false);
            clear(pool);
            System.gc();
            Round b = limit(pool, size, template, true);
            clear(pool);
            System.gc();
            Round h = handWritten(pool, hand, Math.min(size, HAND_WRITTEN_CAP), template);
            progress.note("%d clients, round %d: ours %.1f, limit %.1f (outbox rows only %.1f), hand-written %.1f"
                    + " us per client (%d clients)", size, rep + 1, o.microsPerItem(), l.microsPerItem(),
                    b.microsPerItem(), h.microsPerItem(), h.items());
            ours = faster(ours, o);
            limit = faster(limit, l);
            outboxOnly = faster(outboxOnly, b);
            handWritten = faster(handWritten, h);
        }
        return new Headline(ours, limit, handWritten, outboxOnly);
    }

    private static Round faster(Round best, Round next) {
        return best == null || next.microsPerItem() < best.microsPerItem() ? next : best;
    }

    private static void load(DataSource pool, int size) {
        PgBench.exec(pool, "TRUNCATE client_label, label, client CASCADE");
        clear(pool);
        new BulkClients(PgBench.TENANT, PgBench.CREATED).load(pool, size, 0, Optional.empty(), 1);
    }

    private static void clear(DataSource pool) {
        // emptied, then holding another studio's history, analysed (see PgBench.seedHistory)
        PgBench.clearInvitations(pool);
        HandWrittenHost.clear(pool);
    }

    /** Ours: a campaign over every client, created and run through Clientele on a fresh JPA studio. */
    static Round ours(DataSource pool, int size) {
        try (JpaStudio studio = JpaStudio.on(pool, PgBench.NO_SEND, MustacheMailComposer.withDefaults(),
                PgBench.CLOCK, UnaryOperator.identity())) {
            Round.Timed<Campaign> run = Round.time(size, () -> {
                Campaign campaign = studio.clientele().campaigns().create(PgBench.OWNER, PgBench.TENANT,
                        new CampaignTarget.AllClients());
                return studio.clientele().campaigns().run(PgBench.OWNER, PgBench.TENANT, campaign.id(), c -> {
                });
            });
            long rows = PgBench.outboxRows(pool);
            if (run.value().progress().enqueued() != size || rows != size) {
                throw new BenchmarkFailure("the campaign over " + size + " clients enqueued "
                        + run.value().progress().enqueued() + " mails and the outbox holds " + rows);
            }
            return run.round();
        }
    }

    /** The language, subject and message our campaign wrote, for the baselines to write the same. */
    private record Template(String language, String subject, String message, UUID campaign) {
    }

    private static Template template(DataSource pool) {
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT language, subject, message, campaign_id FROM outbox WHERE tenant_id = ?"
                        + " AND status = 'PENDING' LIMIT 1")) {
            s.setString(1, PgBench.TENANT.value());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                Template t = new Template(r.getString(1), r.getString(2), r.getString(3),
                        r.getObject(4, UUID.class));
                c.commit();
                return t;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read an outbox row", e);
        }
    }

    /**
     * The limit: the same rows our campaign writes for each client (its outbox row, its audit entry
     * and the entry's change naming the campaign), JDBC batch inserts of {@value #LIMIT_BATCH}
     * clients' rows, a commit each. With {@code outboxOnly}, only the outbox rows.
     */
    private static Round limit(DataSource pool, int size, Template template, boolean outboxOnly) {
        BulkClients clients = new BulkClients(PgBench.TENANT, PgBench.CREATED);
        OffsetDateTime now = OffsetDateTime.ofInstant(PgBench.CLOCK.instant(), ZoneOffset.UTC);
        String tenant = PgBench.TENANT.value();
        String actor = PgBench.OWNER.describe();
        String campaign = template.campaign().toString();
        Round round;
        try (Connection c = pool.getConnection();
                PreparedStatement outbox = c.prepareStatement("INSERT INTO outbox (tenant_id, id, client_id, kind,"
                        + " campaign_id, recipient, language, subject, message, status, attempts, created_at,"
                        + " next_attempt_at) VALUES (?, ?, ?, 'INVITATION', ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)");
                PreparedStatement entry = c.prepareStatement("INSERT INTO audit_entry (tenant_id, id, client_id,"
                        + " actor, action, occurred_at) VALUES (?, ?, ?, ?, 'INVITATION_ENQUEUED', ?)");
                PreparedStatement change = c.prepareStatement("INSERT INTO audit_change (tenant_id, entry_id,"
                        + " position, client_id, field, before_value, after_value, personal)"
                        + " VALUES (?, ?, 0, ?, 'campaign', NULL, ?, false)")) {
            long start = System.nanoTime();
            for (int i = 0; i < size; i++) {
                UUID client = clients.id(i);
                outbox.setString(1, tenant);
                outbox.setObject(2, UUID.randomUUID());
                outbox.setObject(3, client);
                outbox.setObject(4, template.campaign());
                outbox.setString(5, BulkClients.email(i));
                outbox.setString(6, template.language());
                outbox.setString(7, template.subject());
                outbox.setString(8, template.message());
                outbox.setObject(9, now);
                outbox.setObject(10, now);
                outbox.addBatch();
                if (!outboxOnly) {
                    UUID id = UUID.randomUUID();
                    entry.setString(1, tenant);
                    entry.setObject(2, id);
                    entry.setObject(3, client);
                    entry.setString(4, actor);
                    entry.setObject(5, now);
                    entry.addBatch();
                    change.setString(1, tenant);
                    change.setObject(2, id);
                    change.setObject(3, client);
                    change.setString(4, campaign);
                    change.addBatch();
                }
                if ((i + 1) % LIMIT_BATCH == 0 || i + 1 == size) {
                    outbox.executeBatch();
                    if (!outboxOnly) {
                        entry.executeBatch();
                        change.executeBatch();
                    }
                    c.commit();
                }
            }
            round = new Round(size, System.nanoTime() - start);
        } catch (SQLException e) {
            throw new IllegalStateException("the limit's inserts failed", e);
        }
        long rows = PgBench.outboxRows(pool);
        if (rows != size) {
            throw new BenchmarkFailure("the limit wrote " + rows + " outbox rows for " + size + " clients");
        }
        return round;
    }

    private static Round handWritten(DataSource pool, HandWrittenHost hand, int size, Template template) {
        Round.Timed<Integer> run = Round.time(size, () -> hand.invite(PgBench.TENANT.value(), size,
                template.subject(), template.message(), PgBench.CLOCK.instant()));
        long rows = PgBench.count(pool, "SELECT count(*) FROM bench_hand_invite");
        if (run.value() != size || rows != size) {
            throw new BenchmarkFailure("the hand-written host wrote " + rows + " rows for " + size + " clients");
        }
        return run.round();
    }
}
