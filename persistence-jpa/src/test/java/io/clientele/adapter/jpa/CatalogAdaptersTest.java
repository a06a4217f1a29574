package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.Label;
import io.clientele.client.model.Note;
import io.clientele.client.model.NoteText;
import io.clientele.client.port.GroupRepository;
import io.clientele.client.port.LabelRepository;
import io.clientele.client.port.NoteRepository;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.Cursor;
import io.clientele.common.DisplayName;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.Slice;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.common.ValidationException;
import io.clientele.testkit.Fixtures;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the JPA label, group and note adapters do beyond the shared contracts: keyset pages and
 * their cursors, the byte-wise order of name keys, tombstones and their purge, rows read and then
 * changed in one unit of work, column sizes at the domain's limits, and the tenant-first indexes of
 * migration V3. Run on each database by a subclass.
 */
abstract class CatalogAdaptersTest {

    private LabelRepository labels;
    private GroupRepository groups;
    private NoteRepository notes;
    private TransactionRunner tx;
    private Fixtures fx;
    private TenantId tenant;

    /** The adapters under test. */
    abstract JpaAdapters adapters();

    /** The database behind {@link #adapters()}, for reading its schema. */
    abstract DataSource dataSource();

    @BeforeEach
    void setUp() {
        JpaAdapters jpa = adapters();
        labels = jpa.labels();
        groups = jpa.groups();
        notes = jpa.notes();
        tx = jpa.transactions();
        fx = Fixtures.standard();
        tenant = fx.newTenant();
    }

    private <T> T write(Supplier<T> work) {
        return tx.inTransaction(work);
    }

    private <T> T read(Supplier<T> work) {
        return tx.inReadOnlyTransaction(work);
    }

    private Label label(String name) {
        return write(() -> labels.insert(fx.label(tenant, name)));
    }

    /** Every page of a list, walked with each page's cursor, as the pages came. */
    private static <T> List<List<T>> walk(Function<PageRequest, Page<T>> list, int size) {
        List<List<T>> pages = new ArrayList<>();
        Page<T> page = list.apply(PageRequest.first(size));
        pages.add(page.items());
        while (page.hasNext()) {
            Cursor next = page.next().orElseThrow();
            page = list.apply(PageRequest.after(next, size));
            pages.add(page.items());
        }
        return pages;
    }

