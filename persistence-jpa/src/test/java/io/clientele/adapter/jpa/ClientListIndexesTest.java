package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.adapter.jpa.ClientTables.ClientRow;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.ClientSummary;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.model.Label;
import io.clientele.client.model.PersonName;
import io.clientele.common.ClientId;
import io.clientele.common.Cursor;
import io.clientele.common.TenantId;
import io.clientele.testkit.Fixtures;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client list's statements on PostgreSQL 17 use the indexes of migration V2 once a tenant has
 * enough clients that a sequential scan would otherwise win: a page filtered by status walks
 * {@code client_status_list_idx} from its keyset position, a page filtered by a label walks {@code
 * client_label_list_idx}, a text search reads {@code client_search_idx} (trigrams) and sorts its
 * matches when they are few, even when they sit together late in the list. The plans are
 * those of the statements {@link JpaClientRepository} runs ({@link ClientSql}), with their
 * parameters bound, after {@code ANALYZE}; no planner setting is touched.
 */
class ClientListIndexesTest {

    private static final int CLIENTS = 6000;
    private static final int PAGE = 50;
    private static final String RARE_NAME = "Quixwold";
    /**
     * The surname every {@value #CLUSTER_EVERY}th client's last name starts with: its holders sit
     * together in list order, after most of the list (as a common surname's do among a million).
     */
    private static final String CLUSTERED = "Vandermolen";
    private static final int CLUSTER_EVERY = 20;

    private static final Fixtures FX = Fixtures.standard();
    private static final TenantId TENANT = FX.newTenant();
    private static final Label VIP = FX.label(TENANT, "VIP");
    private static JpaAdapters jpa;

