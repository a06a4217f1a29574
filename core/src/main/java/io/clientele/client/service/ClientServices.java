package io.clientele.client.service;

import io.clientele.audit.port.AuditLog;
import io.clientele.client.port.BookingAnonymizer;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.EmailChangeParticipant;
import io.clientele.client.port.ErasureParticipant;
import io.clientele.client.port.GroupRepository;
import io.clientele.client.port.LabelRepository;
import io.clientele.client.port.NoteRepository;
import io.clientele.client.port.PhotoStorage;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.common.CursorSeal;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.common.TransactionRunner;
import java.time.Clock;
import java.util.List;

/**
 * Wires the client context's use cases from its ports: each service gets its own {@code Ports}
 * record holding exactly what it uses. {@code io.clientele.Clientele} builds one; hosts normally
 * use the facade instead. Immutable and thread-safe.
 */
public final class ClientServices {

    /**
     * The default number of clients a label's or group's delete takes it off per unit of work:
     * 500, as a campaign chunk.
     */
    public static final int DEFAULT_CATALOG_CHUNK_SIZE = 500;

    /** The largest chunk a label's or group's delete may be configured with: 10,000 clients. */
    public static final int MAX_CATALOG_CHUNK_SIZE = 10_000;

    private final ClientProfileService profiles;
    private final PhotoService photos;
    private final PassService passes;
    private final LockService locks;
    private final ErasureService erasure;
    private final LabelService labels;
    private final NoteService notes;
    private final AddressService addresses;
    private final GroupService groups;
    private final AuditService audit;

    /** The ports a client context needs, and the seal of its list cursors. */
    public record Ports(
            ClientRepository clients,
            LabelRepository labels,
            GroupRepository groups,
            NoteRepository notes,
            AuditLog audit,
            PhotoStorage photos,
            BookingAnonymizer bookings,
            TenantSettingsProvider settings,
            EventPublisher events,
            TransactionRunner tx,
            Clock clock,
            Ids ids,
            List<ErasureParticipant> erasureParticipants,
            List<EmailChangeParticipant> emailChangeParticipants,
            CursorSeal cursors) {
    }

    /**
     * Builds every service; {@code photoMaxBytes} caps photo uploads, {@code catalogChunkSize} is
     * how many clients a label's or group's delete changes per unit of work.
     */
    public ClientServices(Ports p, long photoMaxBytes, int catalogChunkSize) {
        this.profiles = new ClientProfileService(new ClientProfileService.Ports(p.clients(), p.settings(), p.audit(),
                p.events(), p.tx(), p.clock(), p.ids(), p.emailChangeParticipants(), p.cursors()));
        this.photos = new PhotoService(new PhotoService.Ports(p.clients(), p.settings(), p.photos(), p.audit(),
                p.events(), p.tx(), p.clock(), p.ids()), photoMaxBytes);
        this.passes = new PassService(new PassService.Ports(p.clients(), p.settings(), p.audit(), p.events(), p.tx(),
                p.clock(), p.ids()));
        this.locks = new LockService(new LockService.Ports(p.clients(), p.settings(), p.audit(), p.events(), p.tx(),
                p.clock(), p.ids()));
        this.erasure = new ErasureService(new ErasureService.Ports(p.clients(), p.settings(), p.notes(), p.photos(),
                p.bookings(), p.audit(), p.events(), p.tx(), p.clock(), p.ids(), p.erasureParticipants()));
        this.labels = new LabelService(new LabelService.Ports(p.clients(), p.settings(), p.labels(), p.audit(),
                p.events(), p.tx(), p.clock(), p.ids(), p.cursors()), catalogChunkSize);
        this.notes = new NoteService(new NoteService.Ports(p.clients(), p.settings(), p.notes(), p.audit(),
                p.events(), p.tx(), p.clock(), p.ids(), p.cursors()));
        this.addresses = new AddressService(new AddressService.Ports(p.clients(), p.settings(), p.audit(), p.events(),
                p.tx(), p.clock(), p.ids()));
        this.groups = new GroupService(new GroupService.Ports(p.clients(), p.settings(), p.groups(), p.audit(),
                p.events(), p.tx(), p.clock(), p.ids(), p.cursors()), catalogChunkSize);
        this.audit = new AuditService(new AuditService.Ports(p.audit(), p.clients(), p.settings(), p.tx(),
                p.cursors()));
    }

    /** Creating clients, editing personal details, reading and listing clients. */
    public ClientProfileService profiles() {
        return profiles;
    }

    /** Profile photos. */
    public PhotoService photos() {
        return photos;
    }

    /** Passes and cards. */
    public PassService passes() {
        return passes;
    }

    /** Profile locks. */
    public LockService locks() {
        return locks;
    }

    /** Erasure by anonymization. */
    public ErasureService erasure() {
        return erasure;
    }

    /** The label catalog and assignments. */
    public LabelService labels() {
        return labels;
    }

    /** Staff notes. */
    public NoteService notes() {
        return notes;
    }

    /** Postal addresses. */
    public AddressService addresses() {
        return addresses;
    }

    /** Client groups and their members. */
    public GroupService groups() {
        return groups;
    }

    /** The audit trail. */
    public AuditService audit() {
        return audit;
    }
}
