package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox look-ups of a campaign chunk on PostgreSQL 17, in the middle of a long campaign: the
 * statistics were taken when the studio had a few thousand mails of earlier months (among other
 * studios' thousands), and the campaign has since written thousands more. With the campaign's key
 * as a full unique constraint, the planner could answer the look-up of the chunk's clients' mail
 * activity (by client alone) from that key, reading every outbox row of the studio in it and
 * filtering: on the {@code invite-enqueue} benchmark's tables (20,000 clients) that look-up took 4.5
 * ms per chunk instead of 0.5 ms, and grew with the campaign. The key is now a partial index over
 * the rows that have a campaign (migration V8), which a look-up naming no campaign cannot use:
 * checked in the catalog, and in the plans of both look-ups.
 */
class PostgresOutboxLookupPlansTest {

    private static final String TENANT = "plans-" + UUID.randomUUID();
    private static final UUID CAMPAIGN = UUID.randomUUID();
    private static final int HISTORY = 2_000;
    /** Other studios' mails: a table of a size where reading by index beats reading it whole. */
    private static final int OTHERS = 20_000;
    private static final int ROWS = 20_000;
    private static final int CHUNK = 500;
    private static final List<UUID> CLIENTS = new ArrayList<>();

    /** The studio's earlier mails, statistics, then the campaign's rows. */
    @BeforeAll
    static void aCampaignWrittenAfterTheLastAnalyze() throws SQLException {
        Databases.postgresAdapters();
        try (Connection c = Databases.postgres().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("INSERT INTO outbox (tenant_id, id, client_id, kind, recipient, language, subject, message,"
                    + " status, attempts, created_at, next_attempt_at, sent_at) SELECT '" + TENANT + "',"
                    + " gen_random_uuid(), gen_random_uuid(), 'INVITATION', 'client@example.com', 'en', 'Hello',"
                    + " 'Welcome', 'SENT', 1, now() - interval '200 days', now() - interval '200 days',"
                    + " now() - interval '200 days' FROM generate_series(1, " + HISTORY + ")");
            s.execute("INSERT INTO outbox (tenant_id, id, client_id, kind, recipient, language, subject, message,"
                    + " status, attempts, created_at, next_attempt_at, sent_at) SELECT '" + TENANT + "-other-' || (g % 20),"
                    + " gen_random_uuid(), gen_random_uuid(), 'INVITATION', 'client@example.com', 'en', 'Hello',"
                    + " 'Welcome', 'SENT', 1, now() - interval '200 days', now() - interval '200 days',"
                    + " now() - interval '200 days' FROM generate_series(1, " + OTHERS + ") g");
            s.execute("ANALYZE outbox");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO outbox (tenant_id, id, client_id, kind,"
                    + " campaign_id, recipient, language, subject, message, status, attempts, created_at,"
                    + " next_attempt_at, sent_at) VALUES (?, ?, ?, 'INVITATION', ?, 'client@example.com', 'en', 'Hello',"
                    + " 'Welcome', 'SENT', 1, now(), now(), now())")) {
                for (int i = 0; i < ROWS; i++) {
                    UUID client = UUID.randomUUID();
                    CLIENTS.add(client);
                    insert.setString(1, TENANT);
                    insert.setObject(2, UUID.randomUUID());
                    insert.setObject(3, client);
                    insert.setObject(4, CAMPAIGN);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    /** Sent rows that no claim would take, removed all the same: the database is the test JVM's. */
    @AfterAll
    static void removeTheRows() throws SQLException {
        try (Connection c = Databases.postgres().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("DELETE FROM outbox WHERE tenant_id LIKE '" + TENANT + "%'");
        }
    }

    @Test
    void theCampaignKeyCoversOnlyRowsWithACampaign() throws SQLException {
        try (Connection c = Databases.postgres().getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT indisunique, pg_get_indexdef(indexrelid) FROM pg_index"
                        + " WHERE indexrelid = 'outbox_campaign_client_uq'::regclass")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getBoolean(1)).isTrue();
            assertThat(r.getString(2)).endsWith("(tenant_id, campaign_id, client_id) WHERE (campaign_id IS NOT NULL)");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    @Test
    void theMailActivityOfAChunksClientsIsReadByClientAndNotFromTheCampaignKey() throws SQLException {
        String plan = plan("SELECT o.client_id, max(o.created_at), sum(CASE WHEN o.status = 'PENDING' THEN 1 ELSE 0"
                + " END) FROM outbox o WHERE o.tenant_id = ? AND o.kind = 'INVITATION' AND o.client_id IN (" + marks()
                + ") AND o.status <> 'CANCELLED' GROUP BY o.client_id", false);

        assertThat(plan).contains("outbox_client_idx").doesNotContain("outbox_campaign_client_uq")
                .doesNotContain("Seq Scan");
    }

    @Test
    void theCampaignsOwnLookUpStillUsesItsKey() throws SQLException {
        String plan = plan("SELECT o.client_id FROM outbox o WHERE o.tenant_id = ? AND o.campaign_id = ?"
                + " AND o.client_id IN (" + marks() + ")", true);

        assertThat(plan).contains("outbox_campaign_client_uq").doesNotContain("Seq Scan");
    }

    private static String marks() {
        return String.join(", ", Collections.nCopies(CHUNK, "?"));
    }

    /** The plan PostgreSQL chooses for {@code sql} with the tenant, maybe the campaign, and a chunk of clients. */
    private static String plan(String sql, boolean withCampaign) throws SQLException {
        try (Connection c = Databases.postgres().getConnection();
                PreparedStatement explain = c.prepareStatement("EXPLAIN (COSTS OFF) " + sql)) {
            int p = 1;
            explain.setString(p++, TENANT);
            if (withCampaign) {
                explain.setObject(p++, CAMPAIGN);
            }
            // clients from the middle of the campaign, as a later chunk's
            for (UUID client : CLIENTS.subList(ROWS / 2, ROWS / 2 + CHUNK)) {
                explain.setObject(p++, client);
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet r = explain.executeQuery()) {
                while (r.next()) {
                    plan.append(r.getString(1)).append('\n');
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
            System.out.println("EXPLAIN outbox look-up:\n" + plan);
            return plan.toString();
        }
    }
}
