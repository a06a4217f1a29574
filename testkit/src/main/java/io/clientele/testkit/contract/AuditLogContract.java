package io.clientele.testkit.contract;

import static io.clientele.testkit.contract.Expect.duplicate;
import static io.clientele.testkit.contract.Expect.rolledBack;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.port.AuditLog;
import io.clientele.common.ClientId;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.PortUnderTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link AuditLog}: entries are appended one by one or in batches of any clients
 * and tenants, all or none, joining the caller's unit of work; an entry is never overwritten (an
 * id appended again is a {@code DUPLICATE}); a
 * client's entries are paged newest first (descending id) in their tenant only; the erasure
 * replaces the personal values of one client's entries by {@value FieldChange#ERASED} and keeps
 * everything else.
 *
 * <p>Extend it in the adapter's tests and answer {@link #createAdapter()}. Not thread-safe: JUnit
 * makes one instance per test.
 */
public abstract class AuditLogContract {

    private AuditLog audit;
    private TransactionRunner tx;
    private Fixtures fx;
    private TenantId tenant;
    private TenantId otherTenant;
    private ClientId ana;

    /**
     * The adapter under test and the runner whose units of work it joins, called before each test.
     * The store may hold other tests' entries: every test uses tenants of its own.
     */
    protected abstract PortUnderTest<AuditLog> createAdapter();

    @BeforeEach
    void setUpAuditLogContract() {
        PortUnderTest<AuditLog> adapter = createAdapter();
        audit = adapter.port();
        tx = adapter.transactions();
        fx = Fixtures.standard();
        tenant = fx.newTenant();
        otherTenant = fx.newTenant();
        ana = fx.newClientId();
    }

    private List<AuditEntry> all(TenantId in, ClientId client) {
        List<AuditEntry> entries = new ArrayList<>();
        Page<AuditEntry> page = tx.inReadOnlyTransaction(() -> audit.listForClient(in, client, PageRequest.first(200)));
        entries.addAll(page.items());
        assertThat(page.hasNext()).as("a test keeps fewer than 200 entries per client").isFalse();
        return entries;
    }

    private <T> T read(Supplier<T> work) {
        return tx.inReadOnlyTransaction(work);
    }

    @Test
    void an_appended_entry_is_listed_for_its_client_in_its_tenant_only() {
        AuditEntry entry = fx.auditEntry(tenant, ana);

        tx.run(() -> audit.append(entry));

        assertThat(all(tenant, ana)).containsExactly(entry);
        assertThat(all(otherTenant, ana)).isEmpty();
        assertThat(all(tenant, fx.newClientId())).isEmpty();
    }

    @Test
    void a_client_s_entries_are_paged_newest_first() {
        List<AuditEntry> appended = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            AuditEntry entry = fx.auditEntry(tenant, ana);
            tx.run(() -> audit.append(entry));
            appended.add(0, entry);
            fx.advance(Duration.ofSeconds(1));
        }
        tx.run(() -> audit.append(fx.auditEntry(tenant, fx.newClientId())));

        Page<AuditEntry> first = read(() -> audit.listForClient(tenant, ana, PageRequest.first(2)));
        Page<AuditEntry> second = read(() -> audit.listForClient(tenant, ana,
                PageRequest.after(first.next().orElseThrow(), 2)));
        Page<AuditEntry> last = read(() -> audit.listForClient(tenant, ana,
                PageRequest.after(second.next().orElseThrow(), 2)));

        assertThat(first.items()).containsExactlyElementsOf(appended.subList(0, 2));
        assertThat(second.items()).containsExactlyElementsOf(appended.subList(2, 4));
        assertThat(last.items()).containsExactly(appended.get(4));
        assertThat(last.hasNext()).isFalse();
    }

    @Test
    void a_batch_of_entries_of_several_clients_and_tenants_is_appended_whole() {
        ClientId bea = fx.newClientId();
        List<AuditEntry> batch = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            batch.add(fx.auditEntry(i % 3 == 2 ? otherTenant : tenant, i % 3 == 0 ? ana : bea));
        }

        tx.run(() -> audit.appendAll(batch));
        tx.run(() -> audit.appendAll(List.of()));

        assertThat(all(tenant, ana)).hasSize(10).allMatch(batch::contains);
        assertThat(all(tenant, bea)).hasSize(10).allMatch(batch::contains);
        assertThat(all(otherTenant, bea)).hasSize(10).allMatch(batch::contains);
    }

    @Test
    void an_entry_is_never_overwritten_and_a_batch_holding_one_appends_nothing() {
        AuditEntry first = fx.auditEntry(tenant, ana);
        tx.run(() -> audit.append(first));
        AuditEntry rewritten = new AuditEntry(first.id(), tenant, ana, "staff:forger", first.action(),
                first.occurredAt(), List.of());
        AuditEntry fresh = fx.auditEntry(tenant, ana);

        duplicate(() -> tx.run(() -> audit.append(rewritten)));
        duplicate(() -> tx.run(() -> audit.appendAll(List.of(fresh, rewritten))));
        duplicate(() -> tx.run(() -> audit.appendAll(List.of(fresh, fresh))));

        assertThat(all(tenant, ana)).containsExactly(first);
    }

    @Test
    void appends_roll_back_with_their_unit_of_work() {
        AuditEntry one = fx.auditEntry(tenant, ana);
        AuditEntry two = fx.auditEntry(tenant, ana);

        rolledBack(tx, () -> {
            audit.append(one);
            audit.appendAll(List.of(two));
        });

        assertThat(all(tenant, ana)).isEmpty();
    }

    @Test
    void erasure_replaces_the_personal_values_of_the_client_s_entries_and_keeps_the_rest() {
        AuditEntry entry = fx.auditEntry(tenant, ana);
        AuditEntry withoutValues = new AuditEntry(fx.nextId(), tenant, ana, "staff:testkit", entry.action(),
                fx.now(), List.of(new FieldChange("phone", Optional.empty(), Optional.of("+33 6** ** ** 78"), true),
                        new FieldChange("birthDate", Optional.of("19**-**-**"), Optional.empty(), true)));
        ClientId bea = fx.newClientId();
        AuditEntry beas = fx.auditEntry(tenant, bea);
        AuditEntry elsewhere = fx.auditEntry(otherTenant, ana);
        tx.run(() -> audit.appendAll(List.of(entry, withoutValues, beas, elsewhere)));

        tx.run(() -> audit.erasePersonalValues(tenant, ana));

        List<AuditEntry> erased = all(tenant, ana);
        assertThat(erased).hasSize(2);
        AuditEntry details = erased.stream().filter(e -> e.id().equals(entry.id())).findFirst().orElseThrow();
        assertThat(details.changes()).containsExactly(
                new FieldChange("email", Optional.of("[erased]"), Optional.of("[erased]"), true),
                new FieldChange("status", Optional.of("ADDED"), Optional.of("INVITED")));
        assertThat(details.actor()).isEqualTo(entry.actor());
        assertThat(details.action()).isEqualTo(entry.action());
        assertThat(details.occurredAt()).isEqualTo(entry.occurredAt());
        AuditEntry partial = erased.stream().filter(e -> e.id().equals(withoutValues.id())).findFirst()
                .orElseThrow();
        assertThat(partial.changes()).containsExactly(
                new FieldChange("phone", Optional.empty(), Optional.of("[erased]"), true),
                new FieldChange("birthDate", Optional.of("[erased]"), Optional.empty(), true));
        assertThat(all(tenant, bea)).containsExactly(beas);
        assertThat(all(otherTenant, ana)).containsExactly(elsewhere);
    }
}
