package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.credit.model.CreditSummary;
import io.clientele.credit.service.CreditIssue;
import io.clientele.profile.model.Section;
import io.clientele.profile.service.ProfileView;
import io.clientele.testkit.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How many statements the whole profile of a client costs on PostgreSQL, counted at the JDBC data
 * source ({@link CountedStatements}: every {@code execute*} call once, a JDBC batch once): at most
 * twelve, and the same for a client with 50 notes, 200 credits and 100 orders as for one with one
 * of each, so no section reads per row.
 */
class ProfileViewStatementsTest {

    private static final int MAX_STATEMENTS = 12;
    /** The most credits one issue may grant. */
    private static final int MAX_CREDITS_PER_ISSUE = 100;

    private final Fixtures fx = Fixtures.standard();

    @Test
    void the_profile_of_a_client_with_50_notes_200_credits_and_100_orders_is_read_in_at_most_12_statements() {
        JpaClientele t = JpaClientele.countedPostgres();
        Client ana = populated(t, 50, 200, 100);

        List<String> sent = CountedStatements.of(() -> t.clientele.profiles().view(t.owner, t.tenant, ana.id()));

        List<String> statements = CountedStatements.statements(sent);
        System.out.println("RESULT name=profile-view statements=" + statements.size());
        assertThat(statements).as("statements of one profile view").hasSizeLessThanOrEqualTo(MAX_STATEMENTS);
        assertThat(CountedStatements.units(sent)).as("one read-only unit of work").hasSize(1);
        ProfileView view = t.clientele.profiles().view(t.owner, t.tenant, ana.id());
        assertThat(shown(view.notes()).total()).isEqualTo(50);
        assertThat(shown(view.orders()).total()).isEqualTo(100);
        assertThat(((CreditSummary) shown(view.credits())).total()).isEqualTo(200);
    }

    @Test
    void the_profile_view_sends_as_many_statements_for_one_note_credit_and_order_as_for_hundreds() {
        JpaClientele small = JpaClientele.countedPostgres();
        Client one = populated(small, 1, 1, 1);
        JpaClientele large = JpaClientele.countedPostgres();
        Client many = populated(large, 50, 200, 100);

        List<String> forOne = CountedStatements.statements(
                CountedStatements.of(() -> small.clientele.profiles().view(small.owner, small.tenant, one.id())));
        List<String> forMany = CountedStatements.statements(
                CountedStatements.of(() -> large.clientele.profiles().view(large.owner, large.tenant, many.id())));

        assertThat(forMany).as("statements with 50 notes, 200 credits, 100 orders").hasSameSizeAs(forOne);
    }

    /**
     * A client created through the use case, with {@code notes} notes and {@code orders} orders
     * inserted through the ports in one unit of work each (one JDBC batch per table), and {@code
     * credits} credits issued through the use case, a hundred per call (its limit).
     */
    private Client populated(JpaClientele t, int notes, int credits, int orders) {
        Client client = t.clientele.clients().create(t.owner, t.tenant,
                ClientDetails.named("Ana", "Lopez").withEmail("ana-" + Fixtures.randomHex(4) + "@example.com"));
        t.jpa.transactions().run(() -> {
            for (int i = 0; i < notes; i++) {
                t.jpa.notes().insert(fx.note(t.tenant, client.id(), "Note " + i));
            }
        });
        for (int issued = 0; issued < credits; issued += MAX_CREDITS_PER_ISSUE) {
            t.clientele.credits().issueMembershipCredits(t.owner, t.tenant, client.id(),
                    CreditIssue.of(Math.min(MAX_CREDITS_PER_ISSUE, credits - issued), "Welcome pack"));
        }
        t.jpa.transactions().run(() -> {
            for (int i = 0; i < orders; i++) {
                t.jpa.orders().insert(fx.order(t.tenant, client.id()));
            }
        });
        return client;
    }

    private static <T> T shown(Section<T> section) {
        assertThat(section).isInstanceOf(Section.Shown.class);
        return section instanceof Section.Shown<T> shown ? shown.value() : null;
    }
}
