package io.clientele.client;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.GroupId;
import io.clientele.client.model.Label;
import io.clientele.client.model.LabelId;
import io.clientele.common.NotFoundException;
import io.clientele.common.PageRequest;
import io.clientele.testing.LockStep;
import io.clientele.testing.TestClientele;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * Regression for "deleting a label or group writes to clients without their locks": an assignment
 * that had read the label just before its delete committed afterwards, leaving the client with a
 * label the catalog no longer had, which could then never be unassigned (label not found); and the
 * in-memory bulk rewrite ignored the row locks a SQL {@code UPDATE} waits for.
 *
 * <p>On interleaved units of work (as at READ COMMITTED), each race runs in both orders, forced
 * step by step: the first use case holds its first row lock (the catalog entry's: an assignment
 * locks the label before the client, a delete locks it before any client) and the second waits for
 * it. Either way no client is left with a label or group the catalog does not have.
 */
class CatalogDeletionRaceTest {

    /** A studio on interleaving units of work with Ana, a label and a group. */
    static final class Studio {
        final TestClientele t = new TestClientele(MemoryTransactions.interleaved());
        final Client ana = t.ana();
        final Label vip = t.clientele.labels().create(OWNER, TENANT, "VIP");
        final ClientGroup yoga = t.clientele.groups().create(OWNER, TENANT, "Morning yoga");

        Client stored() {
            return t.reload(ana.id());
        }

        Callable<Object> deleteLabel() {
            return () -> {
                t.clientele.labels().delete(OWNER, TENANT, vip.id(), t.labelVersion(vip.id()));
                return null;
            };
        }

        Callable<Object> deleteGroup() {
            return () -> {
                t.clientele.groups().delete(OWNER, TENANT, yoga.id(), t.groupVersion(yoga.id()));
                return null;
            };
        }

        /** Labels some client holds that the catalog does not have. */
        Set<LabelId> danglingLabels() {
            Set<LabelId> catalog = t.clientele.labels().list(OWNER, TENANT, PageRequest.first()).items().stream()
                    .map(Label::id)
                    .collect(Collectors.toSet());
            return clients().stream().flatMap(c -> c.labels().stream()).filter(id -> !catalog.contains(id))
                    .collect(Collectors.toSet());
        }

        /** Groups some client is in that the catalog does not have. */
        Set<GroupId> danglingGroups() {
            Set<GroupId> catalog = t.clientele.groups().list(OWNER, TENANT, PageRequest.first()).items().stream()
                    .map(ClientGroup::id)
                    .collect(Collectors.toSet());
            return clients().stream().flatMap(c -> c.groups().stream()).filter(id -> !catalog.contains(id))
                    .collect(Collectors.toSet());
        }

        private List<Client> clients() {
            return t.memory.clients().contents().stream().map(Client.class::cast).toList();
        }
    }

    @Test
    @Tag("in-memory")
    void a_label_deleted_while_being_assigned_no_longer_leaves_a_dangling_label_on_the_client() throws Exception {
        for (boolean assignFirst : List.of(true, false)) {
            Studio s = new Studio();
            Callable<Object> assign = () -> s.t.clientele.labels().assign(OWNER, TENANT, s.ana.id(), s.vip.id());
            LockStep step = new LockStep(s.t.memory.transactions());
            LockStep.Outcomes outcomes = assignFirst ? step.run(assign, s.deleteLabel())
                    : step.run(s.deleteLabel(), assign);
            LockStep.Outcome assigned = assignFirst ? outcomes.first() : outcomes.second();
            LockStep.Outcome deleted = assignFirst ? outcomes.second() : outcomes.first();

            String which = assignFirst ? "assign first" : "delete first";
            assertThat(deleted.succeeded()).as(which + ": the delete").isTrue();
            if (assignFirst) {
                assertThat(assigned.succeeded()).as(which + ": the assignment").isTrue();
            } else {
                assertThat(assigned.thrown()).as(which + ": the assignment finds the label gone")
                        .isInstanceOf(NotFoundException.class);
            }
            assertThat(s.stored().labels()).as(which).isEmpty();
            assertThat(s.danglingLabels()).as(which).isEmpty();
        }
    }

