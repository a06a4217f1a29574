package io.clientele.adapter.memory;

import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.common.TransactionRunner;
import io.clientele.testing.TestClientele;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

class ReadOnlyUnitOfWorkTest {

    private final TestClientele t = new TestClientele();
    private final MemoryTransactions tx = t.memory.transactions();

    @Test
    @Tag("in-memory")
    void a_write_in_a_read_only_unit_fails_and_leaves_the_store_as_it_was() {
        Client ana = t.ana();
        Map<String, List<String>> before = t.storedState();

        assertThatThrownBy(() -> tx.inReadOnlyTransaction(
                () -> t.memory.clients().update(ana.withLocked(true, t.clock.instant()))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("read-only");

        assertThat(t.storedState()).isEqualTo(before);
        assertThat(t.reload(ana.id()).locked()).isFalse();
    }

    @Test
    void a_row_lock_in_a_read_only_unit_fails_as_select_for_update_does_in_a_read_only_sql_transaction() {
        Client ana = t.ana();

        assertThatThrownBy(() -> tx.inReadOnlyTransaction(
                () -> t.memory.clients().findForUpdate(TENANT, ana.id())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("read-only");
    }

    @Test
    @Tag("in-memory")
    void reads_run_in_a_read_only_unit_and_a_read_only_call_inside_a_writing_unit_joins_it() {
        Client ana = t.ana();

        assertThat(tx.inReadOnlyTransaction(() -> t.memory.clients().find(TENANT, ana.id()))).isPresent();
        Client locked = tx.inTransaction(() -> tx.inReadOnlyTransaction(
                () -> t.memory.clients().update(ana.withLocked(true, t.clock.instant()))));
        assertThat(locked.locked()).isTrue();
    }

    @Test
    void a_runner_written_before_read_only_units_existed_runs_them_as_ordinary_units() {
        int[] units = {0};
        TransactionRunner legacy = new TransactionRunner() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                units[0]++;
                return work.get();
            }
        };

        assertThat(legacy.inReadOnlyTransaction(() -> "read")).isEqualTo("read");
        assertThat(units[0]).isEqualTo(1);
    }
}