    private static void invalidCursor(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).isEqualTo("cursor"));
    }

    // ------------------------------------------------------------------ labels and groups

    @Test
    void a_catalog_is_paged_by_name_ignoring_case_and_each_cursor_resumes_right_after_the_last_label() {
        Label pilates = label("pilates");
        Label boxing = label("Boxing");
        Label yoga = label("YOGA");
        Label aerial = label("aerial");
        Label cardio = label("Cardio");
        Label dance = label("dance");
        Label barre = label("Barre");

        List<List<Label>> pages = walk(p -> read(() -> labels.list(tenant, p)), 3);

        assertThat(pages).containsExactly(List.of(aerial, barre, boxing), List.of(cardio, dance, pilates),
                List.of(yoga));
    }

    @Test
    void a_group_catalog_is_paged_by_name_ignoring_case_as_labels_are() {
        ClientGroup evening = write(() -> groups.insert(fx.group(tenant, "evening")));
        ClientGroup morning = write(() -> groups.insert(fx.group(tenant, "Morning")));
        ClientGroup beginners = write(() -> groups.insert(fx.group(tenant, "BEGINNERS")));

        List<List<ClientGroup>> pages = walk(p -> read(() -> groups.list(tenant, p)), 2);

        assertThat(pages).containsExactly(List.of(beginners, evening), List.of(morning));
    }

    @Test
    void names_sort_by_their_key_code_point_by_code_point_whatever_the_database_locale() {
        // a locale's collation would ignore the space and the hyphen and put "Éclair" among the e's
        Label eclair = label("Éclair");
        Label zoo = label("Zoo");
        Label ab = label("ab");
        Label hyphen = label("a-b");
        Label space = label("a b");
        Label egg = label("egg");

        List<Label> listed = read(() -> labels.list(tenant, PageRequest.first(PageRequest.MAX_SIZE)).items());
        List<List<Label>> paged = walk(p -> read(() -> labels.list(tenant, p)), 2);

        assertThat(listed).containsExactly(space, hyphen, ab, egg, zoo, eclair);
        assertThat(paged).containsExactly(List.of(space, hyphen), List.of(ab, egg), List.of(zoo, eclair));
        assertThat(read(() -> labels.findAll(tenant, List.of(eclair.id(), ab.id(), space.id(), zoo.id()))))
                .containsExactly(space, ab, zoo, eclair);
    }

    @Test
    void a_cursor_that_is_not_a_catalog_position_is_refused_on_field_cursor() {
        label("VIP");

        invalidCursor(() -> read(() -> labels.list(tenant, PageRequest.after(new Cursor("vip"), 10))));
        invalidCursor(() -> read(() -> labels.list(tenant, PageRequest.after(Cursor.of("vip", "not-a-uuid"), 10))));
        invalidCursor(() -> read(() -> groups.list(tenant, PageRequest.after(Cursor.of("a", "b", "c"), 10))));
    }

    @Test
    void a_deleted_label_stays_as_a_tombstone_with_its_last_name_and_version_until_it_is_purged() {
        Label vip = label("VIP");
        Label gold = write(() -> labels.update(vip.renamed(new DisplayName("Gold"))));

        assertThat(write(() -> labels.delete(tenant, vip.id(), 1))).isTrue();

        assertThat(read(() -> labels.findDeleted(tenant, vip.id()))).contains(gold);
        assertThat(read(() -> labels.find(tenant, vip.id()))).isEmpty();
        assertThat(write(() -> labels.findForShare(tenant, vip.id()))).isEmpty();
        assertThat(read(() -> labels.findAll(tenant, List.of(vip.id())))).isEmpty();
        assertThat(read(() -> labels.list(tenant, PageRequest.first()).items())).isEmpty();
        assertThat(read(() -> labels.findDeleted(fx.newTenant(), vip.id()))).isEmpty();

        assertThat(write(() -> labels.purge(fx.newTenant(), vip.id()))).isFalse();
        assertThat(write(() -> labels.purge(tenant, vip.id()))).isTrue();
        assertThat(read(() -> labels.findDeleted(tenant, vip.id()))).isEmpty();
        assertThat(write(() -> labels.purge(tenant, vip.id()))).isFalse();
    }

    @Test
    void a_deleted_group_stays_as_a_tombstone_with_its_creation_time_until_it_is_purged() {
        ClientGroup morning = write(() -> groups.insert(fx.group(tenant, "Morning")));
        fx.advance(Duration.ofHours(1));
        ClientGroup early = write(() -> groups.update(morning.renamed(new DisplayName("Early birds"))));

        assertThat(write(() -> groups.delete(tenant, morning.id(), 1))).isTrue();

        assertThat(early.createdAt()).isEqualTo(morning.createdAt());
        assertThat(read(() -> groups.findDeleted(tenant, morning.id()))).contains(early);
        assertThat(read(() -> groups.find(tenant, morning.id()))).isEmpty();
        assertThat(write(() -> groups.purge(tenant, morning.id()))).isTrue();
        assertThat(read(() -> groups.findDeleted(tenant, morning.id()))).isEmpty();
    }

    @Test
    void a_purge_leaves_a_live_label_alone() {
        Label vip = label("VIP");

        assertThat(write(() -> labels.purge(tenant, vip.id()))).isFalse();

        assertThat(read(() -> labels.find(tenant, vip.id()))).contains(vip);
        assertThat(read(() -> labels.findDeleted(tenant, vip.id()))).isEmpty();
    }

    @Test
    void a_tombstone_does_not_hold_its_name_and_purging_it_leaves_the_new_label_of_that_name() {
        Label old = label("VIP");
        Label renamedAway = label("Regulars");
        write(() -> labels.delete(tenant, old.id(), 0));

        Label again = label("vip");
        Label regularsAsOld = write(() -> labels.update(renamedAway.renamed(new DisplayName("Vip!"))));
        write(() -> labels.delete(tenant, regularsAsOld.id(), 1));
        Label third = label("VIP!");
        assertThat(write(() -> labels.purge(tenant, old.id()))).isTrue();

        assertThat(read(() -> labels.list(tenant, PageRequest.first()).items())).containsExactly(again, third);
        assertThat(read(() -> labels.findDeleted(tenant, regularsAsOld.id()))).contains(regularsAsOld);
    }

    @Test
    void a_deleted_label_can_be_neither_renamed_nor_deleted_again() {
        Label vip = label("VIP");
        write(() -> labels.delete(tenant, vip.id(), 0));

        assertThatThrownBy(() -> write(() -> labels.update(vip.renamed(new DisplayName("Gold")))))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.STALE_VERSION));
        assertThat(write(() -> labels.delete(tenant, vip.id(), 0))).isFalse();
        assertThat(read(() -> labels.findDeleted(tenant, vip.id()))).contains(vip);
    }

    @Test
    void a_label_read_then_renamed_or_deleted_in_one_unit_of_work_is_read_back_as_it_is_now() {
        Label vip = label("VIP");
        Label regulars = label("Regulars");

        List<Optional<Label>> seen = write(() -> {
            List<Optional<Label>> reads = new ArrayList<>();
            reads.add(labels.find(tenant, vip.id()));
            labels.update(vip.renamed(new DisplayName("Gold")));
            reads.add(labels.find(tenant, vip.id()));
            reads.add(labels.findForShare(tenant, regulars.id()));
            labels.delete(tenant, regulars.id(), 0);
            reads.add(labels.find(tenant, regulars.id()));
            reads.add(labels.findDeleted(tenant, regulars.id()));
            return reads;
        });

        assertThat(seen).containsExactly(Optional.of(vip),
                Optional.of(new Label(vip.id(), tenant, new DisplayName("Gold"), 1)), Optional.of(regulars),
                Optional.empty(), Optional.of(regulars));
    }

    @Test
    void a_taken_name_is_a_duplicate_on_name_and_a_taken_id_a_duplicate_on_id() {
        // a name key that spells the table's key constraint must not make a name clash look like an id clash
        Label pk = label("label_pk");
        ClientGroup group = write(() -> groups.insert(fx.group(tenant, "client_group_pk")));

        duplicateOn("name", () -> label("LABEL_PK"));
        duplicateOn("name", () -> write(() -> groups.insert(fx.group(tenant, "Client_Group_PK"))));
        duplicateOn("id", () -> write(() -> labels.insert(pk.renamed(new DisplayName("Other")))));
        duplicateOn("id", () -> write(() -> groups.insert(group.renamed(new DisplayName("Other")))));
        Label other = label("Other");
        duplicateOn("name", () -> write(() -> labels.update(other.renamed(new DisplayName("Label_pk")))));
    }

    private static void duplicateOn(String field, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ConflictException.class, e -> {
            assertThat(e.reason()).isEqualTo(ConflictException.Reason.DUPLICATE);
            assertThat(e.getMessage()).startsWith(field + ":");
        });
    }

    @Test
    void the_longest_names_and_their_longer_lower_case_keys_fit_their_columns() {
        // U+0130 lower-cases to two code points; an emoji is two UTF-16 units
        String dotted = "\u0130".repeat(DisplayName.MAX_LENGTH);
        String emoji = "\uD83D\uDE00".repeat(DisplayName.MAX_LENGTH);

        Label longKey = label(dotted);
        Label wide = label(emoji);
        ClientGroup group = write(() -> groups.insert(fx.group(tenant, dotted)));

        assertThat(longKey.name().key()).hasSize(2 * DisplayName.MAX_LENGTH);
        assertThat(read(() -> labels.find(tenant, longKey.id()))).contains(longKey);
        assertThat(read(() -> labels.find(tenant, wide.id()))).contains(wide);
        assertThat(read(() -> groups.find(tenant, group.id()))).contains(group);
        assertThat(walk(p -> read(() -> labels.list(tenant, p)), 1)).containsExactly(List.of(longKey),
                List.of(wide));
    }

    // ------------------------------------------------------------------ notes

    @Test
    void a_clients_notes_are_paged_newest_first_and_each_cursor_resumes_right_after_the_last_note() {
        ClientId ana = fx.newClientId();
        List<Note> written = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String text = "Note " + i + ".";
            written.add(write(() -> notes.insert(fx.note(tenant, ana, text))));
            fx.advance(Duration.ofMinutes(1));
        }
        write(() -> notes.insert(fx.note(tenant, fx.newClientId(), "Someone else's.")));

        List<List<Note>> pages = walk(p -> read(() -> notes.listForClient(tenant, ana, p)), 2);

        assertThat(pages).containsExactly(List.of(written.get(4), written.get(3)),
                List.of(written.get(2), written.get(1)), List.of(written.get(0)));
    }

    @Test
    void the_profile_slice_holds_the_newest_notes_and_the_count_of_all_the_clients_notes() {
        ClientId ana = fx.newClientId();
        List<Note> written = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String text = "Note " + i + ".";
            written.add(write(() -> notes.insert(fx.note(tenant, ana, text))));
        }
        write(() -> notes.insert(fx.note(tenant, fx.newClientId(), "Someone else's.")));
        write(() -> notes.insert(fx.note(fx.newTenant(), ana, "Another tenant's.")));

        Slice<Note> newest = read(() -> notes.newestForClient(tenant, ana, 3));
        Slice<Note> all = read(() -> notes.newestForClient(tenant, ana, 5));
        Slice<Note> none = read(() -> notes.newestForClient(tenant, fx.newClientId(), 3));

        assertThat(newest.items()).containsExactly(written.get(4), written.get(3), written.get(2));
        assertThat(newest.total()).isEqualTo(5);
        assertThat(newest.hasMore()).isTrue();
        assertThat(read(() -> notes.listForClient(tenant, ana, PageRequest.after(newest.page().next().orElseThrow(),
                10)).items())).containsExactly(written.get(1), written.get(0));
        assertThat(all.items()).hasSize(5);
        assertThat(all.total()).isEqualTo(5);
        assertThat(all.hasMore()).isFalse();
        assertThat(none.items()).isEmpty();
        assertThat(none.total()).isZero();
    }

    @Test
    void a_profile_slice_of_no_note_or_more_than_a_page_is_refused_on_field_limit() {
        ClientId ana = fx.newClientId();

        for (int limit : new int[] {0, PageRequest.MAX_SIZE + 1}) {
            assertThatThrownBy(() -> read(() -> notes.newestForClient(tenant, ana, limit)))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("limit"));
        }
    }

    @Test
    void a_note_cursor_that_is_not_a_note_id_is_refused_on_field_cursor() {
        ClientId ana = fx.newClientId();

        invalidCursor(() -> read(() -> notes.listForClient(tenant, ana, PageRequest.after(new Cursor("nope"), 5))));
        invalidCursor(() -> read(() -> notes.listForClient(tenant, ana,
                PageRequest.after(Cursor.of(fx.nextId().toString(), "x"), 5))));
    }

    @Test
    void an_edited_note_keeps_who_edited_it_and_when_and_its_author() {
        ClientId ana = fx.newClientId();
        Note note = write(() -> notes.insert(fx.note(tenant, ana, "First.")));
        fx.advance(Duration.ofMinutes(5));

        Note edited = write(() -> notes.update(note.edited(new NoteText("Second."), "staff:editor", fx.now())));

        assertThat(read(() -> notes.find(tenant, note.id()))).contains(edited);
        assertThat(edited.editedAt()).contains(fx.now());
        assertThat(edited.editedBy()).contains("staff:editor");
        assertThat(edited.author()).isEqualTo(note.author());
        assertThat(read(() -> notes.newestForClient(tenant, ana, 1).items())).containsExactly(edited);
    }

    @Test
    void a_note_of_the_longest_text_is_stored_whole() {
        // 5,000 code points, nearly all of two UTF-16 units, with line breaks and tabs inside
        String half = "\uD83D\uDE00".repeat(499);
        Note note = fx.note(tenant, fx.newClientId(), (half + "\n\t" + half).repeat(5));

        write(() -> notes.insert(note));

        String text = note.text().value();
        assertThat(text.codePointCount(0, text.length())).isEqualTo(NoteText.MAX_LENGTH);
        assertThat(read(() -> notes.find(tenant, note.id()))).contains(note);
    }

    // ------------------------------------------------------------------ schema

    @Test
    void every_key_and_index_of_the_catalog_tables_leads_with_the_tenant() throws SQLException {
        Map<String, String> firstColumns = new LinkedHashMap<>();
        try (Connection c = dataSource().getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            for (String table : List.of("label", "client_group", "note")) {
                String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
                try (ResultSet r = meta.getIndexInfo(null, null, name, false, false)) {
                    while (r.next()) {
                        if (r.getShort("ORDINAL_POSITION") == 1) {
                            firstColumns.put(table + "." + r.getString("INDEX_NAME").toLowerCase(Locale.ROOT),
                                    r.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
        }

        // the key, the name index and (on H2) the page index of each catalog, the key and the client index of notes
        assertThat(firstColumns).hasSizeGreaterThanOrEqualTo(6);
        assertThat(firstColumns.values()).containsOnly("tenant_id");
    }
}
