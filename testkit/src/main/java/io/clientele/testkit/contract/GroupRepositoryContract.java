package io.clientele.testkit.contract;

import static io.clientele.testkit.contract.Expect.duplicate;
import static io.clientele.testkit.contract.Expect.rolledBack;
import static io.clientele.testkit.contract.Expect.stale;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.GroupId;
import io.clientele.client.port.GroupRepository;
import io.clientele.common.DisplayName;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.PortUnderTest;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link GroupRepository}: client groups are found in their tenant only; names are unique
 * per tenant ignoring case ({@code DUPLICATE}); renames are version-checked ({@code
 * STALE_VERSION}); lists are sorted by name; a delete is conditional on the version (false for a
 * group that is not there); a rolled-back unit of work leaves nothing. The locks of {@code
 * findForShare} and {@code delete} under concurrency are {@link CatalogConcurrencyContract}'s.
 *
 * <p>Extend it in the adapter's tests and answer {@link #createAdapter()}. Not thread-safe: JUnit
 * makes one instance per test.
 */
public abstract class GroupRepositoryContract {

    private GroupRepository groups;
    private TransactionRunner tx;
    private Fixtures fx;
    private TenantId tenant;
    private TenantId otherTenant;

    /**
     * The adapter under test and the runner whose units of work it joins, called before each test.
     * The store may hold other tests' groups: every test uses tenants of its own.
     */
    protected abstract PortUnderTest<GroupRepository> createAdapter();

    @BeforeEach
    void setUpGroupRepositoryContract() {
        PortUnderTest<GroupRepository> adapter = createAdapter();
        groups = adapter.port();
        tx = adapter.transactions();
        fx = Fixtures.standard();
        tenant = fx.newTenant();
        otherTenant = fx.newTenant();
    }

    private ClientGroup insert(ClientGroup group) {
        return tx.inTransaction(() -> groups.insert(group));
    }

    private <T> T read(Supplier<T> work) {
        return tx.inReadOnlyTransaction(work);
    }

    private Optional<ClientGroup> find(TenantId in, GroupId id) {
        return read(() -> groups.find(in, id));
    }

    @Test
    void a_new_group_is_found_in_its_tenant_only() {
        ClientGroup vip = fx.group(tenant, "VIP");

        ClientGroup stored = insert(vip);

        assertThat(stored).isEqualTo(vip);
        assertThat(find(tenant, vip.id())).contains(vip);
        assertThat(find(otherTenant, vip.id())).isEmpty();
        assertThat(tx.inTransaction(() -> groups.findForShare(tenant, vip.id()))).contains(vip);
        assertThat(tx.inTransaction(() -> groups.findForShare(otherTenant, vip.id()))).isEmpty();
    }

    @Test
    void an_id_that_is_stored_already_cannot_be_inserted_again() {
        ClientGroup vip = insert(fx.group(tenant, "VIP"));

        duplicate(() -> insert(vip.renamed(new DisplayName("Regulars"))));

        assertThat(find(tenant, vip.id())).contains(vip);
        assertThat(read(() -> groups.list(tenant, PageRequest.first(PageRequest.MAX_SIZE)).items())).containsExactly(vip);
    }

    @Test
    void names_are_unique_per_tenant_ignoring_case() {
        ClientGroup vip = insert(fx.group(tenant, "VIP"));
        ClientGroup twin = fx.group(tenant, "vip");

        duplicate(() -> insert(twin));

        assertThat(find(tenant, twin.id())).isEmpty();
        assertThat(read(() -> groups.list(tenant, PageRequest.first(PageRequest.MAX_SIZE)).items())).containsExactly(vip);
        ClientGroup elsewhere = insert(fx.group(otherTenant, "VIP"));
        assertThat(find(otherTenant, elsewhere.id())).contains(elsewhere);
    }

    @Test
    void a_rename_is_version_checked_raises_the_version_and_keeps_names_unique() {
        ClientGroup vip = insert(fx.group(tenant, "VIP"));
        ClientGroup regulars = insert(fx.group(tenant, "Regulars"));

        ClientGroup renamed = tx.inTransaction(() -> groups.update(vip.renamed(new DisplayName("Vip"))));
        stale(() -> tx.inTransaction(() -> groups.update(vip.renamed(new DisplayName("Gold")))));
        duplicate(() -> tx.inTransaction(() -> groups.update(renamed.renamed(new DisplayName("REGULARS")))));

        assertThat(renamed.version()).isEqualTo(1);
        assertThat(renamed.name()).isEqualTo(new DisplayName("Vip"));
        assertThat(find(tenant, vip.id())).contains(renamed);
        assertThat(find(tenant, regulars.id())).contains(regulars);
    }

    @Test
    void groups_are_listed_and_found_by_ids_sorted_by_name_in_their_tenant_only() {
        ClientGroup cardio = insert(fx.group(tenant, "Cardio"));
        ClientGroup advanced = insert(fx.group(tenant, "Advanced"));
        ClientGroup beginners = insert(fx.group(tenant, "Beginners"));
        ClientGroup elsewhere = insert(fx.group(otherTenant, "Aerial"));

        assertThat(read(() -> groups.list(tenant, PageRequest.first(PageRequest.MAX_SIZE)).items())).containsExactly(advanced, beginners, cardio);
        assertThat(read(() -> groups.findAll(tenant, List.of(cardio.id(), elsewhere.id(), advanced.id(),
                new GroupId(fx.nextId()), cardio.id())))).containsExactly(advanced, cardio);
        assertThat(read(() -> groups.findAll(tenant, List.of()))).isEmpty();
        assertThat(read(() -> groups.list(fx.newTenant(), PageRequest.first()).items())).isEmpty();
    }

    @Test
    void a_delete_of_the_expected_version_removes_the_group_and_frees_its_name() {
        ClientGroup vip = insert(fx.group(tenant, "VIP"));
        ClientGroup current = tx.inTransaction(() -> groups.update(vip.renamed(new DisplayName("Gold"))));

        stale(() -> tx.inTransaction(() -> groups.delete(tenant, vip.id(), 0)));
        assertThat(find(tenant, vip.id())).contains(current);
        assertThat(tx.inTransaction(() -> groups.delete(otherTenant, vip.id(), 1))).isFalse();
        assertThat(find(tenant, vip.id())).contains(current);

        assertThat(tx.inTransaction(() -> groups.delete(tenant, vip.id(), 1))).isTrue();
        assertThat(find(tenant, vip.id())).isEmpty();
        assertThat(tx.inTransaction(() -> groups.delete(tenant, vip.id(), 1))).isFalse();
        ClientGroup again = insert(fx.group(tenant, "gold"));
        assertThat(read(() -> groups.list(tenant, PageRequest.first(PageRequest.MAX_SIZE)).items())).containsExactly(again);
    }

    @Test
    void a_rolled_back_unit_of_work_leaves_no_group_no_rename_and_no_delete() {
        ClientGroup vip = insert(fx.group(tenant, "VIP"));
        ClientGroup regulars = insert(fx.group(tenant, "Regulars"));
        ClientGroup newcomers = fx.group(tenant, "Newcomers");

        rolledBack(tx, () -> {
            groups.insert(newcomers);
            groups.update(vip.renamed(new DisplayName("Gold")));
            groups.delete(tenant, regulars.id(), 0);
        });

        assertThat(read(() -> groups.list(tenant, PageRequest.first(PageRequest.MAX_SIZE)).items())).containsExactly(regulars, vip);
        ClientGroup again = insert(fx.group(tenant, "Newcomers"));
        assertThat(find(tenant, again.id())).contains(again);
    }
}
