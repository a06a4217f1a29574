package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.clientele.common.ClientId;
import io.clientele.common.DomainEvent;
import io.clientele.common.EventPublisher;
import io.clientele.common.TenantId;
import io.clientele.intake.model.IntakeEvents.IntakeFormRecorded;
import io.clientele.intake.model.IntakeSubmission;
import io.clientele.testkit.Fixtures;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The resource-local {@link JpaTransactionRunner} on PostgreSQL 17 and H2: a unit of work is one
 * database transaction that a nested call joins; the host's publisher gets a unit's events once,
 * in order, only after its commit is visible to other connections, and never those of a unit that
 * rolled back; a read-only unit on PostgreSQL is {@code BEGIN READ ONLY}. Writes go through the
 * intake form repository; other connections read {@code intake_submission} with plain JDBC.
 */
class JpaTransactionRunnerTest {

    /** SQLSTATE {@code read_only_sql_transaction}: PostgreSQL refuses a write in a read-only transaction. */
    private static final String READ_ONLY_SQL_TRANSACTION = "25006";

    private final Fixtures fx = Fixtures.standard();
    private final TenantId tenant = fx.newTenant();
    private final ClientId ana = fx.newClientId();

    /**
     * The host's publisher: records every call it gets and, at each, whether the unit's write was
     * visible from another connection.
     */
    private static final class HostPublisher implements EventPublisher {
        final List<List<DomainEvent>> calls = new CopyOnWriteArrayList<>();
        final List<Boolean> writeVisibleAtCall = new CopyOnWriteArrayList<>();
        private final BooleanSupplier writeVisible;

        HostPublisher(BooleanSupplier writeVisible) {
            this.writeVisible = writeVisible;
        }

        @Override
        public void publish(DomainEvent event) {
            publishAll(List.of(event));
        }

        @Override
        public void publishAll(List<? extends DomainEvent> events) {
            calls.add(List.copyOf(events));
            writeVisibleAtCall.add(writeVisible.getAsBoolean());
        }
    }

