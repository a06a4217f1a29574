package io.clientele.client.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientEvents;
import io.clientele.client.port.BookingAnonymizer;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.ErasureParticipant;
import io.clientele.client.port.NoteRepository;
import io.clientele.client.port.PhotoStorage;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConfigurationException;
import io.clientele.common.ConflictException;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases a client by anonymization (the right to erasure): personal details, photo, addresses,
 * passes, labels, group memberships and notes go; every {@link ErasureParticipant} forgets the
 * client (tokens, credentials, pending mails, consent details); the host's {@link BookingAnonymizer} is told so
 * bookings show an anonymous client; the masked personal values of the client's audit trail are
 * replaced by {@value io.clientele.audit.model.FieldChange#ERASED} (field names, actions and times
 * stay, and so does the trail in the data export); an {@code ERASED} audit entry (without personal
 * data) and a {@code ClientErased} event are written. Irreversible: afterwards the profile is read-only and
 * left out of client lists unless asked for. Erasing an erased client is a {@link
 * ConflictException} ({@code ILLEGAL_STATE}). Requires {@link Permission#DELETE_CLIENTS}.
 *
 * <p>Free text staff typed about the client where Clientele cannot tell it is about them stays:
 * the custom message of a campaign aimed at everyone, a group or a label, and other clients' mails
 * carrying it (a campaign aimed at the client by id loses its custom message), notes on other
 * clients. Staff should not name clients in such text.
 *
 * <p>The photo bytes are deleted inside the erasure's unit of work, so a storage failure rolls the
 * erasure back and it can be retried. Stateless and thread-safe.
 */
public final class ErasureService {

    private static final Logger LOG = LoggerFactory.getLogger(ErasureService.class);

    /** What the service needs: its ports and the participants that forget the client with it, in order. */
    public record Ports(
            ClientRepository clients,
            TenantSettingsProvider settings,
            NoteRepository notes,
            PhotoStorage photos,
            BookingAnonymizer bookings,
            AuditLog audit,
            EventPublisher events,
            TransactionRunner tx,
            Clock clock,
            Ids ids,
            List<ErasureParticipant> participants) {

        public Ports {
            ConfigurationException.requirePort(OWNER, "clients", clients);
            ConfigurationException.requirePort(OWNER, "settings", settings);
            ConfigurationException.requirePort(OWNER, "notes", notes);
            ConfigurationException.requirePort(OWNER, "photos", photos);
            ConfigurationException.requirePort(OWNER, "bookings", bookings);
            ConfigurationException.requirePort(OWNER, "audit", audit);
            ConfigurationException.requirePort(OWNER, "events", events);
            ConfigurationException.requirePort(OWNER, "tx", tx);
            ConfigurationException.requirePort(OWNER, "clock", clock);
            ConfigurationException.requirePort(OWNER, "ids", ids);
            participants = List.copyOf(ConfigurationException.requirePort(OWNER, "participants", participants));
        }
    }

    private static final String OWNER = "ErasureService.Ports";

    private final ClientRepository clients;
    private final NoteRepository notes;
    private final PhotoStorage photos;
    private final BookingAnonymizer bookings;
    private final AuditLog audit;
    private final TransactionRunner tx;
    private final List<ErasureParticipant> participants;
    private final ClientGuard guard;
    private final ChangeRecorder changes;

    /** Builds the service on its ports; {@code Clientele} does this for hosts. */
    public ErasureService(Ports ports) {
        this.clients = ports.clients();
        this.notes = ports.notes();
        this.photos = ports.photos();
        this.bookings = ports.bookings();
        this.audit = ports.audit();
        this.tx = ports.tx();
        this.participants = ports.participants();
        this.guard = new ClientGuard(ports.clients(), ports.settings());
        this.changes = new ChangeRecorder(ports.clients(), ports.audit(), ports.events(), ports.clock(), ports.ids());
    }

    /** Erases the client. */
    public void erase(Actor actor, TenantId tenant, ClientId id) {
        tx.run(() -> {
            // the client's lock first, and the profile anonymized before any section is touched: a
            // concurrent write to a section either committed before this point (and is removed
            // below) or waits for the lock and then finds the client erased
            Client client = guard.write(actor, Permission.DELETE_CLIENTS, tenant, id, "its profile is read-only");
            clients.update(client.erase(changes.now()));
            notes.deleteAllForClient(tenant, id);
            participants.forEach(p -> p.erase(client));
            bookings.anonymize(tenant, id);
            // after the participants, whose own audit entries may hold masked values too
            audit.erasePersonalValues(tenant, id);
            changes.record(actor, tenant, id, AuditAction.ERASED, List.of());
            changes.publish(new ClientEvents.ClientErased(tenant, id, changes.now()));
            // last, inside the unit of work: a storage failure rolls the erasure back so it can be
            // retried; bytes deleted before a later rollback are gone, which erasure wanted anyway
            client.photo().ifPresent(p -> photos.delete(tenant, p.key()));
        });
        LOG.info("client erased: tenant={} client={} by={}", tenant, id, actor.describe());
    }
}
