package io.clientele.client.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.model.Mask;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.model.Note;
import io.clientele.client.model.NoteId;
import io.clientele.client.model.NoteText;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.NoteRepository;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.common.Access;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConfigurationException;
import io.clientele.common.ConflictException;
import io.clientele.common.CursorSeal;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.common.NotFoundException;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.common.Validate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Staff notes on a client: add, edit, delete and list, each change recorded with its author and
 * time. Note text is plain text, 1 to 5000 characters; the audit trail records only its length.
 * Notes stay editable on locked profiles; erased clients have none and take none. Changes require
 * {@link Permission#EDIT_CLIENTS}, listing {@link Permission#VIEW_CLIENTS}. Stateless and
 * thread-safe.
 */
public final class NoteService {

    /** What the service needs: its ports and the seal of its list cursors. */
    public record Ports(
            ClientRepository clients,
            TenantSettingsProvider settings,
            NoteRepository notes,
            AuditLog audit,
            EventPublisher events,
            TransactionRunner tx,
            Clock clock,
            Ids ids,
            CursorSeal cursors) {

        public Ports {
            ConfigurationException.requirePort(OWNER, "clients", clients);
            ConfigurationException.requirePort(OWNER, "settings", settings);
            ConfigurationException.requirePort(OWNER, "notes", notes);
            ConfigurationException.requirePort(OWNER, "audit", audit);
            ConfigurationException.requirePort(OWNER, "events", events);
            ConfigurationException.requirePort(OWNER, "tx", tx);
            ConfigurationException.requirePort(OWNER, "clock", clock);
            ConfigurationException.requirePort(OWNER, "ids", ids);
            ConfigurationException.requirePort(OWNER, "cursors", cursors);
        }
    }

    /**
     * The name a page of notes' cursor is bound to, with the client's id as its query ({@link
     * CursorSeal#bind}): the profile view seals its newest notes the same way, so the host goes on
     * with {@link #list} from there.
     */
    public static final String CURSOR_LIST = "notes";

    private static final String OWNER = "NoteService.Ports";
    private static final String REFUSAL = "its notes are read-only";

    private final NoteRepository notes;
    private final TransactionRunner tx;
    private final Ids ids;
    private final CursorSeal cursors;
    private final ClientGuard guard;
    private final ChangeRecorder changes;

    /** Builds the service on its ports; {@code Clientele} does this for hosts. */
    public NoteService(Ports ports) {
        this.notes = ports.notes();
        this.tx = ports.tx();
        this.ids = ports.ids();
        this.cursors = ports.cursors();
        this.guard = new ClientGuard(ports.clients(), ports.settings());
        this.changes = new ChangeRecorder(ports.clients(), ports.audit(), ports.events(), ports.clock(), ports.ids());
    }

    /** Adds a note written by {@code actor}. */
    public Note add(Actor actor, TenantId tenant, ClientId clientId, String text) {
        Validate.notNull("clientId", clientId);
        Access.requireStaff(actor, Permission.EDIT_CLIENTS, tenant, clientId);
        NoteText noteText = new NoteText(text);
        return tx.inTransaction(() -> {
            guard.writeAsStaff(actor, Permission.EDIT_CLIENTS, tenant, clientId, REFUSAL);
            Note note = notes.insert(new Note(new NoteId(ids.next()), tenant, clientId, noteText,
                    actor.describe(), changes.now(), Optional.empty(), Optional.empty(), 0));
            audit(actor, note, AuditAction.NOTE_ADDED, Optional.empty(), Optional.of(noteText));
            return note;
        });
    }

    /**
     * Replaces a note's text. {@code expectedVersion} is the version the editor saw; a newer one is
     * a stale-version {@link ConflictException}.
     */
    public Note edit(Actor actor, TenantId tenant, NoteId noteId, long expectedVersion, String text) {
        Validate.notNull("noteId", noteId);
        Access.requireStaff(actor, Permission.EDIT_CLIENTS, tenant, "note", noteId);
        NoteText noteText = new NoteText(text);
        return tx.inTransaction(() -> {
            Note note = lockedNote(actor, tenant, noteId);
            if (note.version() != expectedVersion) {
                throw ConflictException.staleVersion("note", noteId);
            }
            Note saved = notes.update(note.edited(noteText, actor.describe(), changes.now()));
            audit(actor, saved, AuditAction.NOTE_EDITED, Optional.of(note.text()), Optional.of(noteText));
            return saved;
        });
    }

    /**
     * Deletes a note. {@code expectedVersion} is the version the staff member saw; a newer one (the
     * note was edited meanwhile) is a stale-version {@link ConflictException}.
     *
     * @return the note as it was stored until this deletion (as {@link #add} and {@link #edit}
     *     return the note they stored), so a host can offer to undo
     */
    public Note delete(Actor actor, TenantId tenant, NoteId noteId, long expectedVersion) {
        Validate.notNull("noteId", noteId);
        Access.requireStaff(actor, Permission.EDIT_CLIENTS, tenant, "note", noteId);
        return tx.inTransaction(() -> {
            Note note = lockedNote(actor, tenant, noteId);
            notes.delete(tenant, noteId, expectedVersion);
            audit(actor, note, AuditAction.NOTE_DELETED, Optional.of(note.text()), Optional.empty());
            return note;
        });
    }

    /**
     * One page of the client's notes, newest first. The cursor is sealed and bound to the tenant and
     * the client ({@link CursorSeal}): one made for another client's notes, another tenant, or not by
     * Clientele is a {@link io.clientele.common.ValidationException} on field {@code cursor}. Staff
     * only, with {@link Permission#VIEW_CLIENTS}; an erased client has none.
     */
    public Page<Note> list(Actor actor, TenantId tenant, ClientId clientId, PageRequest page) {
        Validate.notNull("clientId", clientId);
        Validate.notNull("page", page);
        CursorSeal.Bound list = cursors.bind(tenant, CURSOR_LIST, CursorSeal.fingerprint(clientId.toString()));
        return tx.inReadOnlyTransaction(() -> {
            guard.readAsStaff(actor, Permission.VIEW_CLIENTS, tenant, clientId);
            return list.seal(notes.listForClient(tenant, clientId, list.open(page)));
        });
    }

    /** The note, read again once its client is locked for the change (so it is current). */
    private Note lockedNote(Actor actor, TenantId tenant, NoteId noteId) {
        Note note = load(tenant, noteId);
        guard.writeAsStaff(actor, Permission.EDIT_CLIENTS, tenant, note.clientId(), REFUSAL);
        return load(tenant, noteId);
    }

    private Note load(TenantId tenant, NoteId noteId) {
        return notes.find(tenant, noteId).orElseThrow(() -> new NotFoundException("note", noteId));
    }

    private void audit(Actor actor, Note note, AuditAction action, Optional<NoteText> before,
            Optional<NoteText> after) {
        changes.record(actor, note.tenantId(), note.clientId(), action, List.of(
                action == AuditAction.NOTE_DELETED
                        ? new FieldChange("noteId", Optional.of(note.id().toString()), Optional.empty())
                        : new FieldChange("noteId", Optional.empty(), Optional.of(note.id().toString())),
                FieldChange.masked("text", before.map(NoteText::value), after.map(NoteText::value), Mask::opaque)));
    }
}
