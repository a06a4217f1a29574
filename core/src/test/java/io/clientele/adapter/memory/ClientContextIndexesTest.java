package io.clientele.adapter.memory;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.Label;
import io.clientele.client.model.Note;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.ConflictException;
import io.clientele.common.PageRequest;
import io.clientele.testing.TestClientele;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * Pins "the in-memory adapters scan every row for a keyed look-up" for the client context's own
 * listings: a client's notes (their page and count), a label's holders and a group's members are
 * read through indexes kept like the SQL keys they stand for, so they read the same rows however
 * many other notes and clients the store holds, and the indexes (and the catalog's name order)
 * stay right through rollback.
 */
class ClientContextIndexesTest {

    private final TestClientele t = new TestClientele();

    @Test
    @Tag("in-memory")
    void a_clients_notes_page_and_count_read_only_that_clients_notes() {
        Client ana = t.ana();
        Client bruno = t.create(ClientDetails.named("Bruno", "Martin"));
        for (int i = 0; i < 3; i++) {
            t.clientele.notes().add(OWNER, TENANT, ana.id(), "Ana " + i);
        }
        InMemoryNoteRepository notes = t.memory.notes();
        long before = notes.rowsRead();
        notes.newestForClient(TENANT, ana.id(), 2);
        long small = notes.rowsRead() - before;

        for (int i = 0; i < 60; i++) {
            t.clientele.notes().add(OWNER, TENANT, bruno.id(), "Bruno " + i);
        }
        before = notes.rowsRead();
        var slice = notes.newestForClient(TENANT, ana.id(), 2);
        long big = notes.rowsRead() - before;

        assertThat(slice.total()).isEqualTo(3);
        assertThat(slice.items()).hasSize(2);
        // the page of two, and one more to tell that a page follows
        assertThat(big).as("rows read with 60 more notes of another client").isEqualTo(small).isEqualTo(3);
    }

    @Test
    @Tag("in-memory")
    void a_note_index_entry_rolls_back_with_its_note() {
        Client ana = t.ana();
        Note kept = t.clientele.notes().add(OWNER, TENANT, ana.id(), "kept");

        assertThatThrownBy(() -> t.memory.transactions().run(() -> {
            t.clientele.notes().add(OWNER, TENANT, ana.id(), "rolled back");
            t.clientele.notes().delete(OWNER, TENANT, kept.id(), kept.version());
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(t.memory.notes().listForClient(TENANT, ana.id(), PageRequest.first()).items())
                .containsExactly(kept);
        assertThat(t.memory.notes().newestForClient(TENANT, ana.id(), 5).total()).isEqualTo(1);
    }

    @Test
    @Tag("in-memory")
    void a_walk_by_label_reads_the_holders_only_however_many_clients_the_tenant_has() {
        Label vip = t.clientele.labels().create(OWNER, TENANT, "VIP");
        Client ana = t.clientele.labels().assign(OWNER, TENANT, t.ana().id(), vip.id());
        InMemoryClientRepository clients = t.memory.clients();
        for (String name : List.of("Bruno", "Chloé", "Denis", "Emma", "Farid", "Gaëlle", "Hugo")) {
            t.create(ClientDetails.named(name, "Other"));
        }

        long before = clients.rowsRead();
        List<Client> holders = clients.findMatching(TENANT, ClientQuery.all().withLabel(vip.id()), 10);

        assertThat(holders).extracting(Client::id).containsExactly(ana.id());
        assertThat(clients.rowsRead() - before).isEqualTo(1);
    }

    @Test
    @Tag("in-memory")
    void a_label_taken_off_in_a_unit_that_rolls_back_is_held_again() {
        Label vip = t.clientele.labels().create(OWNER, TENANT, "VIP");
        Client ana = t.clientele.labels().assign(OWNER, TENANT, t.ana().id(), vip.id());

        assertThatThrownBy(() -> t.memory.transactions().run(() -> {
            t.clientele.labels().unassign(OWNER, TENANT, ana.id(), vip.id());
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(t.memory.clients().findMatching(TENANT, ClientQuery.all().withLabel(vip.id()), 10))
                .extracting(Client::id).containsExactly(ana.id());
    }

    @Test
    @Tag("in-memory")
    void a_rename_that_rolls_back_keeps_the_old_name_taken_and_the_old_place_in_the_catalog() {
        Label zulu = t.clientele.labels().create(OWNER, TENANT, "Zulu");
        t.clientele.labels().create(OWNER, TENANT, "Mike");

        assertThatThrownBy(() -> t.memory.transactions().run(() -> {
            t.clientele.labels().rename(OWNER, TENANT, zulu.id(), zulu.version(), "Alpha");
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(t.clientele.labels().list(OWNER, TENANT, PageRequest.first()).items())
                .extracting(l -> l.name().value()).containsExactly("Mike", "Zulu");
        assertThatThrownBy(() -> t.clientele.labels().create(OWNER, TENANT, "zulu"))
                .isInstanceOf(ConflictException.class);
        assertThat(t.clientele.labels().create(OWNER, TENANT, "Alpha").name().value()).isEqualTo("Alpha");
    }
}
