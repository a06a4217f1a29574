package io.clientele.testkit.contract;

import static io.clientele.testkit.contract.Expect.duplicate;
import static io.clientele.testkit.contract.Expect.rolledBack;
import static io.clientele.testkit.contract.Expect.stale;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.ClientId;
import io.clientele.common.MembershipId;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipStatus;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.port.MembershipRepository;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.PortUnderTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link MembershipRepository}: memberships are stored at version 0, never replaced
 * by an insert, and found in their tenant only; updates are version-checked ({@code
 * STALE_VERSION}); a client's memberships are listed oldest start date first, then by id; the
 * issuance job's pages of due memberships ({@link Membership#isDueOn}) span tenants, keep each
 * tenant's memberships together in id order, stay within their limit and, walked page after page,
 * answer every due membership exactly once; a rolled-back unit of work leaves nothing.
 *
 * <p>The due pages span tenants, so {@link #createAdapter()} must answer an empty store. Not
 * thread-safe: JUnit makes one instance per test.
 */
public abstract class MembershipRepositoryContract {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

    private MembershipRepository memberships;
    private TransactionRunner tx;
    private Fixtures fx;
    private TenantId tenant;
    private TenantId otherTenant;
    private ClientId ana;
    private MembershipType monthly;

    /**
     * The adapter under test over an empty store, and the runner whose units of work it joins;
     * called before each test.
     */
    protected abstract PortUnderTest<MembershipRepository> createAdapter();

    @BeforeEach
    void setUpMembershipRepositoryContract() {
        PortUnderTest<MembershipRepository> adapter = createAdapter();
        memberships = adapter.port();
        tx = adapter.transactions();
        fx = Fixtures.standard();
        tenant = fx.newTenant();
        otherTenant = fx.newTenant();
        ana = fx.newClientId();
        monthly = fx.membershipType(tenant, "Monthly");
    }

    private Membership insert(Membership membership) {
        return tx.inTransaction(() -> memberships.insert(membership));
    }

    private Membership update(Membership membership) {
        return tx.inTransaction(() -> memberships.update(membership));
    }

    private <T> T read(Supplier<T> work) {
        return tx.inReadOnlyTransaction(work);
    }

    private Optional<Membership> find(TenantId in, MembershipId id) {
        return read(() -> memberships.find(in, id));
    }

    private MembershipType typeOf(TenantId in) {
        return in.equals(tenant) ? monthly : fx.membershipType(in, "Monthly");
    }

    @Test
    void a_new_membership_is_stored_at_version_0_and_found_in_its_tenant_only() {
        Membership membership = fx.membership(ana, monthly, TODAY);

        Membership stored = insert(membership.withVersion(3));

        assertThat(stored).isEqualTo(membership);
        assertThat(find(tenant, membership.id())).contains(membership);
        assertThat(find(otherTenant, membership.id())).isEmpty();
    }

    @Test
    void an_id_that_is_stored_already_cannot_be_inserted_again() {
        Membership membership = insert(fx.membership(ana, monthly, TODAY));
        Membership paused = update(membership.pause("staff:testkit", fx.now()));

        duplicate(() -> insert(membership));

        assertThat(find(tenant, membership.id())).contains(paused);
    }

    @Test
    void an_update_is_version_checked_and_raises_the_version() {
        Membership membership = insert(fx.membership(ana, monthly, TODAY));

        Membership paused = update(membership.pause("staff:testkit", fx.now()));
        stale(() -> update(membership.cancel("staff:testkit", fx.now())));

        assertThat(paused.version()).isEqualTo(1);
        assertThat(paused.status()).isEqualTo(MembershipStatus.PAUSED);
        assertThat(find(tenant, membership.id())).contains(paused);
    }

    @Test
    void a_client_s_memberships_are_listed_oldest_start_date_first_then_by_id() {
        Membership later = insert(fx.membership(ana, monthly, TODAY.plusDays(10)));
        Membership earliest = insert(fx.membership(ana, monthly, TODAY.minusMonths(2)));
        Membership sameDayFirst = insert(fx.membership(ana, monthly, TODAY));
        Membership sameDaySecond = insert(fx.membership(ana, monthly, TODAY));
        insert(fx.membership(fx.newClientId(), monthly, TODAY));
        insert(fx.membership(ana, typeOf(otherTenant), TODAY));

        assertThat(read(() -> memberships.listForClient(tenant, ana)))
                .containsExactly(earliest, sameDayFirst, sameDaySecond, later);
        assertThat(read(() -> memberships.listForClient(tenant, fx.newClientId()))).isEmpty();
    }

    @Test
    void the_due_pages_answer_every_due_membership_of_every_tenant_exactly_once() {
        TenantId third = fx.newTenant();
        Set<MembershipId> due = new LinkedHashSet<>();
        for (TenantId in : List.of(tenant, otherTenant, third)) {
            MembershipType type = typeOf(in);
            for (int i = 0; i < 3; i++) {
                due.add(insert(fx.membership(fx.newClientId(), type, TODAY.minusMonths(i))).id());
            }
            insert(fx.membership(fx.newClientId(), type, TODAY.plusDays(1)));
            insert(fx.membership(fx.newClientId(), type, TODAY.minusMonths(1)).pause("staff:testkit", fx.now()));
            insert(fx.membership(fx.newClientId(), type, TODAY.minusMonths(1)).cancel("staff:testkit", fx.now()));
            insert(fx.membership(fx.newClientId(), type, TODAY.minusMonths(1)).issuedThrough(1));
        }
        // nothing to issue any more, but running past its end date: due, to be ended
        Membership toEnd = fx.membership(fx.newClientId(), monthly, TODAY.minusMonths(2), TODAY.minusDays(20))
                .issuedThrough(1);
        due.add(insert(toEnd).id());

        List<Membership> walked = new ArrayList<>();
        List<Membership> page = read(() -> memberships.due(TODAY, 4));
        while (!page.isEmpty()) {
            assertThat(page).hasSizeLessThanOrEqualTo(4);
            walked.addAll(page);
            MembershipRepository.Position after = MembershipRepository.Position.of(page.get(page.size() - 1));
            page = read(() -> memberships.due(TODAY, after, 4));
        }

        assertThat(walked).extracting(Membership::id).containsExactlyInAnyOrderElementsOf(due);
        assertThat(walked).allMatch(m -> m.isDueOn(TODAY));
        List<TenantId> blocks = new ArrayList<>();
        for (Membership m : walked) {
            if (blocks.isEmpty() || !blocks.get(blocks.size() - 1).equals(m.tenantId())) {
                blocks.add(m.tenantId());
            }
        }
        assertThat(blocks).as("each tenant's memberships come together").doesNotHaveDuplicates().hasSize(3);
        for (TenantId in : blocks) {
            assertThat(walked.stream().filter(m -> m.tenantId().equals(in)).map(Membership::id).toList())
                    .as("in id order within a tenant").isSortedAccordingTo(Comparator.naturalOrder());
        }
    }

    @Test
    void a_rolled_back_unit_of_work_leaves_no_membership_and_no_change() {
        Membership kept = insert(fx.membership(ana, monthly, TODAY));
        Membership added = fx.membership(ana, monthly, TODAY);

        rolledBack(tx, () -> {
            memberships.insert(added);
            memberships.update(kept.cancel("staff:testkit", fx.now()));
        });

        assertThat(find(tenant, added.id())).isEmpty();
        assertThat(find(tenant, kept.id())).contains(kept);
    }
}
