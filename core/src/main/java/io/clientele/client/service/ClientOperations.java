package io.clientele.client.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientEvents;
import io.clientele.client.model.LockScope;
import io.clientele.client.model.TenantSettings;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.common.Access;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.common.Validate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

/**
 * What every client use case does around its own logic: load the client of the tenant, check the
 * lock, save with the version check, append the audit entry, publish the event.
 */
final class ClientOperations {

    final ClientRepository clients;
    final AuditLog audit;
    final EventPublisher events;
    final TransactionRunner tx;
    final TenantSettingsProvider settings;
    final Clock clock;
    final Ids ids;

    ClientOperations(ClientRepository clients, AuditLog audit, EventPublisher events, TransactionRunner tx,
            TenantSettingsProvider settings, Clock clock, Ids ids) {
        this.clients = clients;
        this.audit = audit;
        this.events = events;
        this.tx = tx;
        this.settings = settings;
        this.clock = clock;
        this.ids = ids;
    }

    Instant now() {
        return clock.instant();
    }

    /** Today in the studio's time zone (its settings), whatever the clock's zone. */
    LocalDate today(TenantSettings tenantSettings) {
        return tenantSettings.dateAt(clock.instant());
    }

    <T> T inTransaction(Supplier<T> work) {
        return tx.inTransaction(work);
    }

    void run(Runnable work) {
        tx.run(work);
    }

    /** The client of this tenant, erased or not, for reading; not found otherwise. */
    Client load(TenantId tenant, ClientId id) {
        Validate.notNull("tenantId", tenant);
        Validate.notNull("clientId", id);
        return ClientLookups.find(clients, tenant, id);
    }

    /**
     * The client locked for a change (see {@link io.clientele.client.port.ClientRepository#findForUpdate});
     * it must not be erased (erased profiles are read-only).
     */
    Client lockActive(TenantId tenant, ClientId id) {
        Validate.notNull("tenantId", tenant);
        Validate.notNull("clientId", id);
        return ClientLookups.lockActive(clients, tenant, id, "its profile is read-only");
    }

    /**
     * The client, if its version is the one the editor saw; a stale-version {@link
     * ConflictException} otherwise (someone changed it meanwhile).
     */
    Client requireVersion(Client client, long expectedVersion) {
        if (client.version() != expectedVersion) {
            throw ConflictException.staleVersion("client", client.id());
        }
        return client;
    }

    /** Locks an active client for an edit of {@code scope}, enforcing permission and lock. */
    Client loadForEdit(Actor actor, TenantId tenant, ClientId id, LockScope scope) {
        Access.require(actor, Permission.EDIT_CLIENTS, tenant, id);
        Client client = lockActive(tenant, id);
        requireUnlocked(actor, tenant, client, scope);
        return client;
    }

    /** Locks an active client for a staff tool the lock never covers (labels, notes, groups). */
    Client loadForOpenEdit(Actor actor, TenantId tenant, ClientId id) {
        Access.requireStaff(actor, Permission.EDIT_CLIENTS, tenant, id);
        return lockActive(tenant, id);
    }

    void requireUnlocked(Actor actor, TenantId tenant, Client client, LockScope scope) {
        TenantSettings tenantSettings = settings.settings(tenant);
        if (client.locked() && tenantSettings.lockPolicy().covers(scope)
                && !actor.has(Permission.EDIT_LOCKED_CLIENTS)) {
            throw Access.deny(actor, Permission.EDIT_LOCKED_CLIENTS, tenant,
                    "the profile is locked; " + scope + " can only be edited with EDIT_LOCKED_CLIENTS");
        }
    }

    /** Saves a changed client, audits the change and publishes {@code ClientUpdated}. */
    Client save(Actor actor, Client changed, AuditAction action, List<FieldChange> changes) {
        Client saved = clients.update(changed);
        recordChange(actor, saved.tenantId(), saved.id(), action, changes);
        return saved;
    }

    /** Audits a change a repository made in bulk and publishes {@code ClientUpdated} for it. */
    void recordChange(Actor actor, TenantId tenant, ClientId client, AuditAction action, List<FieldChange> changes) {
        record(actor, tenant, client, action, changes);
        events.publish(new ClientEvents.ClientUpdated(tenant, client, action.name(), now()));
    }

    /** Appends an audit entry. */
    void record(Actor actor, TenantId tenant, ClientId client, AuditAction action, List<FieldChange> changes) {
        audit.append(AuditEntry.of(ids.next(), tenant, client, actor, action, now(), changes));
    }
}
