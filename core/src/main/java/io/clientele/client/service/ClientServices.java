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
 * Wires the client context's use cases from its ports. {@code io.clientele.Clientele} builds one;
 * hosts normally use the facade instead. Immutable and thread-safe.
 */
public final class ClientServices {

    private final ClientProfileService profiles;
    private final PhotoService photos;
    private final PassService passes;
    private final LockService locks;
    private final ErasureService erasure;
    private final LabelService labels;
    private final NoteService notes;
    private final AddressService addresses;
    private final GroupService groups;

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

    /** Builds every service; {@code photoMaxBytes} caps photo uploads. */
    public ClientServices(Ports ports, long photoMaxBytes) {
        ClientOperations ops = new ClientOperations(ports.clients(), ports.audit(), ports.events(), ports.tx(),
                ports.settings(), ports.clock(), ports.ids());
        this.profiles = new ClientProfileService(ops, ports.labels(), ports.groups(), ports.notes(),
                ports.emailChangeParticipants(), ports.cursors());
        this.photos = new PhotoService(ops, ports.photos(), photoMaxBytes);
        this.passes = new PassService(ops);
        this.locks = new LockService(ops);
        this.erasure = new ErasureService(ops, ports.notes(), ports.photos(), ports.bookings(),
                ports.erasureParticipants());
        this.labels = new LabelService(ops, ports.labels());
        this.notes = new NoteService(ops, ports.notes());
        this.addresses = new AddressService(ops);
        this.groups = new GroupService(ops, ports.groups());
    }

    public ClientProfileService profiles() {
        return profiles;
    }

    public PhotoService photos() {
        return photos;
    }

    public PassService passes() {
        return passes;
    }

    public LockService locks() {
        return locks;
    }

    public ErasureService erasure() {
        return erasure;
    }

    public LabelService labels() {
        return labels;
    }

    public NoteService notes() {
        return notes;
    }

    public AddressService addresses() {
        return addresses;
    }

    public GroupService groups() {
        return groups;
    }
}
