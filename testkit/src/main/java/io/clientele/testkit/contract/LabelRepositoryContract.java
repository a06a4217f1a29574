package io.clientele.testkit.contract;

import static io.clientele.testkit.contract.Expect.duplicate;
import static io.clientele.testkit.contract.Expect.rolledBack;
import static io.clientele.testkit.contract.Expect.stale;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.Label;
import io.clientele.client.model.LabelId;
import io.clientele.client.port.LabelRepository;
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
 * The contract of {@link LabelRepository}: labels are found in their tenant only; names are unique
 * per tenant ignoring case ({@code DUPLICATE}); renames are version-checked ({@code
 * STALE_VERSION}); lists are sorted by name; a delete is conditional on the version (false for a
 * label that is not there); a rolled-back unit of work leaves nothing. The locks of {@code
 * findForShare} and {@code delete} under concurrency are {@link CatalogConcurrencyContract}'s.
 *
 * <p>Extend it in the adapter's tests and answer {@link #createAdapter()}. Not thread-safe: JUnit
 * makes one instance per test.
 */
public abstract class LabelRepositoryContract {

    private LabelRepository labels;
    private TransactionRunner tx;
    private Fixtures fx;
    private TenantId tenant;
    private TenantId otherTenant;

    /**
     * The adapter under test and the runner whose units of work it joins, called before each test.
     * The store may hold other tests' labels: every test uses tenants of its own.
     */
    protected abstract PortUnderTest<LabelRepository> createAdapter();

    @BeforeEach
    void setUpLabelRepositoryContract() {
        PortUnderTest<LabelRepository> adapter = createAdapter();
        labels = adapter.port();
        tx = adapter.transactions();
        fx = Fixtures.standard();
        tenant = fx.newTenant();
        otherTenant = fx.newTenant();
    }

    private Label insert(Label label) {
        return tx.inTransaction(() -> labels.insert(label));
    }

    private <T> T read(Supplier<T> work) {
        return tx.inReadOnlyTransaction(work);
    }

    private Optional<Label> find(TenantId in, LabelId id) {
        return read(() -> labels.find(in, id));
    }

    @Test
    void a_new_label_is_found_in_its_tenant_only() {
        Label vip = fx.label(tenant, "VIP");

        Label stored = insert(vip);

        assertThat(stored).isEqualTo(vip);
        assertThat(find(tenant, vip.id())).contains(vip);
        assertThat(find(otherTenant, vip.id())).isEmpty();
        assertThat(tx.inTransaction(() -> labels.findForShare(tenant, vip.id()))).contains(vip);
        assertThat(tx.inTransaction(() -> labels.findForShare(otherTenant, vip.id()))).isEmpty();
    }

    @Test
    void an_id_that_is_stored_already_cannot_be_inserted_again() {
        Label vip = insert(fx.label(tenant, "VIP"));

        duplicate(() -> insert(vip.renamed(new DisplayName("Regulars"))));

        assertThat(find(tenant, vip.id())).contains(vip);
        assertThat(read(() -> labels.list(tenant, PageRequest.first(PageRequest.MAX_SIZE)).items())).containsExactly(vip);
    }

    @Test
    void names_are_unique_per_tenant_ignoring_case() {
        Label vip = insert(fx.label(tenant, "VIP"));
        Label twin = fx.label(tenant, "vip");

        duplicate(() -> insert(twin));

        assertThat(find(tenant, twin.id())).isEmpty();
        assertThat(read(() -> labels.list(tenant, PageRequest.first(PageRequest.MAX_SIZE)).items())).containsExactly(vip);
        Label elsewhere = insert(fx.label(otherTenant, "VIP"));
        assertThat(find(otherTenant, elsewhere.id())).contains(elsewhere);
    }

    @Test
    void a_rename_is_version_checked_raises_the_version_and_keeps_names_unique() {
        Label vip = insert(fx.label(tenant, "VIP"));
        Label regulars = insert(fx.label(tenant, "Regulars"));

        Label renamed = tx.inTransaction(() -> labels.update(vip.renamed(new DisplayName("Vip"))));
        stale(() -> tx.inTransaction(() -> labels.update(vip.renamed(new DisplayName("Gold")))));
        duplicate(() -> tx.inTransaction(() -> labels.update(renamed.renamed(new DisplayName("REGULARS")))));

        assertThat(renamed.version()).isEqualTo(1);
        assertThat(renamed.name()).isEqualTo(new DisplayName("Vip"));
        assertThat(find(tenant, vip.id())).contains(renamed);
        assertThat(find(tenant, regulars.id())).contains(regulars);
    }

    @Test
    void labels_are_listed_and_found_by_ids_sorted_by_name_in_their_tenant_only() {
        Label cardio = insert(fx.label(tenant, "Cardio"));
        Label advanced = insert(fx.label(tenant, "Advanced"));
        Label beginners = insert(fx.label(tenant, "Beginners"));
        Label elsewhere = insert(fx.label(otherTenant, "Aerial"));

        assertThat(read(() -> labels.list(tenant, PageRequest.first(PageRequest.MAX_SIZE)).items()))
                .containsExactly(advanced, beginners, cardio);
        assertThat(read(() -> labels.findAll(tenant, List.of(cardio.id(), elsewhere.id(), advanced.id(),
                new LabelId(fx.nextId()), cardio.id())))).containsExactly(advanced, cardio);
        assertThat(read(() -> labels.findAll(tenant, List.of()))).isEmpty();
        assertThat(read(() -> labels.list(fx.newTenant(), PageRequest.first()).items())).isEmpty();
    }

    @Test
    void a_delete_of_the_expected_version_removes_the_label_and_frees_its_name() {
        Label vip = insert(fx.label(tenant, "VIP"));
        Label current = tx.inTransaction(() -> labels.update(vip.renamed(new DisplayName("Gold"))));

        stale(() -> tx.inTransaction(() -> labels.delete(tenant, vip.id(), 0)));
        assertThat(find(tenant, vip.id())).contains(current);
        assertThat(tx.inTransaction(() -> labels.delete(otherTenant, vip.id(), 1))).isFalse();
        assertThat(find(tenant, vip.id())).contains(current);

        assertThat(tx.inTransaction(() -> labels.delete(tenant, vip.id(), 1))).isTrue();
        assertThat(find(tenant, vip.id())).isEmpty();
        assertThat(tx.inTransaction(() -> labels.delete(tenant, vip.id(), 1))).isFalse();
        Label again = insert(fx.label(tenant, "gold"));
        assertThat(read(() -> labels.list(tenant, PageRequest.first(PageRequest.MAX_SIZE)).items())).containsExactly(again);
    }

    @Test
    void a_rolled_back_unit_of_work_leaves_no_label_no_rename_and_no_delete() {
        Label vip = insert(fx.label(tenant, "VIP"));
        Label regulars = insert(fx.label(tenant, "Regulars"));
        Label newcomers = fx.label(tenant, "Newcomers");

        rolledBack(tx, () -> {
            labels.insert(newcomers);
            labels.update(vip.renamed(new DisplayName("Gold")));
            labels.delete(tenant, regulars.id(), 0);
        });

        assertThat(read(() -> labels.list(tenant, PageRequest.first(PageRequest.MAX_SIZE)).items())).containsExactly(regulars, vip);
        Label again = insert(fx.label(tenant, "Newcomers"));
        assertThat(find(tenant, again.id())).contains(again);
    }
}
