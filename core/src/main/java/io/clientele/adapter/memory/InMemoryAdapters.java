package io.clientele.adapter.memory;

import io.clientele.Clientele;
import io.clientele.adapter.credentials.HashingCredentialStore;
import io.clientele.adapter.credentials.HashingCredentialStore.Argon2Parameters;
import java.util.List;

/**
 * Every in-memory adapter, sharing one {@link MemoryTransactions}, ready to install into a {@link
 * Clientele.Builder} (every port; the invitation settings, {@code invitations(...)}, are still the
 * caller's to set). Mail is recorded by a {@link RecordingMailSender}, not sent:
 *
 * <pre>{@code
 * InMemoryAdapters memory = InMemoryAdapters.create();
 * Clientele clientele = memory.installInto(Clientele.builder())
 *         .invitations(InvitationConfig.withLinks(activationUrl, resetUrl, unsubscribeUrl))
 *         .build();
 * }</pre>
 *
 * <p>The adapters stay reachable for tests (recorded events, anonymized clients, stored photos,
 * tenant settings). Thread-safe.
 */
public final class InMemoryAdapters {

    private final MemoryTransactions transactions;
    private final InMemoryClientRepository clients;
    private final InMemoryLabelRepository labels;
    private final InMemoryGroupRepository groups;
    private final InMemoryNoteRepository notes;
    private final InMemoryAuditLog audit;
    private final InMemoryPhotoStorage photos;
    private final InMemoryEventPublisher events;
    private final RecordingBookingAnonymizer bookings;
    private final InMemoryTenantSettings tenantSettings;
    private final InMemoryMailOutbox outbox;
    private final InMemoryTokenRepository tokens;
    private final InMemoryCampaignRepository campaigns;
    private final InMemoryPreferenceRepository preferences;
    private final InMemoryConsentLog consents;
    private final InMemoryPasswordHashStore passwordHashes;
    private final HashingCredentialStore credentials;
    private final InMemoryMessageTemplates templates;
    private final SimpleMailComposer composer;
    private final RecordingMailSender mailSender;
    private final InMemoryCreditRepository credits;
    private final InMemoryOrderRepository orders;
    private final InMemoryIntakeFormRepository intakeForms;
    private final InMemoryPaymentMethodRepository paymentMethods;
    private final RecordingPaymentGateway paymentGateway;
    private final InMemoryMembershipTypeRepository membershipTypes;
    private final InMemoryMembershipRepository memberships;
    private final InMemoryIssuanceLog issuanceLog;

    private InMemoryAdapters(Argon2Parameters argon2, MemoryTransactions transactions) {
        this.transactions = transactions;
        this.clients = new InMemoryClientRepository(transactions);
        this.labels = new InMemoryLabelRepository(transactions);
        this.groups = new InMemoryGroupRepository(transactions);
        this.notes = new InMemoryNoteRepository(transactions);
        this.audit = new InMemoryAuditLog(transactions);
        this.photos = new InMemoryPhotoStorage();
        this.events = new InMemoryEventPublisher(transactions);
        this.bookings = new RecordingBookingAnonymizer(transactions);
        this.tenantSettings = new InMemoryTenantSettings();
        this.outbox = new InMemoryMailOutbox(transactions);
        this.tokens = new InMemoryTokenRepository(transactions);
        this.campaigns = new InMemoryCampaignRepository(transactions);
        this.preferences = new InMemoryPreferenceRepository(transactions);
        this.consents = new InMemoryConsentLog(transactions, clients, preferences);
        this.passwordHashes = new InMemoryPasswordHashStore(transactions);
        this.credentials = new HashingCredentialStore(passwordHashes, argon2);
        this.templates = new InMemoryMessageTemplates(tenantSettings);
        this.composer = new SimpleMailComposer();
        this.mailSender = new RecordingMailSender();
        this.credits = new InMemoryCreditRepository(transactions);
        this.orders = new InMemoryOrderRepository(transactions);
        this.intakeForms = new InMemoryIntakeFormRepository(transactions);
        this.paymentMethods = new InMemoryPaymentMethodRepository(transactions);
        this.paymentGateway = new RecordingPaymentGateway();
        this.membershipTypes = new InMemoryMembershipTypeRepository(transactions);
        this.memberships = new InMemoryMembershipRepository(transactions);
        this.issuanceLog = new InMemoryIssuanceLog(transactions);
    }

    /** A fresh, empty set of adapters; passwords are hashed with the default Argon2id parameters. */
    public static InMemoryAdapters create() {
        return new InMemoryAdapters(Argon2Parameters.DEFAULT, new MemoryTransactions());
    }

