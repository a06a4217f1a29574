package io.clientele.client.service;

import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.NOBODY;
import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.client.model.Client;
import io.clientele.client.model.Note;
import io.clientele.client.model.NoteId;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.ConflictException;
import io.clientele.common.NotFoundException;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.common.ValidationException;
import io.clientele.testing.TestClientele;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NoteServiceTest {

    private static final String SECRET = "Allergic to lavender oil";

    private final TestClientele t = new TestClientele();
    private final NoteService notes = t.clientele.notes();
    private final Client ana = t.ana();

    @Nested
    class Lifecycle {

        @Test
        void an_added_note_records_its_text_author_and_time_from_the_clock() {
            t.clock.advance(Duration.ofMinutes(5));
            Instant now = t.clock.instant();

            Note note = notes.add(MANAGER, TENANT, ana.id(), SECRET);

            assertThat(note.text().value()).isEqualTo(SECRET);
            assertThat(note.author()).isEqualTo(MANAGER.describe());
            assertThat(note.createdAt()).isEqualTo(now);
            assertThat(note.clientId()).isEqualTo(ana.id());
            assertThat(note.tenantId()).isEqualTo(TENANT);
            assertThat(note.editedAt()).isEmpty();
            assertThat(note.editedBy()).isEmpty();
            assertThat(note.version()).isZero();
            assertThat(notes.list(VIEWER, TENANT, ana.id(), PageRequest.first()).items()).containsExactly(note);
        }

        @Test
        void notes_are_listed_newest_first() {
            Note first = notes.add(OWNER, TENANT, ana.id(), "first");
            t.clock.advance(Duration.ofHours(1));
            Note second = notes.add(OWNER, TENANT, ana.id(), "second");
            t.clock.advance(Duration.ofHours(1));
            Note third = notes.add(OWNER, TENANT, ana.id(), "third");

            assertThat(notes.list(OWNER, TENANT, ana.id(), PageRequest.first()).items())
                    .containsExactly(third, second, first);
        }

        @Test
        void notes_added_within_the_same_instant_are_still_listed_newest_first() {
            Note first = notes.add(OWNER, TENANT, ana.id(), "first");
            Note second = notes.add(OWNER, TENANT, ana.id(), "second");
            Note third = notes.add(OWNER, TENANT, ana.id(), "third");

            assertThat(notes.list(OWNER, TENANT, ana.id(), PageRequest.first()).items())
                    .containsExactly(third, second, first);
        }

        @Test
        void only_the_clients_own_notes_are_listed() {
            Client bea = t.create(ClientDetails.named("Bea", "Moreau"));
            Note anas = notes.add(OWNER, TENANT, ana.id(), "for Ana");
            notes.add(OWNER, TENANT, bea.id(), "for Bea");

            assertThat(notes.list(OWNER, TENANT, ana.id(), PageRequest.first()).items()).containsExactly(anas);
        }

        @Test
        void editing_replaces_the_text_and_records_the_editor_and_time_from_the_clock() {
            Note note = notes.add(OWNER, TENANT, ana.id(), "first draft");
            t.clock.advance(Duration.ofHours(2));
            Instant editTime = t.clock.instant();

            Note edited = notes.edit(MANAGER, TENANT, note.id(), note.version(), "second draft");

            assertThat(edited.text().value()).isEqualTo("second draft");
            assertThat(edited.author()).as("the author stays the writer").isEqualTo(OWNER.describe());
            assertThat(edited.createdAt()).isEqualTo(note.createdAt());
            assertThat(edited.editedAt()).contains(editTime);
            assertThat(edited.editedBy()).contains(MANAGER.describe());
            assertThat(edited.version()).isEqualTo(note.version() + 1);
            assertThat(notes.list(OWNER, TENANT, ana.id(), PageRequest.first()).items()).containsExactly(edited);
        }

        @Test
        void an_edit_with_a_stale_version_is_refused_and_changes_nothing() {
            Note note = notes.add(OWNER, TENANT, ana.id(), "first draft");
            Note edited = notes.edit(OWNER, TENANT, note.id(), note.version(), "second draft");
            Map<String, List<String>> before = t.storedState();

            ConflictException e = catchThrowableOfType(
                    () -> notes.edit(MANAGER, TENANT, note.id(), note.version(), "lost update"),
                    ConflictException.class);

            assertThat(e.reason()).isEqualTo(ConflictException.Reason.STALE_VERSION);
            assertThat(e.code()).isEqualTo("conflict.stale_version");
            assertThat(notes.list(OWNER, TENANT, ana.id(), PageRequest.first()).items()).containsExactly(edited);
            assertThat(t.storedState()).isEqualTo(before);
        }

        @Test
        void deleting_a_note_removes_it_from_the_list() {
            Note keep = notes.add(OWNER, TENANT, ana.id(), "keep");
            Note drop = notes.add(OWNER, TENANT, ana.id(), "drop");

            notes.delete(MANAGER, TENANT, drop.id(), t.noteVersion(drop.id()));

            assertThat(notes.list(OWNER, TENANT, ana.id(), PageRequest.first()).items()).containsExactly(keep);
            assertThat(t.clientele.profiles().view(OWNER, TENANT, ana.id()).notes().content().orElseThrow().items())
                    .containsExactly(keep);
        }

        @Test
        void editing_or_deleting_an_unknown_note_is_not_found() {
            Note note = notes.add(OWNER, TENANT, ana.id(), "drop");
            notes.delete(OWNER, TENANT, note.id(), t.noteVersion(note.id()));
            NoteId unknown = new NoteId(UUID.randomUUID());

            assertThatThrownBy(() -> notes.edit(OWNER, TENANT, note.id(), 0, "again"))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.resource()).isEqualTo("note"));
            assertThatThrownBy(() -> notes.delete(OWNER, TENANT, note.id(),
                    t.noteVersion(note.id()))).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> notes.delete(OWNER, TENANT, unknown,
                    t.noteVersion(unknown))).isInstanceOf(NotFoundException.class);
        }

        @Test
        void notes_stay_open_on_a_locked_profile() {
            t.clientele.locks().lock(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()));

            Note note = notes.add(MANAGER, TENANT, ana.id(), "first");
            Note edited = notes.edit(MANAGER, TENANT, note.id(), note.version(), "second");
            notes.delete(MANAGER, TENANT, edited.id(), t.noteVersion(edited.id()));

            assertThat(notes.list(OWNER, TENANT, ana.id(), PageRequest.first()).items()).isEmpty();
            assertThat(t.reload(ana.id()).locked()).isTrue();
        }

        @Test
        void an_erased_client_has_no_notes_and_takes_none() {
            notes.add(OWNER, TENANT, ana.id(), SECRET);
            t.clientele.erasure().erase(OWNER, TENANT, ana.id());
            Map<String, List<String>> before = t.storedState();

            assertThatThrownBy(() -> notes.add(OWNER, TENANT, ana.id(), "after erasure"))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE));

            assertThat(notes.list(OWNER, TENANT, ana.id(), PageRequest.first()).items()).isEmpty();
            assertThat(t.storedState()).isEqualTo(before);
        }
    }

    @Nested
    class Validation {

        static Stream<Arguments> badTexts() {
            return Stream.of(
                    Arguments.of("", "required"),
                    Arguments.of(" \n\t ", "required"),
                    Arguments.of("x".repeat(5001), "max_length"),
                    Arguments.of("bell \u0007 rings", "forbidden_character"),
                    Arguments.of("nul \u0000 byte", "forbidden_character"),
                    Arguments.of("escape \u001B[31m red", "forbidden_character"),
                    Arguments.of("bidi \u202E override", "forbidden_character"));
        }

        @ParameterizedTest
        @MethodSource("badTexts")
        void a_bad_text_is_refused_on_add_naming_field_and_rule_and_changes_nothing(String text, String rule) {
            Map<String, List<String>> before = t.storedState();

            ValidationException e = catchThrowableOfType(() -> notes.add(OWNER, TENANT, ana.id(), text),
                    ValidationException.class);

            assertThat(e.field()).isEqualTo("text");
            assertThat(e.rule()).isEqualTo(rule);
            assertThat(t.storedState()).isEqualTo(before);
        }

        @ParameterizedTest
        @MethodSource("badTexts")
        void a_bad_text_is_refused_on_edit_and_changes_nothing(String text, String rule) {
            Note note = notes.add(OWNER, TENANT, ana.id(), "fine");
            Map<String, List<String>> before = t.storedState();

            ValidationException e = catchThrowableOfType(
                    () -> notes.edit(OWNER, TENANT, note.id(), note.version(), text), ValidationException.class);

            assertThat(e.field()).isEqualTo("text");
            assertThat(e.rule()).isEqualTo(rule);
            assertThat(t.storedState()).isEqualTo(before);
            assertThat(notes.list(OWNER, TENANT, ana.id(), PageRequest.first()).items()).containsExactly(note);
        }

        @Test
        void a_note_of_exactly_5000_characters_is_accepted() {
            Note note = notes.add(OWNER, TENANT, ana.id(), "x".repeat(5000));

            assertThat(note.text().value()).hasSize(5000);
        }

        @Test
        void line_feeds_and_tabs_are_kept_and_carriage_returns_become_line_feeds() {
            Note note = notes.add(OWNER, TENANT, ana.id(), "line one\r\n\tline two\rline three");

            assertThat(note.text().value()).isEqualTo("line one\n\tline two\nline three");
        }
    }

    @Nested
    class Permissions {

        @Test
        void a_viewer_cannot_add_edit_or_delete_notes() {
            Note note = notes.add(OWNER, TENANT, ana.id(), "fine");
            Map<String, List<String>> before = t.storedState();

            assertThatThrownBy(() -> notes.add(VIEWER, TENANT, ana.id(), "nope"))
                    .isInstanceOfSatisfying(AccessDeniedException.class,
                            e -> assertThat(e.permission()).contains(Permission.EDIT_CLIENTS));
            assertThatThrownBy(() -> notes.edit(VIEWER, TENANT, note.id(), note.version(), "nope"))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> notes.delete(VIEWER, TENANT, note.id(), t.noteVersion(note.id())))
                    .isInstanceOf(AccessDeniedException.class);

            assertThat(t.storedState()).isEqualTo(before);
        }

        @Test
        void a_viewer_can_list_notes() {
            Note note = notes.add(OWNER, TENANT, ana.id(), "fine");

            assertThat(notes.list(VIEWER, TENANT, ana.id(), PageRequest.first()).items()).containsExactly(note);
        }

        @Test
        void staff_without_any_permission_cannot_list_notes() {
            notes.add(OWNER, TENANT, ana.id(), "fine");

            assertThatThrownBy(() -> notes.list(NOBODY, TENANT, ana.id(), PageRequest.first()).items())
                    .isInstanceOfSatisfying(AccessDeniedException.class,
                            e -> assertThat(e.permission()).contains(Permission.VIEW_CLIENTS));
        }
    }

    @Nested
    class Tenancy {

        @Test
        void a_note_of_another_tenant_cannot_be_edited_or_deleted() {
            Note note = notes.add(OWNER, TENANT, ana.id(), SECRET);
            Map<String, List<String>> before = t.storedState();

            assertThatThrownBy(() -> notes.edit(OTHER_OWNER, OTHER_TENANT, note.id(), note.version(), "hijack"))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.resource()).isEqualTo("note"));
            assertThatThrownBy(() -> notes.delete(OTHER_OWNER, OTHER_TENANT, note.id(), t.noteVersion(note.id())))
                    .isInstanceOf(NotFoundException.class);

            assertThat(t.storedState()).isEqualTo(before);
        }

        @Test
        void a_client_of_another_tenant_cannot_take_or_show_notes() {
            notes.add(OWNER, TENANT, ana.id(), SECRET);
            Map<String, List<String>> before = t.storedState();

            assertThatThrownBy(() -> notes.add(OTHER_OWNER, OTHER_TENANT, ana.id(), "hijack"))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.resource()).isEqualTo("client"));
            assertThatThrownBy(() -> notes.list(OTHER_OWNER, OTHER_TENANT, ana.id(), PageRequest.first()).items())
                    .isInstanceOf(NotFoundException.class);

            assertThat(t.storedState()).isEqualTo(before);
        }
    }

    @Nested
    class Audit {

        @Test
        void adding_a_note_is_audited_with_the_note_id_and_the_text_length_only() {
            Note note = notes.add(MANAGER, TENANT, ana.id(), SECRET);

            AuditEntry entry = t.lastAudit(AuditAction.NOTE_ADDED);
            assertThat(entry.clientId()).isEqualTo(ana.id());
            assertThat(entry.actor()).isEqualTo(MANAGER.describe());
            assertThat(entry.occurredAt()).isEqualTo(note.createdAt());
            assertThat(entry.changes()).containsExactly(
                    new FieldChange("noteId", Optional.empty(), Optional.of(note.id().toString())),
                    new FieldChange("text", Optional.empty(), Optional.of("[" + SECRET.length() + " characters]"), true));
            assertThat(entry.toString()).doesNotContain(SECRET).doesNotContain("lavender");
        }

        @Test
        void editing_a_note_is_audited_without_either_text_in_clear() {
            Note note = notes.add(OWNER, TENANT, ana.id(), SECRET);
            t.clock.advance(Duration.ofMinutes(10));

            notes.edit(MANAGER, TENANT, note.id(), note.version(), "Allergic to lavender and rose oil");

            AuditEntry entry = t.lastAudit(AuditAction.NOTE_EDITED);
            assertThat(entry.actor()).isEqualTo(MANAGER.describe());
            assertThat(entry.occurredAt()).isEqualTo(t.clock.instant());
            assertThat(entry.changes()).extracting(FieldChange::field).contains("text");
            assertThat(entry.toString()).doesNotContain("lavender").doesNotContain("rose").doesNotContain("Allergic");
        }

        @Test
        void an_edit_to_a_text_of_the_same_length_is_still_recorded_as_a_change() {
            Note note = notes.add(OWNER, TENANT, ana.id(), "aaaa");

            notes.edit(OWNER, TENANT, note.id(), note.version(), "bbbb");

            FieldChange text = t.lastAudit(AuditAction.NOTE_EDITED).changes().stream()
                    .filter(c -> c.field().equals("text")).findFirst().orElseThrow();
            assertThat(text.changed()).isTrue();
            assertThat(text.toString()).doesNotContain("aaaa").doesNotContain("bbbb");
        }

        @Test
        void deleting_a_note_is_audited_without_the_text_in_clear() {
            Note note = notes.add(OWNER, TENANT, ana.id(), SECRET);

            notes.delete(MANAGER, TENANT, note.id(), t.noteVersion(note.id()));

            AuditEntry entry = t.lastAudit(AuditAction.NOTE_DELETED);
            assertThat(entry.clientId()).isEqualTo(ana.id());
            assertThat(entry.actor()).isEqualTo(MANAGER.describe());
            assertThat(entry.changes()).contains(
                    new FieldChange("noteId", Optional.of(note.id().toString()), Optional.empty()));
            assertThat(entry.toString()).doesNotContain(SECRET).doesNotContain("lavender");
        }

        @Test
        void no_audit_entry_anywhere_holds_the_note_text() {
            Note note = notes.add(OWNER, TENANT, ana.id(), SECRET);
            Note edited = notes.edit(OWNER, TENANT, note.id(), note.version(), SECRET + " (severe)");
            notes.delete(OWNER, TENANT, edited.id(), t.noteVersion(edited.id()));

            assertThat(t.auditTrail(TENANT)).extracting(AuditEntry::action)
                    .contains(AuditAction.NOTE_ADDED, AuditAction.NOTE_EDITED, AuditAction.NOTE_DELETED);
            assertThat(t.memory.audit().contents()).allSatisfy(
                    entry -> assertThat(entry.toString()).doesNotContain("lavender"));
        }
    }
}
