package io.clientele.testkit.contract;

import static io.clientele.testkit.contract.Expect.duplicate;
import static io.clientele.testkit.contract.Expect.rolledBack;
import static io.clientele.testkit.contract.Expect.stale;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.Note;
import io.clientele.client.model.NoteId;
import io.clientele.client.model.NoteText;
import io.clientele.client.port.NoteRepository;
import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.PortUnderTest;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link NoteRepository}: notes are found in their tenant only and listed newest
 * first per client; edits are version-checked ({@code STALE_VERSION}); a delete is conditional on
 * the version (false for a note that is not there); the erasure deletes every note of one client
 * and answers how many; a rolled-back unit of work leaves nothing.
 *
 * <p>Extend it in the adapter's tests and answer {@link #createAdapter()}. Not thread-safe: JUnit
 * makes one instance per test.
 */
public abstract class NoteRepositoryContract {

    private NoteRepository notes;
    private TransactionRunner tx;
    private Fixtures fx;
    private TenantId tenant;
    private TenantId otherTenant;
    private ClientId ana;

    /**
     * The adapter under test and the runner whose units of work it joins, called before each test.
     * The store may hold other tests' notes: every test uses tenants of its own.
     */
    protected abstract PortUnderTest<NoteRepository> createAdapter();

    @BeforeEach
    void setUpNoteRepositoryContract() {
        PortUnderTest<NoteRepository> adapter = createAdapter();
        notes = adapter.port();
        tx = adapter.transactions();
        fx = Fixtures.standard();
        tenant = fx.newTenant();
        otherTenant = fx.newTenant();
        ana = fx.newClientId();
    }

    private Note insert(Note note) {
        return tx.inTransaction(() -> notes.insert(note));
    }

    private <T> T read(Supplier<T> work) {
        return tx.inReadOnlyTransaction(work);
    }

    private Optional<Note> find(TenantId in, NoteId id) {
        return read(() -> notes.find(in, id));
    }

    private Note edited(Note note, String text) {
        return note.edited(new NoteText(text), "staff:editor", fx.now());
    }

    @Test
    void a_new_note_is_found_in_its_tenant_only() {
        Note note = fx.note(tenant, ana, "Prefers the morning classes.");

        Note stored = insert(note);

        assertThat(stored).isEqualTo(note);
        assertThat(find(tenant, note.id())).contains(note);
        assertThat(find(otherTenant, note.id())).isEmpty();
        assertThat(read(() -> notes.listForClient(otherTenant, ana))).isEmpty();
    }

    @Test
    void an_id_that_is_stored_already_cannot_be_inserted_again() {
        Note note = insert(fx.note(tenant, ana, "First text."));

        duplicate(() -> insert(edited(note, "Other text.")));

        assertThat(find(tenant, note.id())).contains(note);
    }

    @Test
    void the_notes_of_a_client_are_listed_newest_first_without_other_clients_notes() {
        Note first = insert(fx.note(tenant, ana, "First."));
        fx.advance(Duration.ofMinutes(1));
        Note second = insert(fx.note(tenant, ana, "Second."));
        fx.advance(Duration.ofMinutes(1));
        Note third = insert(fx.note(tenant, ana, "Third."));
        insert(fx.note(tenant, fx.newClientId(), "Someone else."));
        insert(fx.note(otherTenant, ana, "Same client id, another tenant."));

        assertThat(read(() -> notes.listForClient(tenant, ana))).containsExactly(third, second, first);
    }

    @Test
    void an_edit_is_version_checked_and_raises_the_version() {
        Note note = insert(fx.note(tenant, ana, "First text."));

        Note stored = tx.inTransaction(() -> notes.update(edited(note, "Second text.")));
        stale(() -> tx.inTransaction(() -> notes.update(edited(note, "Lost text."))));

        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.text()).isEqualTo(new NoteText("Second text."));
        assertThat(find(tenant, note.id())).contains(stored);
    }

    @Test
    void a_delete_is_conditional_on_the_version_and_false_for_a_note_that_is_not_there() {
        Note note = insert(fx.note(tenant, ana, "First text."));
        Note current = tx.inTransaction(() -> notes.update(edited(note, "Second text.")));

        stale(() -> tx.inTransaction(() -> notes.delete(tenant, note.id(), 0)));
        assertThat(tx.inTransaction(() -> notes.delete(otherTenant, note.id(), 1))).isFalse();
        assertThat(find(tenant, note.id())).contains(current);

        assertThat(tx.inTransaction(() -> notes.delete(tenant, note.id(), 1))).isTrue();
        assertThat(find(tenant, note.id())).isEmpty();
        assertThat(tx.inTransaction(() -> notes.delete(tenant, note.id(), 1))).isFalse();
    }

    @Test
    void erasure_deletes_every_note_of_the_client_and_only_those() {
        insert(fx.note(tenant, ana, "One."));
        insert(fx.note(tenant, ana, "Two."));
        ClientId bea = fx.newClientId();
        Note beas = insert(fx.note(tenant, bea, "Bea's."));
        Note elsewhere = insert(fx.note(otherTenant, ana, "Another tenant's."));

        assertThat(tx.inTransaction(() -> notes.deleteAllForClient(tenant, ana))).isEqualTo(2);

        assertThat(read(() -> notes.listForClient(tenant, ana))).isEmpty();
        assertThat(read(() -> notes.listForClient(tenant, bea))).containsExactly(beas);
        assertThat(read(() -> notes.listForClient(otherTenant, ana))).containsExactly(elsewhere);
        assertThat(tx.inTransaction(() -> notes.deleteAllForClient(tenant, ana))).isZero();
    }

    @Test
    void a_rolled_back_unit_of_work_leaves_no_note_no_edit_and_no_delete() {
        Note kept = insert(fx.note(tenant, ana, "Kept."));
        Note edited = insert(fx.note(tenant, ana, "Edited."));
        Note added = fx.note(tenant, ana, "Added.");

        rolledBack(tx, () -> {
            notes.insert(added);
            notes.update(edited(edited, "Changed."));
            notes.delete(tenant, kept.id(), 0);
        });

        assertThat(find(tenant, added.id())).isEmpty();
        assertThat(find(tenant, edited.id())).contains(edited);
        assertThat(find(tenant, kept.id())).contains(kept);

        rolledBack(tx, () -> notes.deleteAllForClient(tenant, ana));
        assertThat(read(() -> notes.listForClient(tenant, ana))).containsExactlyInAnyOrder(kept, edited);
    }
}
