package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.ClientId;
import io.clientele.common.OrderId;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditChange;
import io.clientele.credit.model.CreditSource;
import io.clientele.credit.model.CreditState;
import io.clientele.membership.model.MembershipType;
import io.clientele.testkit.Fixtures;
import java.lang.reflect.InvocationTargetException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.proxy.ParameterSetOperation;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ledger's statements on PostgreSQL 17 can be served by the indexes their ports name: each
 * test calls a port through adapters on a data source that records what they send, then has
 * PostgreSQL {@code EXPLAIN} each statement with its own parameters and sequential scans
 * disabled, so a plan names an index only if the statement can use it (a partial index whose
 * predicate the statement does not imply, or a row comparison the index cannot take, would
 * leave the planner a sequential scan). A few hundred rows of one tenant, analysed, give the
 * planner the statistics of a store where the tenant alone is not selective, so that it picks
 * the index of the statement's other keys, as it does at scale.
 */
class PostgresLedgerIndexTest {

    private static final int CLIENTS = 30;
    private static final int PER_CLIENT = 10;
    private static final List<QueryInfo> SENT = Collections.synchronizedList(new ArrayList<>());
    private static final Fixtures SEED = Fixtures.standard();
    private static final TenantId TENANT = SEED.newTenant();
    private static final List<ClientId> CLIENT_IDS = new ArrayList<>();
    private static JpaAdapters recorded;

    private final Fixtures fx = SEED;
    private final TenantId tenant = TENANT;

    @BeforeAll
    static void recordStatements() throws SQLException {
        DataSource recording = ProxyDataSourceBuilder.create(Databases.postgres())
                .afterQuery((execution, queries) -> SENT.addAll(queries))
                .build();
        recorded = JpaAdapters.create(recording);
        seed();
    }

    /**
     * Per client of the seed tenant: credits redeemed for a booking of their own, credits of an
     * order of their own expiring in a year, credits without expiry, with their ledger lines; two
     * orders; a membership starting next year. Then the tables are analysed.
     */
    private static void seed() throws SQLException {
        Instant inAYear = SEED.now().plus(Duration.ofDays(365));
        List<Credit> credits = new ArrayList<>();
        List<CreditChange> lines = new ArrayList<>();
        MembershipType type = SEED.membershipType(TENANT, "Monthly");
        for (int c = 0; c < CLIENTS; c++) {
            ClientId client = SEED.newClientId();
            CLIENT_IDS.add(client);
            CreditSource order = CreditSource.order(new OrderId(SEED.nextId()));
            for (int i = 0; i < PER_CLIENT; i++) {
                Credit credit = switch (i % 3) {
                    case 0 -> SEED.aCredit(TENANT, client).redeemedFor("bk-" + c + "-" + i).build();
                    case 1 -> SEED.aCredit(TENANT, client).from(order).expiringAt(inAYear).build();
                    default -> SEED.aCredit(TENANT, client).build();
                };
                credits.add(credit);
                lines.add(SEED.issueLine(credit, "seed"));
            }
            recorded.transactions().run(() -> {
                recorded.orders().insert(SEED.order(TENANT, client));
                recorded.orders().insert(SEED.order(TENANT, client));
                recorded.memberships().insert(SEED.membership(client, type, LocalDate.of(2027, 1, 1)));
            });
        }
        recorded.transactions().run(() -> {
            recorded.credits().insertAll(credits);
            recorded.credits().appendAll(lines);
        });
        try (Connection c = Databases.postgres().getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE credit, credit_change, client_order, client_order_line, membership");
            c.commit();
        }
    }

    @AfterAll
    static void closeRecorded() {
        recorded.close();
    }

    /** The plans of the statements {@code read} sends, in order. */
    private List<String> plans(Supplier<?> read) {
        return plans(read, false);
    }

    /**
     * The plans of the statements {@code read} sends, in order; with {@code sortsOff}, sorting is
     * disabled as well, so a plan without a sort shows that an index gives the statement's order.
     */
    private List<String> plans(Supplier<?> read, boolean sortsOff) {
        SENT.clear();
        recorded.transactions().inReadOnlyTransaction(read);
        List<String> plans = new ArrayList<>();
        for (QueryInfo query : List.copyOf(SENT)) {
            List<List<ParameterSetOperation>> sets = query.getParametersList();
            for (List<ParameterSetOperation> parameters : sets.isEmpty() ? List.of(List.<ParameterSetOperation>of())
                    : sets) {
                plans.add(explain(query.getQuery(), parameters, sortsOff));
            }
        }
        return plans;
    }

