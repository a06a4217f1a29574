package io.clientele.benchmarks;

import io.clientele.common.Actor;
import io.clientele.common.TenantId;
import io.clientele.mail.model.SendResult;
import io.clientele.mail.port.MailSender;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * What the benchmarks on PostgreSQL share: the studio they act in, its owner, the fixed clock,
 * plain SQL for setting up and checking rounds (never part of a timed step), and percentiles.
 * Stateless.
 */
final class PgBench {

    /** The studio every PostgreSQL benchmark acts in. */
    static final TenantId TENANT = TenantId.of("bench-studio");
    /** Its owner, holding every permission. */
    static final Actor.Staff OWNER = Actor.Staff.owner("bench-owner", TENANT);
    /** When the loaded clients were created. */
    static final Instant CREATED = Instant.parse("2025-03-01T09:00:00Z");
    /** The benchmarks' clock, fixed a day later: every enqueued mail is due at once. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-02T09:00:00Z"), ZoneOffset.UTC);
    /** A sender for the benchmarks that only enqueue: answers every mail sent, sends nothing. */
    static final MailSender NO_SEND = batch -> batch.stream().map(m -> (SendResult) new SendResult.Sent(m.id()))
            .toList();

    private PgBench() {
    }

    /** Runs {@code sql}, statements separated by semicolons, each committed on its own. */
    static void exec(DataSource database, String sql) {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            boolean autoCommit = c.getAutoCommit();
            // each statement on its own: VACUUM may not run inside a transaction
            c.setAutoCommit(true);
            try {
                for (String statement : sql.split(";")) {
                    if (!statement.isBlank()) {
                        s.execute(statement);
                    }
                }
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("statement failed: " + sql, e);
        }
    }

    /** The number a {@code SELECT count(*) ...} answers. */
    static long count(DataSource database, String sql) {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            long n = r.getLong(1);
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return n;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }

    /** How many pending outbox rows the benchmarks' studio has (the seeded history was sent). */
    static long outboxRows(DataSource database) {
        return count(database, "SELECT count(*) FROM outbox WHERE tenant_id = '" + TENANT.value()
                + "' AND status = 'PENDING'");
    }

    /** Empties what an invitation round writes (outbox, tokens, campaigns, audit), keeping the clients. */
    static void clearInvitations(DataSource database) {
        exec(database, "TRUNCATE outbox, token, campaign_client, campaign, audit_change, audit_entry");
        exec(database, "UPDATE client SET invitation_status = 'ADDED' WHERE invitation_status <> 'ADDED'");
        seedHistory(database);
    }

    /** How many other studios {@link #seedHistory} writes a history for. */
    static final int HISTORY_STUDIOS = 50;
    /** How many sent invitations, with their audit entries, each of them has. */
    static final int HISTORY_ROWS_PER_STUDIO = 400;
    /** Every how many of the benchmarks' own clients had an invitation a year ago. */
    static final int OWN_HISTORY_EVERY = 10;

    /**
     * Writes a history into the emptied tables and analyses them, so that every round starts on
     * tables whose statistics look like a database in use: {@value #HISTORY_STUDIOS} other studios
     * with {@value #HISTORY_ROWS_PER_STUDIO} sent invitations each (their audit entries and changes
     * too), and for every {@value #OWN_HISTORY_EVERY}th loaded client of the benchmarks' studio an
     * invitation sent a year before {@link #CLOCK} (long past any cooldown). Without it, tables
     * analysed as empty, or statistics that have never seen the studio, make PostgreSQL plan the
     * foreign-key check of every {@code audit_change} row and a chunk's outbox lookups by client as
     * scans of every row the studio has (plans a connection keeps until autovacuum analyses the
     * tables again), and a round's cost per client grows with its size.
     */
    static void seedHistory(DataSource database) {
        exec(database, "INSERT INTO audit_entry (tenant_id, id, client_id, actor, action, occurred_at)"
                + " SELECT 'history-studio-' || (g % " + HISTORY_STUDIOS + "), gen_random_uuid(), gen_random_uuid(),"
                + " 'staff:history', 'INVITATION_ENQUEUED', timestamptz '2025-01-01 09:00:00+00' + g * interval '1 second'"
                + " FROM generate_series(1, " + HISTORY_STUDIOS * HISTORY_ROWS_PER_STUDIO + ") g;"
                + "INSERT INTO audit_entry (tenant_id, id, client_id, actor, action, occurred_at)"
                + " SELECT tenant_id, gen_random_uuid(), id, 'staff:history', 'INVITATION_ENQUEUED',"
                + " timestamptz '2024-03-02 09:00:00+00' FROM (SELECT tenant_id, id, row_number() OVER (ORDER BY id) n"
                + " FROM client WHERE tenant_id = '" + TENANT.value() + "') c WHERE n % " + OWN_HISTORY_EVERY + " = 0;"
                + "INSERT INTO audit_change (tenant_id, entry_id, position, client_id, field, before_value,"
                + " after_value, personal) SELECT tenant_id, id, 0, client_id, 'campaign', NULL, 'history', false"
                + " FROM audit_entry;"
                + "INSERT INTO outbox (tenant_id, id, client_id, kind, campaign_id, recipient, language, subject,"
                + " message, status, attempts, created_at, next_attempt_at, sent_at)"
                + " SELECT tenant_id, gen_random_uuid(), client_id, 'INVITATION', NULL, 'client' || id || '@example.org',"
                + " 'en', 'Your account', 'Welcome', 'SENT', 1, occurred_at, occurred_at, occurred_at FROM audit_entry;"
                + "ANALYZE audit_entry, audit_change, outbox, token, campaign, campaign_client");
    }

    /** The {@code p}-th percentile (0 to 100, nearest rank) of {@code millis}. */
    static double percentile(List<Double> millis, double p) {
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** "p50 1.2 ms, p95 3.4 ms, p99 5.6 ms" for a progress line. */
    static String describe(List<Double> millis) {
        return String.format(Locale.ROOT, "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms (%d samples)",
                percentile(millis, 50), percentile(millis, 95), percentile(millis, 99), millis.size());
    }

    /** Milliseconds since {@code startNanos}. */
    static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000.0;
    }

    /** A fresh list for samples. */
    static List<Double> samples() {
        return new ArrayList<>();
    }
}
