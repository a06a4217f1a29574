package io.clientele;

import io.clientele.adapter.cache.CacheSpec;
import io.clientele.adapter.cache.Caches;
import io.clientele.adapter.cache.Caching;
import io.clientele.adapter.json.JacksonExportEncoder;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.model.Client;
import io.clientele.client.port.BookingAnonymizer;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.EmailChangeParticipant;
import io.clientele.client.port.ErasureParticipant;
import io.clientele.client.port.GroupRepository;
import io.clientele.client.port.LabelRepository;
import io.clientele.client.port.NoteRepository;
import io.clientele.client.port.PhotoStorage;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.client.service.AddressService;
import io.clientele.client.service.AuditService;
import io.clientele.client.service.ClientGuard;
import io.clientele.client.service.ClientProfileService;
import io.clientele.client.service.ClientServices;
import io.clientele.client.service.ErasureService;
import io.clientele.client.service.GroupService;
import io.clientele.client.service.LabelService;
import io.clientele.client.service.LockService;
import io.clientele.client.service.NoteService;
import io.clientele.client.service.PassService;
import io.clientele.client.service.PhotoService;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConfigurationException;
import io.clientele.common.CursorSeal;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.consent.port.ConsentLog;
import io.clientele.consent.port.PreferenceRepository;
import io.clientele.consent.service.ConsentExportSection;
import io.clientele.consent.service.ConsentService;
import io.clientele.invitation.port.CampaignRepository;
import io.clientele.invitation.port.CredentialStore;
import io.clientele.invitation.port.TokenRepository;
import io.clientele.invitation.service.ActivationService;
import io.clientele.invitation.service.CampaignService;
import io.clientele.invitation.service.InvitationConfig;
import io.clientele.invitation.service.InvitationService;
import io.clientele.invitation.service.InvitationServices;
import io.clientele.invitation.service.MailDispatcher;
import io.clientele.invitation.service.Pacer;
import io.clientele.mail.port.MailComposer;
import io.clientele.mail.port.MailOutbox;
import io.clientele.mail.port.MailSender;
import io.clientele.mail.port.MessageTemplates;
import io.clientele.credit.port.CreditRepository;
import io.clientele.credit.service.CreditExportSections;
import io.clientele.credit.service.CreditGrants;
import io.clientele.credit.service.CreditService;
import io.clientele.intake.port.IntakeFormRepository;
import io.clientele.intake.service.IntakeExportSection;
import io.clientele.intake.service.IntakeFormService;
import io.clientele.order.port.OrderRepository;
import io.clientele.order.service.OrderExportSection;
import io.clientele.order.service.OrderService;
import io.clientele.payment.port.PaymentGateway;
import io.clientele.payment.port.PaymentMethodRepository;
import io.clientele.payment.service.PaymentMethodExportSection;
import io.clientele.payment.service.PaymentMethodService;
import io.clientele.export.port.ExportEncoder;
import io.clientele.export.port.ExportSection;
import io.clientele.profile.service.ProfileService;
import io.clientele.export.service.DataExportService;
import io.clientele.membership.port.IssuanceLog;
import io.clientele.membership.port.MembershipRepository;
import io.clientele.membership.port.MembershipTypeRepository;
import io.clientele.membership.service.MembershipEraser;
import io.clientele.membership.service.MembershipExportSection;
import io.clientele.membership.service.MembershipIssuanceJob;
import io.clientele.membership.service.MembershipService;
import io.clientele.membership.service.MembershipTypeService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * The facade a host application holds: built once with {@link #builder()}, it wires the ports
 * (repositories, storage, transactions, events, clock) into the use cases and exposes them.
 *
 * <pre>{@code
 * InMemoryAdapters memory = InMemoryAdapters.create();
 * Clientele clientele = memory.installInto(Clientele.builder())
 *         .invitations(InvitationConfig.withLinks(activationUrl, resetUrl, unsubscribeUrl))
 *         .build();
 * }</pre>
 *
 * <p>{@link Builder#build()} fails fast with a {@link ConfigurationException} naming every missing
 * port. Defaults: the system UTC clock, photos up to 5 MB, and a random key per instance for the
 * list cursors ({@link Builder#cursorKey}). A built instance is immutable and thread-safe; share
 * one per application.
 */
public final class Clientele {

    private final ClientServices clientServices;
    private final AuditService auditService;
    private final ConsentService consentService;
    private final InvitationServices invitationServices;
    private final CreditGrants creditGrants;
    private final CreditService creditService;
    private final OrderService orderService;
    private final IntakeFormService intakeFormService;
    private final PaymentMethodService paymentMethodService;
    private final MembershipService membershipService;
    private final MembershipTypeService membershipTypeService;
    private final MembershipIssuanceJob membershipIssuanceJob;
    private final DataExportService dataExportService;
    private final ProfileService profileService;

    private Clientele(Builder b) {
        Ids ids = b.ids != null ? b.ids : new Ids(b.clock);
        CursorSeal cursors = b.cursorSeal != null ? b.cursorSeal : CursorSeal.withRandomKey();
        // the one gate of the contexts built here: permission, tenant, not-found, lock, erasure
        ClientGuard guard = new ClientGuard(b.clientRepository, b.tenantSettings);
        this.consentService = new ConsentService(new ConsentService.Ports(b.clientRepository, b.auditLog,
                b.eventPublisher, b.transactionRunner, b.clock, ids, b.preferenceRepository, b.consentLog, cursors,
                guard));
        List<ErasureParticipant> participants = new ArrayList<>();
        // the invitation context is built after the client context it depends on; its eraser is
        // looked up when an erasure runs
        this.creditGrants = new CreditGrants(b.creditRepository, b.auditLog, b.eventPublisher, b.clock, ids);
        // the membership context issues credits through the grants; the credit service asks it, through
        // a credit port, whether a membership named by hand is the client's and active
        this.membershipService = new MembershipService(new MembershipService.Ports(b.membershipTypeRepository,
                b.membershipRepository, b.issuanceLog, guard, b.tenantSettings, creditGrants, b.auditLog,
                b.eventPublisher, b.transactionRunner, b.clock, ids, cursors));
        this.membershipTypeService = new MembershipTypeService(new MembershipTypeService.Ports(
                b.membershipTypeRepository, b.eventPublisher, b.transactionRunner, b.clock, ids));
        this.membershipIssuanceJob = new MembershipIssuanceJob(new MembershipIssuanceJob.Ports(b.membershipRepository,
                b.issuanceLog, guard, b.tenantSettings, creditGrants, b.auditLog, b.eventPublisher,
                b.transactionRunner, b.clock, ids));
        this.creditService = new CreditService(new CreditService.Ports(b.creditRepository,
                membershipService.standings(), b.transactionRunner, b.clock, creditGrants, guard, cursors));
        this.orderService = new OrderService(new OrderService.Ports(guard, b.tenantSettings,
                b.orderRepository, creditGrants, b.auditLog, b.eventPublisher, b.transactionRunner, b.clock, ids,
                cursors));
        this.intakeFormService = new IntakeFormService(new IntakeFormService.Ports(guard, b.auditLog,
                b.eventPublisher, b.transactionRunner, b.clock, ids, b.intakeFormRepository, cursors));
        this.paymentMethodService = new PaymentMethodService(new PaymentMethodService.Ports(guard,
                b.auditLog, b.eventPublisher, b.transactionRunner, b.clock, ids, b.paymentMethodRepository,
                b.paymentGateway, cursors));
        participants.add(new InvitationEraser());
        participants.add(consentService.eraser());
        participants.add(new MembershipEraser(new MembershipEraser.Ports(b.membershipRepository, b.auditLog,
                b.eventPublisher, b.clock, ids)));
        participants.add(creditService.eraser());
        participants.add(orderService.eraser());
        participants.add(intakeFormService.eraser());
        // last of Clientele's own: it calls the payment provider, which cannot be rolled back
        participants.add(paymentMethodService.eraser());
        participants.addAll(b.erasureParticipants);
        List<EmailChangeParticipant> emailChangeParticipants = new ArrayList<>();
        // like the eraser, the invitation context's participant is looked up when an email changes
        emailChangeParticipants.add(this::invitationEmailChanged);
        emailChangeParticipants.addAll(b.emailChangeParticipants);
        this.clientServices = new ClientServices(new ClientServices.Ports(b.clientRepository, b.labelRepository,
                b.groupRepository, b.noteRepository, b.auditLog, b.photoStorage, b.bookingAnonymizer,
                b.tenantSettings, b.eventPublisher, b.transactionRunner, b.clock, ids, participants,
                emailChangeParticipants, cursors), b.photoMaxBytes, b.catalogChunkSize);
        this.auditService = clientServices.audit();
        this.profileService = new ProfileService(new ProfileService.Ports(b.clientRepository, b.tenantSettings,
                b.labelRepository, b.groupRepository, b.noteRepository, b.auditLog, b.membershipRepository,
                b.orderRepository, b.intakeFormRepository, b.paymentMethodRepository, b.creditRepository,
                b.consentLog, b.transactionRunner, b.clock, cursors));
        List<ExportSection> exportSections = new ArrayList<>(List.of(
                new ConsentExportSection(b.consentLog, b.preferenceRepository),
                CreditExportSections.credits(b.creditRepository),
                CreditExportSections.ledger(b.creditRepository),
                new MembershipExportSection(b.membershipRepository, b.membershipTypeRepository),
                new OrderExportSection(b.orderRepository),
                new IntakeExportSection(b.intakeFormRepository),
                new PaymentMethodExportSection(b.paymentMethodRepository)));
        exportSections.addAll(b.exportSections);
        this.dataExportService = new DataExportService(new DataExportService.Ports(b.clientRepository,
                b.noteRepository, b.labelRepository, b.groupRepository, b.auditLog, exportSections, b.exportEncoder,
                b.transactionRunner, b.clock));
        this.invitationServices = new InvitationServices(new InvitationServices.Ports(b.clientRepository,
                b.groupRepository, b.labelRepository, b.auditLog, b.eventPublisher, b.transactionRunner,
                b.tenantSettings, b.clock, ids, b.mailOutbox, b.mailSender, b.mailComposer, b.tokenRepository,
                b.credentialStore, b.campaignRepository, b.messageTemplates, b.preferenceRepository, b.consentLog,
                b.invitationConfig, b.pacer, b.dispatchThreads), clientServices.profiles());
    }

    /** The invitation context's eraser, looked up when an erasure runs; keeps the client as it was. */
    private final class InvitationEraser implements ErasureParticipant {

        @Override
        public void erase(TenantId tenant, ClientId client) {
            invitationServices.eraser().erase(tenant, client);
        }

        @Override
        public void erase(Client before) {
            invitationServices.eraser().erase(before);
        }
    }

    private void invitationEmailChanged(Actor actor, Client before, Client after) {
        invitationServices.emailChangeParticipant().emailChanged(actor, before, after);
    }

    /** A builder with no ports set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Create clients, edit personal details, read one client, list and count clients. */
    public ClientProfileService clients() {
        return clientServices.profiles();
    }

    /**
     * The whole profile of one client, every section of the profile page, in one call and one
     * read-only unit of work (see {@link ProfileService}).
     */
    public ProfileService profiles() {
        return profileService;
    }

    /**
     * Upload, replace and remove profile photos. Uploads are checked by real image readers,
     * bounded in dimensions and stored re-encoded without metadata (see {@link PhotoService}).
     */
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

    /** Invite one client, or create and invite. */
    public InvitationService invitations() {
        return invitationServices.invitations();
    }

    /** Bulk invitations: preview, create, run or resume. */
    public CampaignService campaigns() {
        return invitationServices.campaigns();
    }

    /** Personal links: inspect, activate, password reset, unsubscribe. */
    public ActivationService activation() {
        return invitationServices.activation();
    }

    /** The mail dispatcher; the host runs {@code dispatchDue()} from a scheduler. */
    public MailDispatcher mailDispatcher() {
        return invitationServices.dispatcher();
    }

    /** Marketing preferences and consent records. */
    public ConsentService consent() {
        return consentService;
    }

    /** The credit ledger: issue by hand, revoke, redeem, cancel a booking, balances, expiry sweep. */
    public CreditService credits() {
        return creditService;
    }

    /** Orders where the client is lead booker; placing a package purchase grants its credits. */
    public OrderService orders() {
        return orderService;
    }

    /** Intake form submissions (health data: erased with the client). */
    public IntakeFormService intakeForms() {
        return intakeFormService;
    }

    /**
     * A client's memberships: add, pause, resume, cancel, list. The catalog of types is {@link
     * #membershipTypes()}, the recurring-credit job {@link #membershipIssuance()}.
     */
    public MembershipService memberships() {
        return membershipService;
    }

    /** The tenant's catalog of membership types: create, rename, enable, disable, list. */
    public MembershipTypeService membershipTypes() {
        return membershipTypeService;
    }

    /**
     * The job that issues memberships' recurring credits and ends memberships past their end date;
     * the host runs {@code issueDueCredits()} from a scheduler (hourly is fine).
     */
    public MembershipIssuanceJob membershipIssuance() {
        return membershipIssuanceJob;
    }

    /** Everything held about one client as one JSON document. */
    public DataExportService dataExport() {
        return dataExportService;
    }

    /** Saved payment methods; cancelling detaches them at the payment provider. */
    public PaymentMethodService paymentMethods() {
        return paymentMethodService;
    }

    /**
     * Collects the ports and settings for a {@link Clientele}. Not thread-safe; use it from one
     * thread, then share the built instance.
     */
    public static final class Builder {

        private Clock clock = Clock.systemUTC();
        private Ids ids;
        private long photoMaxBytes = PhotoService.DEFAULT_MAX_BYTES;
        private int catalogChunkSize = ClientServices.DEFAULT_CATALOG_CHUNK_SIZE;
        private CursorSeal cursorSeal;
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
        private InvitationConfig invitationConfig;
        private MailOutbox mailOutbox;
        private MailSender mailSender;
        private MailComposer mailComposer;
        private TokenRepository tokenRepository;
        private CredentialStore credentialStore;
        private CampaignRepository campaignRepository;
        private MessageTemplates messageTemplates;
        private PreferenceRepository preferenceRepository;
        private ConsentLog consentLog;
        private Pacer pacer = Pacer.sleeping();
        private ThreadFactory dispatchThreads = MailDispatcher.defaultThreads();
        private CreditRepository creditRepository;
        private OrderRepository orderRepository;
        private IntakeFormRepository intakeFormRepository;
        private PaymentMethodRepository paymentMethodRepository;
        private PaymentGateway paymentGateway;
        private MembershipTypeRepository membershipTypeRepository;
        private MembershipRepository membershipRepository;
        private IssuanceLog issuanceLog;
        private final List<ErasureParticipant> erasureParticipants = new ArrayList<>();
        private final List<EmailChangeParticipant> emailChangeParticipants = new ArrayList<>();
        private final List<ExportSection> exportSections = new ArrayList<>();
        private ExportEncoder exportEncoder = new JacksonExportEncoder();
        private Caches caches;

        private Builder() {
        }

        /**
         * Serves the tenant settings and the per-tenant catalogs (labels, membership types,
         * marketing preferences) from {@code value}, Caffeine caches bounded by tenants and with a
         * time-to-live ({@link Caches}); the host keeps {@code value} to {@link Caches#invalidate
         * invalidate} a tenant whose settings it changed. A write through this instance shows at
         * once; one made elsewhere shows within the time-to-live. Optional: by default nothing is
         * cached and every read goes to the ports. One {@link Caches} per built instance.
         */
        public Builder caching(Caches value) {
            this.caches = value;
            return this;
        }

        /**
         * As {@link #caching(Caches)} with new caches of this spec ({@link CacheSpec#defaults()}:
         * 10,000 tenants, 5 minutes), for a host that never needs to invalidate them by hand.
         */
        public Builder caching(CacheSpec spec) {
            if (spec == null) {
                throw new ConfigurationException("caching spec must not be null");
            }
            return caching(Caching.caches(spec));
        }

        /**
         * Adds a section of the host's own to every data export (its bookings, say), after
         * Clientele's sections, in the order added; its content is read in the export's unit of
         * work (see {@link ExportSection}). Optional; may be called several times. A name that is
         * not a plain property name or is taken (by the document's own fields, Clientele's sections
         * or another of the host's) fails {@link #build()} with a {@link ConfigurationException}.
         */
        public Builder exportSection(ExportSection value) {
            if (value == null) {
                throw new ConfigurationException("exportSection must not be null");
            }
            exportSections.add(value);
            return this;
        }

        /**
         * How the data export document is written; default {@link JacksonExportEncoder}, indented
         * JSON in the {@code clientele-export/1} format.
         */
        public Builder exportEncoder(ExportEncoder value) {
            this.exportEncoder = value;
            return this;
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

        /**
         * Adds something of the host's that must react when a client's email address changes
         * (called in the edit's unit of work, after Clientele's own participant has revoked the
         * links mailed to the old address). Optional; may be called several times.
         */
        public Builder emailChangeParticipant(EmailChangeParticipant value) {
            if (value == null) {
                throw new ConfigurationException("emailChangeParticipant must not be null");
            }
            emailChangeParticipants.add(value);
            return this;
        }

        /**
         * The clock every use case reads time from; default {@link Clock#systemUTC()}. Only its
         * instant matters: calendar rules use each studio's time zone from the tenant settings,
         * never the clock's zone.
         */
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

        /**
         * The largest accepted profile photo upload, in bytes; default 5 MB. The pixel limits
         * ({@link PhotoService#MAX_SIDE_PIXELS}, {@link PhotoService#MAX_PIXELS}) are fixed.
         */
        public Builder photoMaxBytes(long value) {
            if (value < 1) {
                throw new ConfigurationException("photoMaxBytes must be positive");
            }
            this.photoMaxBytes = value;
            return this;
        }

        /**
         * How many clients a label's or group's delete takes it off per unit of work; default
         * {@value ClientServices#DEFAULT_CATALOG_CHUNK_SIZE}, at most {@value
         * ClientServices#MAX_CATALOG_CHUNK_SIZE}. Smaller chunks hold locks for less time.
         */
        public Builder catalogChunkSize(int value) {
            if (value < 1 || value > ClientServices.MAX_CATALOG_CHUNK_SIZE) {
                throw new ConfigurationException(
                        "catalogChunkSize must be 1 to " + ClientServices.MAX_CATALOG_CHUNK_SIZE);
            }
            this.catalogChunkSize = value;
            return this;
        }

        /**
         * The key that seals the cursors of every list page ({@link CursorSeal}): {@value
         * CursorSeal#KEY_BYTES} bytes, for AES-256; the array is copied. Any other length, and a key
         * of zero bytes only (what an unset secret reads as), is a {@link ConfigurationException}.
         * Cursors are at most {@value io.clientele.common.Cursor#MAX_LENGTH} characters. Optional: by
         * default each built instance draws a random key, so its cursors stop opening after a
         * restart or on another instance (a host that then gets a {@code ValidationException} on
         * {@code cursor} shows the list from its first page). Hosts that run several instances
         * behind one list set the same key, kept secret, on all of them.
         */
        public Builder cursorKey(byte[] value) {
            this.cursorSeal = CursorSeal.withKey(value);
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

        /**
         * Required: supplies tenant settings (phone region, languages, lock policy, and the time
         * zone every calendar rule of the studio is evaluated in).
         */
        public Builder tenantSettings(TenantSettingsProvider value) {
            this.tenantSettings = value;
            return this;
        }

        /** Required: invitation links' base URLs and the invitation settings ({@link InvitationConfig#withLinks}). */
        public Builder invitations(InvitationConfig value) {
            this.invitationConfig = value;
            return this;
        }

        /** Required: the mail outbox. */
        public Builder mailOutbox(MailOutbox value) {
            this.mailOutbox = value;
            return this;
        }

        /** Required: sends mail (the SMTP adapter, or the host's provider). */
        public Builder mailSender(MailSender value) {
            this.mailSender = value;
            return this;
        }

        /** Required: renders localized mails. */
        public Builder mailComposer(MailComposer value) {
            this.mailComposer = value;
            return this;
        }

        /** Required: stores link token hashes. */
        public Builder tokenRepository(TokenRepository value) {
            this.tokenRepository = value;
            return this;
        }

        /** Required: receives clients' passwords (the host's identity system, or {@code HashingCredentialStore}). */
        public Builder credentialStore(CredentialStore value) {
            this.credentialStore = value;
            return this;
        }

        /** Required: stores campaigns. */
        public Builder campaignRepository(CampaignRepository value) {
            this.campaignRepository = value;
            return this;
        }

        /** Required: the tenants' default mail texts. */
        public Builder messageTemplates(MessageTemplates value) {
            this.messageTemplates = value;
            return this;
        }

        /** Required: stores marketing preferences. */
        public Builder preferenceRepository(PreferenceRepository value) {
            this.preferenceRepository = value;
            return this;
        }

        /** Required: stores consent records. */
        public Builder consentLog(ConsentLog value) {
            this.consentLog = value;
            return this;
        }

        /** How the mail dispatcher waits to keep its rate limit; default {@link Pacer#sleeping()}. */
        public Builder pacer(Pacer value) {
            this.pacer = value;
            return this;
        }

        /**
         * Makes the second thread of {@link MailDispatcher#dispatchAll()}, which claims, prepares
         * and records batches while one is sent; default {@link MailDispatcher#defaultThreads()}
         * (a daemon thread named {@value MailDispatcher#DB_THREAD}). It is asked once per pipelined
         * call, on the calling thread, so a factory can copy the caller's thread-locals (a logging
         * MDC, a security context, a tenant routing key) into the thread it makes. A factory that
         * throws, answers null, or makes a thread that does not run its task within a quarter of the
         * dispatch lease (at most 5 s) makes that call run its batches one after the other on the
         * calling thread.
         */
        public Builder dispatchThreads(ThreadFactory value) {
            this.dispatchThreads = value;
            return this;
        }

        /** Required: stores the credit ledger. */
        public Builder creditRepository(CreditRepository value) {
            this.creditRepository = value;
            return this;
        }

        /** Required: stores orders. */
        public Builder orderRepository(OrderRepository value) {
            this.orderRepository = value;
            return this;
        }

        /** Required: stores intake form submissions. */
        public Builder intakeFormRepository(IntakeFormRepository value) {
            this.intakeFormRepository = value;
            return this;
        }

        /** Required: stores saved payment methods. */
        public Builder paymentMethodRepository(PaymentMethodRepository value) {
            this.paymentMethodRepository = value;
            return this;
        }

        /** Required: the payment provider, to detach saved methods. */
        public Builder paymentGateway(PaymentGateway value) {
            this.paymentGateway = value;
            return this;
        }

        /** Required: stores the membership type catalog. */
        public Builder membershipTypeRepository(MembershipTypeRepository value) {
            this.membershipTypeRepository = value;
            return this;
        }

        /** Required: stores client memberships. */
        public Builder membershipRepository(MembershipRepository value) {
            this.membershipRepository = value;
            return this;
        }

        /** Required: records which membership periods were issued (exactly once). */
        public Builder issuanceLog(IssuanceLog value) {
            this.issuanceLog = value;
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
            require(missing, invitationConfig, "invitations");
            require(missing, mailOutbox, "mailOutbox");
            require(missing, mailSender, "mailSender");
            require(missing, mailComposer, "mailComposer");
            require(missing, tokenRepository, "tokenRepository");
            require(missing, credentialStore, "credentialStore");
            require(missing, campaignRepository, "campaignRepository");
            require(missing, messageTemplates, "messageTemplates");
            require(missing, preferenceRepository, "preferenceRepository");
            require(missing, consentLog, "consentLog");
            require(missing, pacer, "pacer");
            require(missing, dispatchThreads, "dispatchThreads");
            require(missing, creditRepository, "creditRepository");
            require(missing, orderRepository, "orderRepository");
            require(missing, intakeFormRepository, "intakeFormRepository");
            require(missing, paymentMethodRepository, "paymentMethodRepository");
            require(missing, paymentGateway, "paymentGateway");
            require(missing, membershipTypeRepository, "membershipTypeRepository");
            require(missing, membershipRepository, "membershipRepository");
            require(missing, issuanceLog, "issuanceLog");
            require(missing, exportEncoder, "exportEncoder");
            if (!missing.isEmpty()) {
                throw new ConfigurationException("Clientele.builder() is missing " + String.join(", ", missing)
                        + "; set " + (missing.size() == 1 ? "it" : "them") + " on the builder before build()");
            }
            return caches == null ? new Clientele(this) : buildCached(caches);
        }

        /**
         * Builds on the ports behind the caches, then puts the host's ports back, so the builder
         * stays as the host set it (a second build wraps them afresh).
         */
        private Clientele buildCached(Caches with) {
            TransactionRunner tx = transactionRunner;
            TenantSettingsProvider settings = tenantSettings;
            LabelRepository labels = labelRepository;
            MembershipTypeRepository types = membershipTypeRepository;
            PreferenceRepository preferences = preferenceRepository;
            transactionRunner = with.transactions(tx);
            tenantSettings = with.tenantSettings(settings);
            labelRepository = with.labels(labels);
            membershipTypeRepository = with.membershipTypes(types);
            preferenceRepository = with.preferences(preferences);
            try {
                return new Clientele(this);
            } finally {
                transactionRunner = tx;
                tenantSettings = settings;
                labelRepository = labels;
                membershipTypeRepository = types;
                preferenceRepository = preferences;
            }
        }

        private static void require(List<String> missing, Object port, String name) {
            if (port == null) {
                missing.add(name);
            }
        }
    }
}