    private static String explain(String sql, List<ParameterSetOperation> parameters, boolean sortsOff) {
        try (Connection c = Databases.postgres().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL enable_seqscan = off");
                if (sortsOff) {
                    s.execute("SET LOCAL enable_sort = off");
                }
            }
            StringBuilder plan = new StringBuilder();
            try (PreparedStatement explain = c.prepareStatement("EXPLAIN " + sql)) {
                for (ParameterSetOperation p : parameters) {
                    p.getMethod().invoke(explain, p.getArgs());
                }
                try (ResultSet r = explain.executeQuery()) {
                    while (r.next()) {
                        plan.append(r.getString(1)).append('\n');
                    }
                }
            } finally {
                c.rollback();
            }
            return plan.toString();
        } catch (SQLException | IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError("could not EXPLAIN " + sql, e);
        }
    }

    @Test
    void the_expiry_sweep_reads_the_partial_index_of_redeemable_credits_in_its_order_without_sorting() {
        List<String> plans = plans(() -> recorded.credits().dueForExpiry(fx.now(), 10), true);

        assertThat(plans).singleElement().satisfies(plan -> {
            assertThat(plan).contains("credit_due_idx");
            assertThat(plan).doesNotContain("Sort");
        });
    }

    @Test
    void a_credit_page_starts_at_its_position_in_the_client_index_without_sorting() {
        ClientId client = CLIENT_IDS.get(2);
        PageRequest second = PageRequest.after(recorded.transactions().inReadOnlyTransaction(() -> recorded
                .credits().pageForClient(tenant, client, PageRequest.first(3))).next().orElseThrow(), 3);

        List<String> plans = plans(() -> recorded.credits().pageForClient(tenant, client,
                CreditState.REDEEMABLE, fx.now(), second), true);

        assertThat(plans).singleElement().satisfies(plan -> {
            assertThat(plan).contains("credit_client_idx").contains("ROW(issued_at, id) <");
            assertThat(plan).doesNotContain("Sort");
        });
    }

    @Test
    void the_profile_s_credit_summary_and_balances_read_the_client_index() {
        assertThat(plans(() -> recorded.credits().summaryForClient(tenant, CLIENT_IDS.get(3), fx.now(), 20)))
                .singleElement().asString().contains("credit_client_idx");
        assertThat(plans(() -> recorded.credits().countByState(tenant, CLIENT_IDS.get(4), fx.now())))
                .singleElement().asString().contains("credit_client_idx");
        assertThat(plans(() -> recorded.credits().redeemable(tenant, CLIENT_IDS.get(5), fx.now(), 1)))
                .singleElement().asString().contains("credit_client_idx");
    }

    @Test
    void the_look_ups_by_booking_by_source_and_of_a_client_s_ledger_read_their_indexes() {
        assertThat(plans(() -> recorded.credits().redeemedFor(tenant, "bk-2-3")))
                .singleElement().asString().contains("credit_booking_idx");
        assertThat(plans(() -> recorded.credits().fromSource(tenant,
                CreditSource.order(new OrderId(fx.nextId())))))
                .singleElement().asString().contains("credit_source_idx");
        assertThat(plans(() -> recorded.credits().changes(tenant, CLIENT_IDS.get(6))))
                .singleElement().asString().contains("credit_change_client_idx");
    }

    @Test
    void the_issuance_job_s_selection_reads_the_partial_indexes_of_both_branches_of_due() {
        List<String> plans = plans(() -> recorded.memberships().due(LocalDate.of(2026, 3, 2), 10));

        assertThat(plans).singleElement().asString().contains("membership_due_idx").contains("membership_over_idx");
    }

    @Test
    void a_lead_booker_s_orders_are_paged_through_their_index_then_their_lines_in_one_statement() {
        List<String> page = plans(() -> recorded.orders().listForLeadBooker(tenant, CLIENT_IDS.get(7),
                PageRequest.first(10)), true);

        assertThat(page).hasSize(2);
        assertThat(page.get(0)).contains("client_order_lead_booker_idx").doesNotContain("Sort");
        assertThat(page.get(1)).contains("client_order_line_pk");
    }

    /**
     * With sorting disabled, the page is read in the order of its index; only the joined lines are
     * put in order within each order (an incremental sort of the page's rows, never of the client's
     * orders).
     */
    @Test
    void the_profile_s_orders_section_reads_the_page_its_count_and_their_lines_in_one_statement_on_their_indexes() {
        List<String> section = plans(() -> recorded.orders().newestForLeadBooker(tenant, CLIENT_IDS.get(8), 10), true);

        assertThat(section).singleElement().satisfies(plan -> {
            assertThat(plan).contains("client_order_lead_booker_idx").contains("client_order_line_pk");
            assertThat(plan.lines().filter(line -> line.matches(".*(?<!Incremental )Sort  \\(.*")))
                    .as("full sorts in %s", plan).isEmpty();
        });
    }

    @Test
    void a_client_s_memberships_are_paged_through_their_index() {
        assertThat(plans(() -> recorded.memberships().pageForClient(tenant, CLIENT_IDS.get(9),
                PageRequest.first(10)), true)).singleElement().asString().contains("membership_client_idx")
                .doesNotContain("Sort");
    }
}