    @Test
    @Tag("in-memory")
    void unassigning_a_label_that_is_being_deleted_never_meets_a_dangling_label() throws Exception {
        for (boolean unassignFirst : List.of(true, false)) {
            Studio s = new Studio();
            s.t.clientele.labels().assign(OWNER, TENANT, s.ana.id(), s.vip.id());
            Callable<Object> unassign = () -> s.t.clientele.labels().unassign(OWNER, TENANT, s.ana.id(), s.vip.id());
            LockStep step = new LockStep(s.t.memory.transactions());
            LockStep.Outcomes outcomes = unassignFirst ? step.run(unassign, s.deleteLabel())
                    : step.run(s.deleteLabel(), unassign);
            LockStep.Outcome unassigned = unassignFirst ? outcomes.first() : outcomes.second();
            LockStep.Outcome deleted = unassignFirst ? outcomes.second() : outcomes.first();

            String which = unassignFirst ? "unassign first" : "delete first";
            assertThat(deleted.succeeded()).as(which + ": the delete").isTrue();
            if (unassignFirst) {
                assertThat(unassigned.succeeded()).as(which + ": the unassignment").isTrue();
            } else {
                // the delete has already taken the label off Ana: nothing is left to unassign
                assertThat(unassigned.thrown()).as(which + ": the unassignment finds the label gone")
                        .isInstanceOf(NotFoundException.class);
            }
            assertThat(s.stored().labels()).as(which).isEmpty();
            assertThat(s.danglingLabels()).as(which).isEmpty();
        }
    }

    @Test
    @Tag("in-memory")
    void a_group_deleted_while_a_client_joins_no_longer_leaves_a_dangling_group_on_the_client() throws Exception {
        for (boolean joinFirst : List.of(true, false)) {
            Studio s = new Studio();
            Callable<Object> join = () -> s.t.clientele.groups().addMember(OWNER, TENANT, s.ana.id(), s.yoga.id());
            LockStep step = new LockStep(s.t.memory.transactions());
            LockStep.Outcomes outcomes = joinFirst ? step.run(join, s.deleteGroup()) : step.run(s.deleteGroup(), join);
            LockStep.Outcome joined = joinFirst ? outcomes.first() : outcomes.second();
            LockStep.Outcome deleted = joinFirst ? outcomes.second() : outcomes.first();

            String which = joinFirst ? "join first" : "delete first";
            assertThat(deleted.succeeded()).as(which + ": the delete").isTrue();
            if (joinFirst) {
                assertThat(joined.succeeded()).as(which + ": the join").isTrue();
            } else {
                assertThat(joined.thrown()).as(which + ": the join finds the group gone")
                        .isInstanceOf(NotFoundException.class);
            }
            assertThat(s.stored().groups()).as(which).isEmpty();
            assertThat(s.danglingGroups()).as(which).isEmpty();
        }
    }

    @Test
    @Tag("in-memory")
    void removing_a_member_from_a_group_that_is_being_deleted_never_meets_a_dangling_group() throws Exception {
        for (boolean removeFirst : List.of(true, false)) {
            Studio s = new Studio();
            s.t.clientele.groups().addMember(OWNER, TENANT, s.ana.id(), s.yoga.id());
            Callable<Object> remove = () -> s.t.clientele.groups().removeMember(OWNER, TENANT, s.ana.id(), s.yoga.id());
            LockStep step = new LockStep(s.t.memory.transactions());
            LockStep.Outcomes outcomes = removeFirst ? step.run(remove, s.deleteGroup())
                    : step.run(s.deleteGroup(), remove);
            LockStep.Outcome removed = removeFirst ? outcomes.first() : outcomes.second();
            LockStep.Outcome deleted = removeFirst ? outcomes.second() : outcomes.first();

            String which = removeFirst ? "remove first" : "delete first";
            assertThat(deleted.succeeded()).as(which + ": the delete").isTrue();
            if (removeFirst) {
                assertThat(removed.succeeded()).as(which + ": the removal").isTrue();
            } else {
                assertThat(removed.thrown()).as(which + ": the removal finds the group gone")
                        .isInstanceOf(NotFoundException.class);
            }
            assertThat(s.stored().groups()).as(which).isEmpty();
            assertThat(s.danglingGroups()).as(which).isEmpty();
        }
    }

    /**
     * The in-memory bulk rewrite behaves like the SQL {@code UPDATE} it stands for: it waits for
     * the lock of a labelled client another unit of work holds, then rewrites the client as that
     * unit left it (no lost update).
     */
    @Test
    @Tag("in-memory")
    void deleting_a_label_waits_for_a_unit_holding_a_labelled_client_and_keeps_that_units_change()
            throws Exception {
        Studio s = new Studio();
        s.t.clientele.labels().assign(OWNER, TENANT, s.ana.id(), s.vip.id());
        Label beginner = s.t.clientele.labels().create(OWNER, TENANT, "Beginner");

        LockStep.Outcomes outcomes = new LockStep(s.t.memory.transactions())
                .pausingAt(LockStep.clientRow(s.ana.id()))
                .run(() -> s.t.clientele.labels().assign(OWNER, TENANT, s.ana.id(), beginner.id()), s.deleteLabel());

        assertThat(outcomes.first().succeeded()).as("the other assignment").isTrue();
        assertThat(outcomes.second().succeeded()).as("the delete, after it").isTrue();
        assertThat(s.stored().labels()).containsExactly(beginner.id());
        assertThat(s.danglingLabels()).isEmpty();
    }
}
