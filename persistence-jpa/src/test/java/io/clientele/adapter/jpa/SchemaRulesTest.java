package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The schema rules of the shipped migrations, read back from each database's catalog after
 * {@link ClienteleMigrations#migrate}: every table has {@code tenant_id}, and every primary key,
 * unique constraint and index leads with it, except the indexes of the three job queues that
 * select across tenants in due order (outbox claim, credit expiry sweep, membership issuance).
 * Those lead with the due time: an index led by the tenant cannot give a global due order, so a
 * claim would scan and sort every pending row each time.
 */
class SchemaRulesTest {

    /** The job queues' indexes, by database; nothing else may start with another column. */
    private static final Set<String> QUEUE_INDEXES =
            Set.of("outbox_due_idx", "credit_due_idx", "membership_due_idx", "membership_over_idx");
    private static final String HISTORY = "clientele_schema_history";

    @Test
    void every_postgresql_table_has_a_tenant_id_and_every_key_and_index_but_the_job_queues_leads_with_it()
            throws SQLException {
        Map<String, String> firstColumns = new TreeMap<>();
        try (Connection c = Databases.postgres().getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT i.relname, a.attname FROM pg_index x"
                        + " JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
                        + " JOIN pg_namespace n ON n.oid = t.relnamespace"
                        + " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]"
                        + " WHERE n.nspname = current_schema() AND t.relname <> '" + HISTORY + "'")) {
            while (r.next()) {
                firstColumns.put(r.getString(1), r.getString(2));
            }
            c.rollback();
        }
        assertRules(Databases.postgres(), firstColumns, "SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
    }

    @Test
    void every_h2_table_has_a_tenant_id_and_every_key_and_index_but_the_job_queues_leads_with_it()
            throws SQLException {
        Map<String, String> firstColumns = new TreeMap<>();
        try (Connection c = Databases.h2().getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT LOWER(INDEX_NAME), LOWER(COLUMN_NAME)"
                        + " FROM INFORMATION_SCHEMA.INDEX_COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC'"
                        + " AND ORDINAL_POSITION = 1 AND LOWER(TABLE_NAME) <> '" + HISTORY + "'")) {
            while (r.next()) {
                firstColumns.put(r.getString(1), r.getString(2));
            }
        }
        assertRules(Databases.h2(), firstColumns, "SELECT LOWER(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'");
    }

    @Test
    void the_outbox_claim_reads_its_due_index_in_the_claim_s_order_without_sorting_on_postgresql()
            throws SQLException {
        String claim = JpaMailOutbox.CLAIM_POSTGRESQL.replace(":now", "?").replace(":limit", "?");
        StringBuilder plan = new StringBuilder();
        try (Connection c = Databases.postgres().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL enable_seqscan = off");
                s.execute("SET LOCAL enable_sort = off");
            }
            try (PreparedStatement explain = c.prepareStatement("EXPLAIN " + claim)) {
                explain.setObject(1, java.sql.Timestamp.from(Instant.parse("2026-03-01T09:00:00Z")));
                explain.setInt(2, 100);
                try (ResultSet r = explain.executeQuery()) {
                    while (r.next()) {
                        plan.append(r.getString(1)).append('\n');
                    }
                }
            } finally {
                c.rollback();
            }
        }

        assertThat(plan.toString()).contains("outbox_due_idx").contains("LockRows").doesNotContain("Sort")
                .doesNotContain("Seq Scan");
    }

    private static void assertRules(DataSource database, Map<String, String> firstColumns, String tablesSql)
            throws SQLException {
        List<String> tables = new ArrayList<>();
        Set<String> withoutTenant = new TreeSet<>();
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(tablesSql)) {
            while (r.next()) {
                String table = r.getString(1).toLowerCase(java.util.Locale.ROOT);
                if (!table.equals(HISTORY)) {
                    tables.add(table);
                }
            }
            for (String table : tables) {
                try (ResultSet columns = c.getMetaData().getColumns(null, null, table, "tenant_id");
                        ResultSet upper = c.getMetaData().getColumns(null, null, table.toUpperCase(java.util.Locale.ROOT),
                                "TENANT_ID")) {
                    if (!columns.next() && !upper.next()) {
                        withoutTenant.add(table);
                    }
                }
            }
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        }
        Map<String, String> notLedByTenant = new TreeMap<>(firstColumns);
        notLedByTenant.values().removeIf("tenant_id"::equals);

        assertThat(tables).as("Clientele's tables").hasSizeGreaterThan(20);
        assertThat(withoutTenant).as("tables without tenant_id").isEmpty();
        assertThat(firstColumns).as("indexes read").hasSizeGreaterThan(tables.size());
        assertThat(notLedByTenant.keySet()).as("keys and indexes not led by tenant_id: %s", notLedByTenant)
                .isSubsetOf(QUEUE_INDEXES);
    }
}
