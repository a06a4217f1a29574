package io.clientele.testkit.contract;

import static io.clientele.testkit.contract.Expect.duplicate;
import static io.clientele.testkit.contract.Expect.rolledBack;
import static io.clientele.testkit.contract.Expect.stale;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.DisplayName;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.port.MembershipTypeRepository;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.PortUnderTest;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link MembershipTypeRepository}: types are stored at version 0, never replaced
 * by an insert, found in their tenant only and listed by name key; names are unique per tenant
 * ignoring case ({@code DUPLICATE}); updates are version-checked ({@code STALE_VERSION}); a
 * rolled-back unit of work leaves nothing.
 *
 * <p>Extend it in the adapter's tests and answer {@link #createAdapter()}. Not thread-safe: JUnit
 * makes one instance per test.
 */
public abstract class MembershipTypeRepositoryContract {

    private MembershipTypeRepository types;
    private TransactionRunner tx;
    private Fixtures fx;
    private TenantId tenant;
    private TenantId otherTenant;

    /**
     * The adapter under test and the runner whose units of work it joins, called before each test.
     * The store may hold other tests' types: every test uses tenants of its own.
     */
    protected abstract PortUnderTest<MembershipTypeRepository> createAdapter();

    @BeforeEach
    void setUpMembershipTypeRepositoryContract() {
        PortUnderTest<MembershipTypeRepository> adapter = createAdapter();
        types = adapter.port();
        tx = adapter.transactions();
        fx = Fixtures.standard();
        tenant = fx.newTenant();
        otherTenant = fx.newTenant();
    }

    private MembershipType insert(MembershipType type) {
        return tx.inTransaction(() -> types.insert(type));
    }

    private <T> T read(Supplier<T> work) {
        return tx.inReadOnlyTransaction(work);
    }

    private Optional<MembershipType> find(TenantId in, MembershipType type) {
        return read(() -> types.find(in, type.id()));
    }

    @Test
    void a_new_type_is_stored_at_version_0_and_found_in_its_tenant_only() {
        MembershipType gold = fx.membershipType(tenant, "Gold");

        MembershipType stored = insert(gold.withVersion(2));

        assertThat(stored).isEqualTo(gold);
        assertThat(find(tenant, gold)).contains(gold);
        assertThat(find(otherTenant, gold)).isEmpty();
    }

    @Test
    void an_id_that_is_stored_already_cannot_be_inserted_again() {
        MembershipType gold = insert(fx.membershipType(tenant, "Gold"));

        duplicate(() -> insert(gold.renamed(new DisplayName("Silver"))));

        assertThat(find(tenant, gold)).contains(gold);
    }

    @Test
    void names_are_unique_per_tenant_ignoring_case() {
        MembershipType gold = insert(fx.membershipType(tenant, "Gold"));
        MembershipType silver = insert(fx.membershipType(tenant, "Silver"));

        duplicate(() -> insert(fx.membershipType(tenant, "GOLD")));
        duplicate(() -> tx.inTransaction(() -> types.update(silver.renamed(new DisplayName("gold")))));

        assertThat(read(() -> types.list(tenant))).containsExactly(gold, silver);
        MembershipType elsewhere = insert(fx.membershipType(otherTenant, "Gold"));
        assertThat(find(otherTenant, elsewhere)).contains(elsewhere);
    }

    @Test
    void an_update_is_version_checked_and_raises_the_version() {
        MembershipType gold = insert(fx.membershipType(tenant, "Gold"));

        MembershipType disabled = tx.inTransaction(() -> types.update(gold.withEnabled(false)));
        stale(() -> tx.inTransaction(() -> types.update(gold.renamed(new DisplayName("Platinum")))));
        MembershipType renamed = tx.inTransaction(() -> types.update(disabled.renamed(new DisplayName("gold"))));

        assertThat(disabled.version()).isEqualTo(1);
        assertThat(renamed.version()).isEqualTo(2);
        assertThat(renamed.enabled()).isFalse();
        assertThat(find(tenant, gold)).contains(renamed);
    }

    @Test
    void the_types_of_a_tenant_are_listed_by_name_ignoring_case() {
        MembershipType silver = insert(fx.membershipType(tenant, "silver"));
        MembershipType gold = insert(fx.membershipType(tenant, "Gold"));
        MembershipType bronze = insert(fx.membershipType(tenant, "BRONZE"));
        insert(fx.membershipType(otherTenant, "Aluminium"));

        assertThat(read(() -> types.list(tenant))).containsExactly(bronze, gold, silver);
        assertThat(read(() -> types.list(fx.newTenant()))).isEmpty();
    }

    @Test
    void a_rolled_back_unit_of_work_leaves_no_type_and_no_change() {
        MembershipType gold = insert(fx.membershipType(tenant, "Gold"));
        MembershipType silver = fx.membershipType(tenant, "Silver");

        rolledBack(tx, () -> {
            types.insert(silver);
            types.update(gold.withEnabled(false));
        });

        assertThat(read(() -> types.list(tenant))).containsExactly(gold);
        assertThat(insert(fx.membershipType(tenant, "Silver")).name()).isEqualTo(new DisplayName("Silver"));
    }
}
