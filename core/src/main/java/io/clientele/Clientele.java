package io.clientele;

import io.clientele.audit.port.AuditLog;
import io.clientele.client.port.BookingAnonymizer;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.ErasureParticipant;
import io.clientele.client.port.GroupRepository;
import io.clientele.client.port.LabelRepository;
import io.clientele.client.port.NoteRepository;
import io.clientele.client.port.PhotoStorage;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.client.service.AddressService;
import io.clientele.client.service.AuditService;
import io.clientele.client.service.ClientProfileService;
import io.clientele.client.service.ClientServices;
import io.clientele.client.service.ErasureService;
import io.clientele.client.service.GroupService;
import io.clientele.client.service.LabelService;
import io.clientele.client.service.LockService;
import io.clientele.client.service.NoteService;
import io.clientele.client.service.PassService;
import io.clientele.client.service.PhotoService;
import io.clientele.common.ConfigurationException;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.common.TransactionRunner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The facade a host application holds: built once with {@link #builder()}, it wires the ports
 * (repositories, storage, transactions, events, clock) into the use cases and exposes them.
 *
 * <pre>{@code
 * InMemoryAdapters memory = InMemoryAdapters.create();
 * Clientele clientele = memory.installInto(Clientele.builder()).build();
 * }</pre>
 *
 * <p>{@link Builder#build()} fails fast with a {@link ConfigurationException} naming every missing
 * port. Defaults: the system UTC clock, photos up to 5 MB. A built instance is immutable and
 * thread-safe; share one per application.
 */
public final class Clientele {

    private final ClientServices clientServices;
    private final AuditService auditService;

    private Clientele(Builder b) {
        Ids ids = b.ids != null ? b.ids : new Ids(b.clock);
        this.clientServices = new ClientServices(new ClientServices.Ports(b.clientRepository, b.labelRepository,
                b.groupRepository, b.noteRepository, b.auditLog, b.photoStorage, b.bookingAnonymizer,
                b.tenantSettings, b.eventPublisher, b.transactionRunner, b.clock, ids, b.erasureParticipants),
                b.photoMaxBytes);
        this.auditService = new AuditService(b.auditLog, b.clientRepository, b.transactionRunner);
    }

    /** A builder with no ports set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Create clients, edit personal details, view profiles, list and count clients. */
    public ClientProfileService clients() {
        return clientServices.profiles();
    }

    /** Upload, replace and remove profile photos. */
    public PhotoService photos() {
        return clientServices.photos();
    }

    /** Link and unlink passes and cards. */
    public PassService passes() {
        return clientServices.passes();
    }

    /** Lock and unlock profiles. */
    public LockService locks() {
        return clientServices.locks();
    }

    /** Erase clients by anonymization. */
    public ErasureService erasure() {
        return clientServices.erasure();
    }

    /** The label catalog and label assignment. */
    public LabelService labels() {
        return clientServices.labels();
    }

    /** Staff notes. */
    public NoteService notes() {
        return clientServices.notes();
    }

    /** Postal addresses. */
    public AddressService addresses() {
        return clientServices.addresses();
    }

    /** Client groups and their members. */
    public GroupService groups() {
        return clientServices.groups();
    }

    /** The audit trail. */
    public AuditService audit() {
        return auditService;
    }

    /**
     * Collects the ports and settings for a {@link Clientele}. Not thread-safe; use it from one
     * thread, then share the built instance.
     */
    public static final class Builder {

        private Clock clock = Clock.systemUTC();
        private Ids ids;
        private long photoMaxBytes = PhotoService.DEFAULT_MAX_BYTES;
        private TransactionRunner transactionRunner;
        private EventPublisher eventPublisher;
        private ClientRepository clientRepository;
        private LabelRepository labelRepository;
        private GroupRepository groupRepository;
        private NoteRepository noteRepository;
        private AuditLog auditLog;
        private PhotoStorage photoStorage;
        private BookingAnonymizer bookingAnonymizer;
        private TenantSettingsProvider tenantSettings;
        private final List<ErasureParticipant> erasureParticipants = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds something of the host's that must forget a client on erasure (called in the erasure's
         * unit of work, after Clientele's own participants). Optional; may be called several times.
         */
        public Builder erasureParticipant(ErasureParticipant value) {
            if (value == null) {
                throw new ConfigurationException("erasureParticipant must not be null");
            }
            erasureParticipants.add(value);
            return this;
        }

        /** The clock every use case reads time from; default {@link Clock#systemUTC()}. */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /**
         * The id generator; default a new {@link Ids} on the builder's clock. Share one generator
         * between components that must agree on id order.
         */
        public Builder ids(Ids value) {
            this.ids = value;
            return this;
        }

        /** The largest accepted profile photo, in bytes; default 5 MB. */
        public Builder photoMaxBytes(long value) {
            if (value < 1) {
                throw new ConfigurationException("photoMaxBytes must be positive");
            }
            this.photoMaxBytes = value;
            return this;
        }

        /** Required: defines units of work. */
        public Builder transactionRunner(TransactionRunner value) {
            this.transactionRunner = value;
            return this;
        }

        /** Required: receives domain events ({@link EventPublisher#noop()} to drop them). */
        public Builder eventPublisher(EventPublisher value) {
            this.eventPublisher = value;
            return this;
        }

        /** Required: stores clients. */
        public Builder clientRepository(ClientRepository value) {
            this.clientRepository = value;
            return this;
        }

        /** Required: stores label catalogs. */
        public Builder labelRepository(LabelRepository value) {
            this.labelRepository = value;
            return this;
        }

        /** Required: stores client groups. */
        public Builder groupRepository(GroupRepository value) {
            this.groupRepository = value;
            return this;
        }

        /** Required: stores notes. */
        public Builder noteRepository(NoteRepository value) {
            this.noteRepository = value;
            return this;
        }

        /** Required: stores the audit trail. */
        public Builder auditLog(AuditLog value) {
            this.auditLog = value;
            return this;
        }

        /** Required: keeps photo bytes. */
        public Builder photoStorage(PhotoStorage value) {
            this.photoStorage = value;
            return this;
        }

        /** Required: anonymizes the host's bookings on erasure. */
        public Builder bookingAnonymizer(BookingAnonymizer value) {
            this.bookingAnonymizer = value;
            return this;
        }

        /** Required: supplies tenant settings. */
        public Builder tenantSettings(TenantSettingsProvider value) {
            this.tenantSettings = value;
            return this;
        }

        /**
         * Builds the facade.
         *
         * @throws ConfigurationException naming every missing port
         */
        public Clientele build() {
            List<String> missing = new ArrayList<>();
            require(missing, clock, "clock");
            require(missing, transactionRunner, "transactionRunner");
            require(missing, eventPublisher, "eventPublisher");
            require(missing, clientRepository, "clientRepository");
            require(missing, labelRepository, "labelRepository");
            require(missing, groupRepository, "groupRepository");
            require(missing, noteRepository, "noteRepository");
            require(missing, auditLog, "auditLog");
            require(missing, photoStorage, "photoStorage");
            require(missing, bookingAnonymizer, "bookingAnonymizer");
            require(missing, tenantSettings, "tenantSettings");
            if (!missing.isEmpty()) {
                throw new ConfigurationException("Clientele.builder() is missing " + String.join(", ", missing)
                        + "; set " + (missing.size() == 1 ? "it" : "them") + " on the builder before build()");
            }
            return new Clientele(this);
        }

        private static void require(List<String> missing, Object port, String name) {
            if (port == null) {
                missing.add(name);
            }
        }
    }
}
