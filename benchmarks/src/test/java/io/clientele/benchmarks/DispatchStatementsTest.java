package io.clientele.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.clientele.adapter.smtp.MustacheMailComposer;
import io.clientele.benchmarks.stack.JpaStudio;
import io.clientele.benchmarks.stack.PostgresStack;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.service.DispatchReport;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The SQL statements a dispatch batch sends on PostgreSQL, counted by {@link CountingDataSource}:
 * a fixed number whatever the batch's size (design: set-based ports), so the database's share of
 * the cost per mail falls as batches grow.
 */
class DispatchStatementsTest {

    /** Claim 2, prepare 5, record 8: the count the dispatcher and the JPA adapters are designed to. */
    private static final long STATEMENTS_PER_BATCH = 15;

    @Test
    void a_batch_of_invitations_sends_the_same_fifteen_statements_whether_it_holds_ten_mails_or_a_hundred() {
        HikariDataSource pool = PostgresStack.shared().pool(2);
        CountingDataSource counting = new CountingDataSource(pool);
        try (JpaStudio studio = JpaStudio.on(counting, PgBench.NO_SEND, MustacheMailComposer.withDefaults(),
                PgBench.CLOCK, UnaryOperator.identity())) {
            PgBench.exec(pool, "TRUNCATE client CASCADE");
            PgBench.clearInvitations(pool);
            new BulkClients(PgBench.TENANT, PgBench.CREATED).load(pool, 110, 0, Optional.empty(), 1);
            Campaign campaign = studio.clientele().campaigns().create(PgBench.OWNER, PgBench.TENANT,
                    new CampaignTarget.AllClients());
            studio.clientele().campaigns().run(PgBench.OWNER, PgBench.TENANT, campaign.id(), c -> {
            });

            long before = counting.statements();
            DispatchReport hundred = studio.clientele().mailDispatcher().dispatchDue();
            long forHundred = counting.statements() - before;
            before = counting.statements();
            DispatchReport ten = studio.clientele().mailDispatcher().dispatchDue();
            long forTen = counting.statements() - before;

            System.out.printf("dispatch batch statements: %d for %d mails, %d for %d mails%n", forHundred,
                    hundred.sent(), forTen, ten.sent());
            assertThat(hundred.sent()).isEqualTo(100);
            assertThat(ten.sent()).isEqualTo(10);
            assertThat(PgBench.count(pool, "SELECT count(*) FROM client WHERE invitation_status = 'INVITED'"))
                    .isEqualTo(110);
            assertThat(forHundred).isEqualTo(forTen).isEqualTo(STATEMENTS_PER_BATCH);
        } finally {
            PgBench.exec(pool, "TRUNCATE client CASCADE");
            PgBench.clearInvitations(pool);
            pool.close();
        }
    }
}
