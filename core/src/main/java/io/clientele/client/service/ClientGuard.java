package io.clientele.client.service;

import io.clientele.client.model.Client;
import io.clientele.client.model.LockScope;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.common.Access;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import java.util.Collection;
import java.util.List;

/**
 * The one gate every use case passes before it reads or changes a client's sections: it checks the
 * actor's permission for the tenant, loads the client of that tenant (answering not-found for an
 * unknown id or one of another tenant), and for a write takes the client's row lock first and
 * refuses an erased client. {@link #forPersonalEdit} also applies the tenant's lock policy.
 *
 * <p>Call it inside the use case's unit of work: the row lock it takes for a write is held until
 * that unit commits or rolls back (the lock rule of every section write, see
 * {@link ClientRepository#findForUpdate}). "Staff" methods refuse the client acting for themself.
 * Instances are immutable and thread-safe.
 */
public final class ClientGuard {

    private final ClientRepository clients;
    private final TenantSettingsProvider settings;

    /** A guard over the given client store; {@code settings} supply each tenant's lock policy. */
    public ClientGuard(ClientRepository clients, TenantSettingsProvider settings) {
        this.clients = Validate.notNull("clients", clients);
        this.settings = Validate.notNull("settings", settings);
    }

    /**
     * The client, for reading: staff holding {@code permission}, or the client themself. An
     * erased client is returned (its kept records stay readable).
     */
    public Client read(Actor actor, Permission permission, TenantId tenant, ClientId client) {
        Access.require(actor, permission, tenant, client);
        return ClientLookups.find(clients, requireTenant(tenant), requireClient(client));
    }

    /** The client, for reading by staff holding {@code permission} only. */
    public Client readAsStaff(Actor actor, Permission permission, TenantId tenant, ClientId client) {
        Access.requireStaff(actor, permission, tenant, client);
        return ClientLookups.find(clients, requireTenant(tenant), requireClient(client));
    }

    /**
     * The client, locked for a change to one of its sections: staff holding {@code permission}, or
     * the client themself. An erased client is refused with a conflict ({@code ILLEGAL_STATE})
     * whose message ends with {@code refusal} (for example "its credits are read-only").
     */
    public Client write(Actor actor, Permission permission, TenantId tenant, ClientId client, String refusal) {
        Access.require(actor, permission, tenant, client);
        return lockActive(tenant, client, refusal);
    }

    /** As {@link #write}, for staff holding {@code permission} only. */
    public Client writeAsStaff(Actor actor, Permission permission, TenantId tenant, ClientId client,
            String refusal) {
        Access.requireStaff(actor, permission, tenant, client);
        return lockActive(tenant, client, refusal);
    }

    /**
     * The client, locked for an edit of a field group a profile lock may cover: as {@link #write}
     * with {@link Permission#EDIT_CLIENTS}, and, when the client is locked and the tenant's lock
     * policy covers {@code scope}, only for staff who also hold
     * {@link Permission#EDIT_LOCKED_CLIENTS}.
     */
    public Client forPersonalEdit(Actor actor, TenantId tenant, ClientId client, LockScope scope) {
        Client locked = write(actor, Permission.EDIT_CLIENTS, tenant, client, "its profile is read-only");
        requireUnlocked(actor, locked, scope);
        return locked;
    }

    /**
     * Refuses {@code actor} when {@code client} is locked, the tenant's lock policy covers
     * {@code scope}, and the actor lacks {@link Permission#EDIT_LOCKED_CLIENTS}; the denial is logged.
     */
    public void requireUnlocked(Actor actor, Client client, LockScope scope) {
        if (client.locked() && settings.settings(client.tenantId()).lockPolicy().covers(scope)
                && !actor.has(Permission.EDIT_LOCKED_CLIENTS)) {
            throw Access.deny(actor, Permission.EDIT_LOCKED_CLIENTS, client.tenantId(),
                    "the profile is locked; " + scope + " can only be edited with EDIT_LOCKED_CLIENTS");
        }
    }

    /**
     * The client locked for a change made on behalf of a resource the caller has already checked
     * (an order, a membership, a job's row): no permission check; an erased client is refused with
     * a conflict whose message ends with {@code refusal}.
     */
    public Client lockActive(TenantId tenant, ClientId client, String refusal) {
        return ClientLookups.lockActive(clients, requireTenant(tenant), requireClient(client),
                Validate.notNull("refusal", refusal));
    }

    /**
     * The clients of this tenant among {@code ids}, locked in client id order (the lock order),
     * erased or not: a bulk job's batch (the credit expiry sweep). Unknown ids are left out.
     */
    public List<Client> lockAll(TenantId tenant, Collection<ClientId> ids) {
        return clients.findAllForUpdate(requireTenant(tenant), Validate.notNull("ids", ids));
    }

    /** The client locked, erased or not (erasure and jobs that only need the lock order). */
    public Client lock(TenantId tenant, ClientId client) {
        return ClientLookups.lock(clients, requireTenant(tenant), requireClient(client));
    }

    /**
     * The client, if its version is the one the editor saw ({@code expectedVersion}); a
     * stale-version {@link ConflictException} otherwise (someone changed it meanwhile). Call it on
     * the client {@link #write} or {@link #forPersonalEdit} returned, so the check and the save
     * happen under the client's lock.
     */
    public static Client requireVersion(Client client, long expectedVersion) {
        if (client.version() != expectedVersion) {
            throw ConflictException.staleVersion("client", client.id());
        }
        return client;
    }

    private static TenantId requireTenant(TenantId tenant) {
        return Validate.notNull("tenantId", tenant);
    }

    private static ClientId requireClient(ClientId client) {
        return Validate.notNull("clientId", client);
    }
}
