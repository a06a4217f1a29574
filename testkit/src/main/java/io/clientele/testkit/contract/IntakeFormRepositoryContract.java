package io.clientele.testkit.contract;

import static io.clientele.testkit.contract.Expect.duplicate;
import static io.clientele.testkit.contract.Expect.rolledBack;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.intake.model.IntakeSubmission;
import io.clientele.intake.port.IntakeFormRepository;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.PortUnderTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link IntakeFormRepository}: submissions are stored as given (answers in their
 * order), never replaced ({@code DUPLICATE}), and listed per client newest submission first (then newest id first) in
 * their tenant only; the erasure deletes every submission of one client, answers how many, and is
 * idempotent; a rolled-back unit of work leaves nothing.
 *
 * <p>Extend it in the adapter's tests and answer {@link #createAdapter()}. Not thread-safe: JUnit
 * makes one instance per test.
 */
public abstract class IntakeFormRepositoryContract {

    private IntakeFormRepository forms;
    private TransactionRunner tx;
    private Fixtures fx;
    private TenantId tenant;
    private TenantId otherTenant;
    private ClientId ana;

    /**
     * The adapter under test and the runner whose units of work it joins, called before each test.
     * The store may hold other tests' submissions: every test uses tenants of its own.
     */
    protected abstract PortUnderTest<IntakeFormRepository> createAdapter();

    @BeforeEach
    void setUpIntakeFormRepositoryContract() {
        PortUnderTest<IntakeFormRepository> adapter = createAdapter();
        forms = adapter.port();
        tx = adapter.transactions();
        fx = Fixtures.standard();
        tenant = fx.newTenant();
        otherTenant = fx.newTenant();
        ana = fx.newClientId();
    }

    private IntakeSubmission insert(IntakeSubmission submission) {
        tx.run(() -> forms.insert(submission));
        return submission;
    }

    private List<IntakeSubmission> list(TenantId in, ClientId client) {
        return tx.inReadOnlyTransaction(() -> forms.listForClient(in, client));
    }

    @Test
    void a_client_s_submissions_are_listed_newest_first_in_their_tenant_only_with_their_answers_in_order() {
        IntakeSubmission first = insert(fx.intakeForm(tenant, ana));
        fx.advance(Duration.ofDays(1));
        IntakeSubmission second = insert(fx.intakeForm(tenant, ana));
        IntakeSubmission secondTwin = insert(fx.intakeForm(tenant, ana));
        insert(fx.intakeForm(tenant, fx.newClientId()));
        insert(fx.intakeForm(otherTenant, ana));

        List<IntakeSubmission> listed = list(tenant, ana);

        assertThat(listed).containsExactly(secondTwin, second, first);
        assertThat(listed.get(0).answers().keySet()).containsExactly("Any injuries?", "Pregnant?");
        assertThat(listed.get(0).answers()).isEqualTo(Map.of("Any injuries?", "Left knee, 2024", "Pregnant?", "No"));
        assertThat(list(otherTenant, fx.newClientId())).isEmpty();
    }

    @Test
    void a_submission_is_never_replaced() {
        IntakeSubmission stored = insert(fx.intakeForm(tenant, ana));
        IntakeSubmission forged = new IntakeSubmission(stored.id(), tenant, ana, "Waiver", 2, fx.now(), Map.of());

        duplicate(() -> insert(forged));

        assertThat(list(tenant, ana)).containsExactly(stored);
    }

    @Test
    void erasure_deletes_every_submission_of_the_client_counts_them_and_can_run_again() {
        insert(fx.intakeForm(tenant, ana));
        insert(fx.intakeForm(tenant, ana));
        ClientId bea = fx.newClientId();
        IntakeSubmission beas = insert(fx.intakeForm(tenant, bea));
        IntakeSubmission elsewhere = insert(fx.intakeForm(otherTenant, ana));

        assertThat(tx.inTransaction(() -> forms.deleteAllForClient(tenant, ana))).isEqualTo(2);
        assertThat(tx.inTransaction(() -> forms.deleteAllForClient(tenant, ana))).isZero();

        assertThat(list(tenant, ana)).isEmpty();
        assertThat(list(tenant, bea)).containsExactly(beas);
        assertThat(list(otherTenant, ana)).containsExactly(elsewhere);
    }

    @Test
    void a_rolled_back_unit_of_work_leaves_no_submission_and_deletes_nothing() {
        IntakeSubmission kept = insert(fx.intakeForm(tenant, ana));
        IntakeSubmission added = fx.intakeForm(tenant, ana);

        rolledBack(tx, () -> forms.insert(added));
        rolledBack(tx, () -> forms.deleteAllForClient(tenant, ana));

        assertThat(list(tenant, ana)).containsExactly(kept);
    }
}