    /** A few thousand clients of one tenant, persisted in one unit of work and flushed as JDBC batches. */
    @BeforeAll
    static void manyClients() {
        jpa = Databases.postgresAdapters();
        List<Client> clients = new ArrayList<>(CLIENTS);
        String[] lastNames = {"Lopez", "Martin", "Dubois", "Schmidt", "Rossi", "Novak", "Silva", "Jensen"};
        for (int i = 0; i < CLIENTS; i++) {
            String lastName = i == CLIENTS / 2 ? RARE_NAME
                    : i % CLUSTER_EVERY == 7 ? CLUSTERED + letters(i) : lastNames[i % lastNames.length];
            Fixtures.ClientBuilder client = FX.aClient(TENANT)
                    .named(i == CLIENTS / 2 ? "Ana" : "Client" + letters(i), lastName)
                    .withEmail("client" + i + "@example.com")
                    .withPhone("+3361234" + String.format("%04d", i));
            if (i % 3 == 1) {
                client.invited();
            } else if (i % 3 == 2) {
                client.invited().accepted();
            }
            if (i % 10 == 0) {
                client.withLabel(VIP.id());
            }
            clients.add(client.build());
        }
        jpa.transactions().run(() -> {
            EntityManager em = jpa.entityManagers().current();
            List<ClientRow> rows = clients.stream().map(c -> ClientRows.clientRow(c, 0)).toList();
            rows.forEach(em::persist);
            em.flush();
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                items.addAll(ClientRows.collectionRows(clients.get(i), rows.get(i).sortKey));
            }
            items.forEach(em::persist);
            em.flush();
            rows.forEach(em::detach);
            items.forEach(em::detach);
        });
        vacuumAnalyze("client", "client_label");
    }

    /**
     * What autovacuum does in a running database: fresh statistics, and the trigram index's pending
     * entries (GIN's fast update) moved into the index proper. VACUUM runs outside any transaction.
     */
    private static void vacuumAnalyze(String... tables) {
        try (Connection c = Databases.postgres().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (String table : tables) {
                s.execute("VACUUM ANALYZE " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("VACUUM ANALYZE failed", e);
        }
    }

    /** Letters for a number, so that names stay names (no digits). */
    private static String letters(int n) {
        StringBuilder s = new StringBuilder();
        int rest = n;
        do {
            s.append((char) ('a' + rest % 26));
            rest /= 26;
        } while (rest > 0);
        return s.toString();
    }

    /**
     * The plan of the statement's choice of clients (its {@code picked} CTE): the page itself. The
     * reads of the chosen clients' collection rows follow it; on tables as small as this test's
     * the planner rightly scans those.
     */
    private static String pagePlan(ClientSql.Statement statement) {
        return pagePlan(new ClientSql.Statement("EXPLAIN " + statement.sql(), statement.parameters()), false);
    }

    private static String pagePlan(ClientSql.Statement explain, boolean unused) {
        String plan = jpa.transactions().inReadOnlyTransaction(() -> {
            EntityManager em = jpa.entityManagers().current();
            List<?> lines = explain.bind(em.createNativeQuery(explain.sql())).getResultList();
            return String.join("\n", lines.stream().map(Object::toString).toList());
        });
        int start = plan.indexOf("CTE picked");
        int end = plan.indexOf("\n  ->  ", start);
        assertThat(start).as("the plan has the page's CTE:%n%s", plan).isNotNegative();
        return end < 0 ? plan.substring(start) : plan.substring(start, end);
    }

    /** {@link #pagePlan} as run: each node with the rows it gave, or {@code never executed}. */
    private static String analyzedPagePlan(ClientSql.Statement statement) {
        return pagePlan(new ClientSql.Statement("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + statement.sql(),
                statement.parameters()), false);
    }

    private static ClientSql sql() {
        return new ClientSql(SqlDialect.POSTGRESQL);
    }

    /** A list position in the middle of the tenant's list, as a page ending there would hand out. */
    private static Optional<ClientSummary.Position> middle() {
        return Optional.of(ClientSummary.Position.of(Cursor.of(
                ClientSummary.sortKeyOf(new PersonName("Clientm", "Martin")), new ClientId(FX.nextId()).toString())));
    }

    @Test
    void a_page_filtered_by_status_walks_the_status_list_index_from_its_position_without_a_sequential_scan() {
        String first = pagePlan(sql().page(TENANT, ClientQuery.all().withStatus(InvitationStatus.INVITED),
                Optional.empty(), PAGE + 1));
        String deep = pagePlan(sql().page(TENANT, ClientQuery.all().withStatus(InvitationStatus.INVITED), middle(),
                PAGE + 1));

        assertThat(first).contains("client_status_list_idx").doesNotContain("Seq Scan");
        assertThat(deep).contains("client_status_list_idx").doesNotContain("Seq Scan")
                .contains("ROW(sort_key, id) >");
        print("status", "client_status_list_idx", first);
    }

    @Test
    void a_page_filtered_by_label_walks_the_label_list_index_and_reaches_each_client_by_its_key() {
        String first = pagePlan(sql().page(TENANT, ClientQuery.all().withLabel(VIP.id()), Optional.empty(), PAGE + 1));
        String deep = pagePlan(sql().page(TENANT, ClientQuery.all().withLabel(VIP.id()), middle(), PAGE + 1));

        assertThat(first).contains("client_label_list_idx").contains("client_pk").doesNotContain("Seq Scan");
        assertThat(deep).contains("client_label_list_idx").contains("ROW(sort_key, client_id) >")
                .doesNotContain("Seq Scan");
        print("label", "client_label_list_idx", first);
    }

    @Test
    void a_text_search_reads_the_trigram_index_without_a_sequential_scan() {
        String byName = pagePlan(sql().page(TENANT, ClientQuery.all().withText("quixw"), Optional.empty(), PAGE + 1));
        String byPhone = pagePlan(sql().page(TENANT, ClientQuery.all().withText("0612340123"), Optional.empty(),
                PAGE + 1));

        assertThat(byName).contains("client_search_idx").doesNotContain("Seq Scan");
        assertThat(byPhone).contains("client_search_idx").doesNotContain("Seq Scan");
        print("text", "client_search_idx", byName);
    }

    @Test
    void a_search_for_a_surname_start_whose_matches_sit_together_late_in_the_list_is_answered_from_the_trigram_index() {
        String plan = analyzedPagePlan(sql().page(TENANT, ClientQuery.all().withText("vanderm"), Optional.empty(),
                PAGE + 1));

        assertThat(plan).contains("Bitmap Index Scan on client_search_idx").contains("Index Scan using client_pk")
                .doesNotContain("Seq Scan")
                .as("the matches sorted, all %d of them", CLIENTS / CLUSTER_EVERY)
                .containsPattern("CTE Scan on hits( \\w+)? \\(actual rows=" + CLIENTS / CLUSTER_EVERY + " ");
        print("clustered-prefix", "client_search_idx", plan);
    }

    @Test
    void a_search_whose_matches_fill_a_page_early_in_the_list_walks_the_list_and_leaves_the_trigram_index_alone() {
        String plan = analyzedPagePlan(sql().page(TENANT, ClientQuery.all().withText("example"), Optional.empty(),
                PAGE + 1));

        assertThat(plan).contains("Index Scan using client_list_idx")
                .as("the sort of all matches: every client's email holds 'example'")
                .containsPattern("CTE Scan on hits( \\w+)? \\(never executed\\)");
    }

    @Test
    void a_search_term_too_short_for_a_trigram_keeps_the_list_walk() {
        String plan = pagePlan(sql().page(TENANT, ClientQuery.all().withText("an"), Optional.empty(), PAGE + 1));

        assertThat(plan).doesNotContain("CTE hits").doesNotContain("client_search_idx");
        assertThat(ClientSql.trigramsServe("an")).isFalse();
        assertThat(ClientSql.trigramsServe("a b c")).isFalse();
        assertThat(ClientSql.trigramsServe("ana")).isTrue();
        assertThat(ClientSql.trigramsServe("1 2")).as("digits and a space: too few digits to look for").isFalse();
        assertThat(ClientSql.trigramsServe("06 12")).as("the phone digits '0612' and '612'").isTrue();
        assertThat(ClientSql.trigramsServe("0612")).as("the national number '612' too").isTrue();
        assertThat(ClientSql.trigramsServe("012")).as("the national number '12' has no trigram").isFalse();
    }

    @Test
    void the_pages_of_a_search_are_the_same_whether_the_matches_are_sorted_or_the_list_is_walked() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            if (i % CLUSTER_EVERY == 7) {
                expected.add(CLUSTERED.toLowerCase(Locale.ROOT) + letters(i));
            }
        }
        Collections.sort(expected);

        List<String> sorted = allPages(new ClientSql(SqlDialect.POSTGRESQL, 10), "vanderm");
        List<String> walked = allPages(new ClientSql(SqlDialect.POSTGRESQL, 100_000), "vanderm");

        assertThat(sorted).hasSize(CLIENTS / CLUSTER_EVERY).containsExactlyElementsOf(expected);
        assertThat(walked).containsExactlyElementsOf(expected);
    }

    /** The folded last names of every page of a search, in list order, page after page by the keyset. */
    private static List<String> allPages(ClientSql sql, String text) {
        List<String> names = new ArrayList<>();
        Optional<ClientSummary.Position> after = Optional.empty();
        while (true) {
            ClientSql.Statement statement = sql.page(TENANT, ClientQuery.all().withText(text), after, PAGE);
            List<ClientSummary> page = jpa.transactions().inReadOnlyTransaction(() -> {
                return ClientRows.summaries(statement.rows(jpa.entityManagers().current(), ClientTables.READ_MAPPING));
            });
            page.forEach(row -> names.add(row.name().lastName().toLowerCase(Locale.ROOT)));
            if (page.size() < PAGE) {
                return names;
            }
            after = Optional.of(ClientSummary.Position.of(page.get(page.size() - 1).cursor()));
        }
    }

    @Test
    void the_id_walk_of_a_label_reads_the_label_holder_index() {
        String walk = pagePlan(sql().walk(TENANT, ClientQuery.all().withLabel(VIP.id()), Optional.empty(), PAGE));

        assertThat(walk).contains("client_label_holder_idx").doesNotContain("Seq Scan");
    }

    private static void print(String filter, String index, String plan) {
        int seqScans = plan.split("Seq Scan", -1).length - 1;
        System.out.println("EXPLAIN client list page by " + filter + " (" + CLIENTS + " clients):\n" + plan);
        System.out.println("RESULT name=pg-client-list-explain filter=" + filter + " clients=" + CLIENTS + " index="
                + index + " seq_scans=" + seqScans);
    }
}