    /**
     * A fresh, empty set of adapters hashing passwords with the given Argon2id parameters (tests
     * use cheap ones; production parameters cost tens of milliseconds per hash by design).
     */
    public static InMemoryAdapters create(Argon2Parameters argon2) {
        return new InMemoryAdapters(argon2, new MemoryTransactions());
    }

    /**
     * A fresh, empty set of adapters on the given units of work, for example {@link
     * MemoryTransactions#interleaved()} to test how use cases behave when their units of work run
     * at the same time.
     */
    public static InMemoryAdapters create(Argon2Parameters argon2, MemoryTransactions transactions) {
        return new InMemoryAdapters(argon2, transactions);
    }

    /** Sets every port of the builder to these adapters; returns the builder. */
    public Clientele.Builder installInto(Clientele.Builder builder) {
        return builder
                .transactionRunner(transactions)
                .eventPublisher(events)
                .clientRepository(clients)
                .labelRepository(labels)
                .groupRepository(groups)
                .noteRepository(notes)
                .auditLog(audit)
                .photoStorage(photos)
                .bookingAnonymizer(bookings)
                .tenantSettings(tenantSettings)
                .mailOutbox(outbox)
                .mailSender(mailSender)
                .mailComposer(composer)
                .tokenRepository(tokens)
                .credentialStore(credentials)
                .campaignRepository(campaigns)
                .messageTemplates(templates)
                .preferenceRepository(preferences)
                .consentLog(consents)
                .creditRepository(credits)
                .orderRepository(orders)
                .intakeFormRepository(intakeForms)
                .paymentMethodRepository(paymentMethods)
                .paymentGateway(paymentGateway)
                .membershipTypeRepository(membershipTypes)
                .membershipRepository(memberships)
                .issuanceLog(issuanceLog);
    }

    /** Every store that holds data, for storage-wide scans in tests. */
    public List<InspectableStore> stores() {
        return List.of(clients, labels, groups, notes, audit, photos, events, outbox, tokens, campaigns, preferences,
                consents, passwordHashes, credits, orders, intakeForms, paymentMethods, membershipTypes, memberships,
                issuanceLog);
    }

    public MemoryTransactions transactions() {
        return transactions;
    }

    public InMemoryClientRepository clients() {
        return clients;
    }

    public InMemoryLabelRepository labels() {
        return labels;
    }

    public InMemoryGroupRepository groups() {
        return groups;
    }

    public InMemoryNoteRepository notes() {
        return notes;
    }

    public InMemoryAuditLog audit() {
        return audit;
    }

    public InMemoryPhotoStorage photos() {
        return photos;
    }

    public InMemoryEventPublisher events() {
        return events;
    }

    public RecordingBookingAnonymizer bookings() {
        return bookings;
    }

    public InMemoryTenantSettings tenantSettings() {
        return tenantSettings;
    }

    public InMemoryMailOutbox outbox() {
        return outbox;
    }

    public InMemoryTokenRepository tokens() {
        return tokens;
    }

    public InMemoryCampaignRepository campaigns() {
        return campaigns;
    }

    public InMemoryPreferenceRepository preferences() {
        return preferences;
    }

    public InMemoryConsentLog consents() {
        return consents;
    }

    public InMemoryCreditRepository credits() {
        return credits;
    }

    public InMemoryMembershipTypeRepository membershipTypes() {
        return membershipTypes;
    }

    public InMemoryMembershipRepository memberships() {
        return memberships;
    }

    public InMemoryIssuanceLog issuanceLog() {
        return issuanceLog;
    }

    public InMemoryOrderRepository orders() {
        return orders;
    }

    public InMemoryIntakeFormRepository intakeForms() {
        return intakeForms;
    }

    public InMemoryPaymentMethodRepository paymentMethods() {
        return paymentMethods;
    }

    /** The payment gateway that records detach calls (and can be told to fail) instead of calling a provider. */
    public RecordingPaymentGateway paymentGateway() {
        return paymentGateway;
    }

    public InMemoryPasswordHashStore passwordHashes() {
        return passwordHashes;
    }

    public HashingCredentialStore credentials() {
        return credentials;
    }

    public InMemoryMessageTemplates templates() {
        return templates;
    }

    public SimpleMailComposer composer() {
        return composer;
    }

    /** The sender that records every mail instead of sending it (it holds raw tokens: tests only). */
    public RecordingMailSender mailSender() {
        return mailSender;
    }
}
