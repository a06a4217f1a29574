package io.clientele.client.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientEvents;
import io.clientele.client.port.ClientRepository;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.DomainEvent;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.common.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What follows a change to a client in every client use case: the version-checked save, the audit
 * entry with its field-level changes, and the {@code ClientUpdated} event, all in the caller's unit
 * of work. The bulk form ({@link #saveAll}) makes one call to each port for a whole chunk of
 * clients. Immutable and thread-safe.
 */
final class ChangeRecorder {

    private final ClientRepository clients;
    private final AuditLog audit;
    private final EventPublisher events;
    private final Clock clock;
    private final Ids ids;

    ChangeRecorder(ClientRepository clients, AuditLog audit, EventPublisher events, Clock clock, Ids ids) {
        this.clients = clients;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.ids = ids;
    }

    /** The time every change of a use case is stamped with. */
    Instant now() {
        return clock.instant();
    }

    /** Saves a changed client, audits the change and publishes {@code ClientUpdated}; returns it as stored. */
    Client save(Actor actor, Client changed, AuditAction action, List<FieldChange> changes) {
        Client saved = clients.update(changed);
        record(actor, saved.tenantId(), saved.id(), action, changes);
        events.publish(new ClientEvents.ClientUpdated(saved.tenantId(), saved.id(), action.name(), now()));
        return saved;
    }

    /**
     * Saves changed clients of one tenant with one call to each port (the repository's batch
     * update, the audit log's batch append, the publisher's batch publish), each client audited
     * with the same {@code changes} and announced with {@code ClientUpdated}; returns them as
     * stored.
     */
    List<Client> saveAll(Actor actor, List<Client> changed, AuditAction action, List<FieldChange> changes) {
        if (changed.isEmpty()) {
            return List.of();
        }
        List<Client> saved = clients.updateAll(changed);
        Instant at = now();
        List<AuditEntry> entries = new ArrayList<>(saved.size());
        List<DomainEvent> updates = new ArrayList<>(saved.size());
        for (Client client : saved) {
            entries.add(AuditEntry.of(ids.next(), client.tenantId(), client.id(), actor, action, at, changes));
            updates.add(new ClientEvents.ClientUpdated(client.tenantId(), client.id(), action.name(), at));
        }
        audit.appendAll(entries);
        events.publishAll(updates);
        return saved;
    }

    /** Appends an audit entry for a change that is not to the client record itself (a note, a creation). */
    void record(Actor actor, TenantId tenant, ClientId client, AuditAction action, List<FieldChange> changes) {
        audit.append(AuditEntry.of(ids.next(), tenant, client, actor, action, now(), changes));
    }

    /** Publishes an event of the client context. */
    void publish(DomainEvent event) {
        events.publish(event);
    }
}