    /** Thrown inside a unit of work to roll it back. */
    private static final class RollBack extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RollBack() {
            super("the test rolls this unit of work back");
        }
    }

    private DomainEvent recorded(IntakeSubmission form) {
        return new IntakeFormRecorded(form.tenantId(), form.clientId(), form.id(), fx.now());
    }

    /** How many rows of {@code intake_submission} hold {@code form}, read on {@code connection}. */
    private static int rowsOf(Connection connection, IntakeSubmission form) {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COUNT(*) FROM intake_submission WHERE tenant_id = ? AND id = ?")) {
            select.setString(1, form.tenantId().value());
            select.setObject(2, form.id());
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new AssertionError("could not read intake_submission", e);
        }
    }

    /** A connection of the test's own, outside the adapters' units of work, committing each statement. */
    private static Connection otherConnection(TestedDatabase db) throws SQLException {
        Connection connection = db.dataSource().getConnection();
        connection.setAutoCommit(true);
        return connection;
    }

    private static List<String> sqlStates(Throwable thrown) {
        List<String> states = new ArrayList<>();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                states.add(sql.getSQLState());
            }
        }
        return states;
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void a_rolled_back_unit_of_work_publishes_no_event_and_keeps_none_of_its_writes(TestedDatabase db)
            throws SQLException {
        JpaAdapters jpa = db.adapters();
        IntakeSubmission form = fx.intakeForm(tenant, ana);
        try (Connection other = otherConnection(db)) {
            HostPublisher host = new HostPublisher(() -> rowsOf(other, form) == 1);
            EventPublisher events = jpa.eventsAfterCommit(host);

            assertThatThrownBy(() -> jpa.transactions().run(() -> {
                jpa.intakeForms().insert(form);
                events.publish(recorded(form));
                throw new RollBack();
            })).isInstanceOf(RollBack.class);

            assertThat(host.calls).isEmpty();
            assertThat(rowsOf(other, form)).isZero();
        }
        assertThat(jpa.transactions().inReadOnlyTransaction(() -> jpa.intakeForms().listForClient(tenant, ana)))
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void the_events_of_a_rolled_back_unit_of_work_do_not_leak_into_the_next_unit_of_the_thread(TestedDatabase db) {
        JpaAdapters jpa = db.adapters();
        IntakeSubmission dropped = fx.intakeForm(tenant, ana);
        IntakeSubmission kept = fx.intakeForm(tenant, ana);
        HostPublisher host = new HostPublisher(() -> true);
        EventPublisher events = jpa.eventsAfterCommit(host);
        assertThatThrownBy(() -> jpa.transactions().run(() -> {
            jpa.intakeForms().insert(dropped);
            events.publish(recorded(dropped));
            throw new RollBack();
        })).isInstanceOf(RollBack.class);

        jpa.transactions().run(() -> {
            jpa.intakeForms().insert(kept);
            events.publish(recorded(kept));
        });

        assertThat(host.calls).containsExactly(List.of(recorded(kept)));
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void a_committed_unit_of_work_hands_its_events_once_in_order_only_when_its_writes_are_visible_to_other_connections(
            TestedDatabase db) throws SQLException {
        JpaAdapters jpa = db.adapters();
        IntakeSubmission form = fx.intakeForm(tenant, ana);
        DomainEvent first = recorded(form);
        DomainEvent second = recorded(fx.intakeForm(tenant, ana));
        DomainEvent third = recorded(fx.intakeForm(tenant, ana));
        try (Connection other = otherConnection(db)) {
            HostPublisher host = new HostPublisher(() -> rowsOf(other, form) == 1);
            EventPublisher events = jpa.eventsAfterCommit(host);

            jpa.transactions().run(() -> {
                jpa.intakeForms().insert(form);
                events.publish(first);
                events.publishAll(List.of(second, third));
                assertThat(host.calls).as("calls to the host before the commit").isEmpty();
                assertThat(rowsOf(other, form)).as("the write seen from another connection before the commit")
                        .isZero();
            });

            assertThat(host.calls).containsExactly(List.of(first, second, third));
            assertThat(host.writeVisibleAtCall).containsExactly(true);
        }
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void a_call_inside_a_unit_of_work_joins_its_transaction_and_rolls_back_with_it(TestedDatabase db)
            throws SQLException {
        JpaAdapters jpa = db.adapters();
        IntakeSubmission outerForm = fx.intakeForm(tenant, ana);
        IntakeSubmission innerForm = fx.intakeForm(tenant, ana);
        try (Connection other = otherConnection(db)) {
            assertThatThrownBy(() -> jpa.transactions().run(() -> {
                EntityManager outer = jpa.entityManagers().current();
                jpa.intakeForms().insert(outerForm);
                jpa.transactions().run(() -> {
                    assertThat(jpa.entityManagers().current()).isSameAs(outer);
                    jpa.intakeForms().insert(innerForm);
                });
                List<IntakeSubmission> seenInside = jpa.transactions().inReadOnlyTransaction(() -> {
                    assertThat(jpa.entityManagers().current()).isSameAs(outer);
                    return jpa.intakeForms().listForClient(tenant, ana);
                });
                assertThat(seenInside).as("both writes, uncommitted, seen inside the unit")
                        .containsExactlyInAnyOrder(outerForm, innerForm);
                assertThat(rowsOf(other, innerForm)).as("the joined call's write seen from another connection")
                        .isZero();
                throw new RollBack();
            })).isInstanceOf(RollBack.class);

            assertThat(rowsOf(other, outerForm)).isZero();
            assertThat(rowsOf(other, innerForm)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void events_published_in_a_joined_call_reach_the_host_once_after_the_outer_unit_commits(TestedDatabase db)
            throws SQLException {
        JpaAdapters jpa = db.adapters();
        IntakeSubmission form = fx.intakeForm(tenant, ana);
        DomainEvent outerEvent = recorded(fx.intakeForm(tenant, ana));
        DomainEvent innerEvent = recorded(form);
        try (Connection other = otherConnection(db)) {
            HostPublisher host = new HostPublisher(() -> rowsOf(other, form) == 1);
            EventPublisher events = jpa.eventsAfterCommit(host);

            jpa.transactions().run(() -> {
                events.publish(outerEvent);
                jpa.transactions().run(() -> {
                    jpa.intakeForms().insert(form);
                    events.publish(innerEvent);
                });
                assertThat(host.calls).as("calls to the host once the joined call returned").isEmpty();
            });

            assertThat(host.calls).containsExactly(List.of(outerEvent, innerEvent));
            assertThat(host.writeVisibleAtCall).containsExactly(true);
        }
    }

    @Test
    void a_read_only_unit_on_postgresql_refuses_a_write_with_the_database_s_own_error() {
        JpaAdapters jpa = Databases.postgresAdapters();
        IntakeSubmission form = fx.intakeForm(tenant, ana);

        Throwable thrown = catchThrowable(() -> jpa.transactions().inReadOnlyTransaction(() -> {
            jpa.intakeForms().insert(form);
            return form;
        }));

        assertThat(sqlStates(thrown)).contains(READ_ONLY_SQL_TRANSACTION);
        assertThat(jpa.transactions().inReadOnlyTransaction(() -> jpa.intakeForms().listForClient(tenant, ana)))
                .isEmpty();
    }

    @Test
    void a_read_only_unit_on_postgresql_refuses_a_row_lock_with_the_database_s_own_error() {
        JpaAdapters jpa = Databases.postgresAdapters();
        IntakeSubmission form = fx.intakeForm(tenant, ana);
        jpa.transactions().run(() -> jpa.intakeForms().insert(form));

        Throwable thrown = catchThrowable(() -> jpa.transactions().inReadOnlyTransaction(() ->
                jpa.entityManagers().current()
                        .createNativeQuery("SELECT id FROM intake_submission WHERE tenant_id = ?1 FOR UPDATE")
                        .setParameter(1, tenant.value())
                        .getResultList()));

        assertThat(sqlStates(thrown)).contains(READ_ONLY_SQL_TRANSACTION);
    }
}
