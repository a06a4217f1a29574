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

    private final MemoryTransactions transactions = new MemoryTransactions();
    private final InMemoryClientRepository clients = new InMemoryClientRepository(transactions);
    private final InMemoryLabelRepository labels = new InMemoryLabelRepository(transactions);
    private final InMemoryGroupRepository groups = new InMemoryGroupRepository(transactions);
    private final InMemoryNoteRepository notes = new InMemoryNoteRepository(transactions);
    private final InMemoryAuditLog audit = new InMemoryAuditLog(transactions);
    private final InMemoryPhotoStorage photos = new InMemoryPhotoStorage();
    private final InMemoryEventPublisher events = new InMemoryEventPublisher(transactions);
    private final RecordingBookingAnonymizer bookings = new RecordingBookingAnonymizer(transactions);
    private final InMemoryTenantSettings tenantSettings = new InMemoryTenantSettings();
    private final InMemoryMailOutbox outbox = new InMemoryMailOutbox(transactions);
    private final InMemoryTokenRepository tokens = new InMemoryTokenRepository(transactions);
    private final InMemoryCampaignRepository campaigns = new InMemoryCampaignRepository(transactions);
    private final InMemoryPreferenceRepository preferences = new InMemoryPreferenceRepository(transactions);
    private final InMemoryConsentLog consents = new InMemoryConsentLog(transactions);
    private final InMemoryPasswordHashStore passwordHashes = new InMemoryPasswordHashStore(transactions);
    private final HashingCredentialStore credentials;
    private final InMemoryMessageTemplates templates = new InMemoryMessageTemplates(tenantSettings);
    private final SimpleMailComposer composer = new SimpleMailComposer();
    private final RecordingMailSender mailSender = new RecordingMailSender();
    private final InMemoryCreditRepository credits = new InMemoryCreditRepository(transactions);
    private final InMemoryOrderRepository orders = new InMemoryOrderRepository(transactions);
    private final InMemoryIntakeFormRepository intakeForms = new InMemoryIntakeFormRepository(transactions);
    private final InMemoryPaymentMethodRepository paymentMethods = new InMemoryPaymentMethodRepository(transactions);
    private final RecordingPaymentGateway paymentGateway = new RecordingPaymentGateway();
    private final InMemoryMembershipTypeRepository membershipTypes = new InMemoryMembershipTypeRepository(transactions);
    private final InMemoryMembershipRepository memberships = new InMemoryMembershipRepository(transactions);
    private final InMemoryIssuanceLog issuanceLog = new InMemoryIssuanceLog(transactions);

    private InMemoryAdapters(Argon2Parameters argon2) {
        this.credentials = new HashingCredentialStore(passwordHashes, argon2);
    }

    /** A fresh, empty set of adapters; passwords are hashed with the default Argon2id parameters. */
    public static InMemoryAdapters create() {
        return new InMemoryAdapters(Argon2Parameters.DEFAULT);
    }

    /**
     * A fresh, empty set of adapters hashing passwords with the given Argon2id parameters (tests
     * use cheap ones; production parameters cost tens of milliseconds per hash by design).
     */
    public static InMemoryAdapters create(Argon2Parameters argon2) {
        return new InMemoryAdapters(argon2);
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
