package io.clientele.testkit.contract;

import static io.clientele.testkit.contract.Expect.oneWins;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.Label;
import io.clientele.client.port.GroupRepository;
import io.clientele.client.port.LabelRepository;
import io.clientele.common.ConflictException;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.LockProbe;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.Race;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link LabelRepository} and {@link GroupRepository} must guarantee when units of work run at
 * the same time, on two threads with the store's real isolation: a name stays unique under
 * simultaneous inserts (one stored, the other a {@code DUPLICATE}); an entry held by {@code
 * findForShare} (an assignment under way) is deleted only after that unit of work ended; and
 * {@code findForShare} waits for a delete under way and then finds nothing, so no client is given
 * a label or group whose delete has already removed it from every client.
 *
 * <p>Extend it in the adapter's tests and answer the two factory methods with runners that let
 * units of work run at the same time (in memory, {@code MemoryTransactions.interleaved()}), and
 * {@link #lockProbe()}. Not thread-safe: JUnit makes one instance per test.
 */
public abstract class CatalogConcurrencyContract {

    private static final int ROUNDS = 5;

    private LabelRepository labels;
    private TransactionRunner labelTx;
    private GroupRepository groups;
    private TransactionRunner groupTx;
    private LockProbe probe;
    private Fixtures fx;
    private TenantId tenant;

    /**
     * The label adapter under test and the runner whose units of work it joins, which must let
     * units of work run at the same time; called before each test.
     */
    protected abstract PortUnderTest<LabelRepository> createLabelRepository();

    /**
     * The group adapter under test and the runner whose units of work it joins, which must let
     * units of work run at the same time; called before each test.
     */
    protected abstract PortUnderTest<GroupRepository> createGroupRepository();

    /** Tells when a thread waits for a row lock of the adapters' store; called before each test, after the factories. */
    protected abstract LockProbe lockProbe();

    @BeforeEach
    void setUpCatalogConcurrencyContract() {
        PortUnderTest<LabelRepository> labelAdapter = createLabelRepository();
        labels = labelAdapter.port();
        labelTx = labelAdapter.transactions();
        PortUnderTest<GroupRepository> groupAdapter = createGroupRepository();
        groups = groupAdapter.port();
        groupTx = groupAdapter.transactions();
        probe = lockProbe();
        fx = Fixtures.standard();
        tenant = fx.newTenant();
    }

    @Test
    void of_two_labels_inserted_at_once_with_one_name_one_is_stored_and_the_other_is_a_duplicate() {
        for (int round = 0; round < ROUNDS; round++) {
            Label one = fx.label(tenant, "Label " + round);
            Label two = fx.label(tenant, "LABEL " + round);

            int winner = oneWins(Race.together(List.of(() -> labelTx.inTransaction(() -> labels.insert(one)),
                    () -> labelTx.inTransaction(() -> labels.insert(two)))), ConflictException.Reason.DUPLICATE);

            Label stored = List.of(one, two).get(winner);
            assertThat(labelTx.inReadOnlyTransaction(() -> labels.list(tenant, PageRequest.first(PageRequest.MAX_SIZE)).items())).contains(stored)
                    .doesNotContain(List.of(one, two).get(1 - winner));
        }
    }

    @Test
    void of_two_groups_inserted_at_once_with_one_name_one_is_stored_and_the_other_is_a_duplicate() {
        for (int round = 0; round < ROUNDS; round++) {
            ClientGroup one = fx.group(tenant, "Group " + round);
            ClientGroup two = fx.group(tenant, "group " + round);

            int winner = oneWins(Race.together(List.of(() -> groupTx.inTransaction(() -> groups.insert(one)),
                    () -> groupTx.inTransaction(() -> groups.insert(two)))), ConflictException.Reason.DUPLICATE);

            assertThat(groupTx.inReadOnlyTransaction(() -> groups.list(tenant, PageRequest.first(PageRequest.MAX_SIZE)).items())).contains(List.of(one, two).get(winner))
                    .doesNotContain(List.of(one, two).get(1 - winner));
        }
    }

    @Test
    void a_label_held_for_an_assignment_is_deleted_only_after_the_assignment_ended() {
        Label vip = labelTx.inTransaction(() -> labels.insert(fx.label(tenant, "VIP")));

        Race.Sequence<Label, Boolean> run = Race.holdAndWait(probe,
                holding -> () -> labelTx.inTransaction(() -> {
                    Label held = labels.findForShare(tenant, vip.id()).orElseThrow();
                    holding.run();
                    return held;
                }),
                () -> labelTx.inTransaction(() -> labels.delete(tenant, vip.id(), 0)));

        assertThat(run.holder().get()).isEqualTo(vip);
        assertThat(run.waiter().get()).isTrue();
        assertThat(labelTx.inReadOnlyTransaction(() -> labels.find(tenant, vip.id()))).isEmpty();
    }

    @Test
    void an_assignment_waits_for_a_delete_of_its_label_under_way_and_then_finds_nothing() {
        Label vip = labelTx.inTransaction(() -> labels.insert(fx.label(tenant, "VIP")));

        Race.Sequence<Boolean, Optional<Label>> run = Race.holdAndWait(probe,
                holding -> () -> labelTx.inTransaction(() -> {
                    boolean deleted = labels.delete(tenant, vip.id(), 0);
                    holding.run();
                    return deleted;
                }),
                () -> labelTx.inTransaction(() -> labels.findForShare(tenant, vip.id())));

        assertThat(run.holder().get()).isTrue();
        assertThat(run.waiter().get()).isEmpty();
    }

    @Test
    void a_group_held_for_a_new_member_is_deleted_only_after_that_unit_of_work_ended() {
        ClientGroup morning = groupTx.inTransaction(() -> groups.insert(fx.group(tenant, "Morning")));

        Race.Sequence<ClientGroup, Boolean> run = Race.holdAndWait(probe,
                holding -> () -> groupTx.inTransaction(() -> {
                    ClientGroup held = groups.findForShare(tenant, morning.id()).orElseThrow();
                    holding.run();
                    return held;
                }),
                () -> groupTx.inTransaction(() -> groups.delete(tenant, morning.id(), 0)));

        assertThat(run.holder().get()).isEqualTo(morning);
        assertThat(run.waiter().get()).isTrue();
    }

    @Test
    void a_new_member_waits_for_a_delete_of_its_group_under_way_and_then_finds_nothing() {
        ClientGroup morning = groupTx.inTransaction(() -> groups.insert(fx.group(tenant, "Morning")));

        Race.Sequence<Boolean, Optional<ClientGroup>> run = Race.holdAndWait(probe,
                holding -> () -> groupTx.inTransaction(() -> {
                    boolean deleted = groups.delete(tenant, morning.id(), 0);
                    holding.run();
                    return deleted;
                }),
                () -> groupTx.inTransaction(() -> groups.findForShare(tenant, morning.id())));

        assertThat(run.holder().get()).isTrue();
        assertThat(run.waiter().get()).isEmpty();
    }
}
