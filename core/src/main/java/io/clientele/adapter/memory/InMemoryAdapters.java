package io.clientele.adapter.memory;

import io.clientele.Clientele;
import java.util.List;

/**
 * Every in-memory adapter, sharing one {@link MemoryTransactions}, ready to install into a {@link
 * Clientele.Builder}:
 *
 * <pre>{@code
 * InMemoryAdapters memory = InMemoryAdapters.create();
 * Clientele clientele = memory.installInto(Clientele.builder()).clock(clock).build();
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

    private InMemoryAdapters() {
    }

    /** A fresh, empty set of adapters. */
    public static InMemoryAdapters create() {
        return new InMemoryAdapters();
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
                .tenantSettings(tenantSettings);
    }

    /** Every store that holds data, for storage-wide scans in tests. */
    public List<InspectableStore> stores() {
        return List.of(clients, labels, groups, notes, audit, photos, events, outbox, tokens, campaigns, preferences,
                consents);
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
}
