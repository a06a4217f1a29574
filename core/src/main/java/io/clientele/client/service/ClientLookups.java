package io.clientele.client.service;

import io.clientele.client.model.Client;
import io.clientele.client.port.ClientRepository;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.NotFoundException;
import io.clientele.common.TenantId;
import java.util.Comparator;

/**
 * How every context finds the client a use case names: {@link #find} to read, {@link #lock} and
 * {@link #lockActive} before writing to one of the client's sections (the rule of {@link
 * ClientRepository#findForUpdate}). A unit of work that locks several clients locks them in
 * {@link #TENANT_ORDER}, then {@link #ID_ORDER} (the lock order), after any catalog entry. A
 * client of another tenant is not found. Stateless and thread-safe.
 */
public final class ClientLookups {

    /** The lock order between clients of different tenants: by tenant id. */
    public static final Comparator<TenantId> TENANT_ORDER = Comparator.comparing(TenantId::value);

    /**
     * The lock order between clients of one tenant: by client id, as UUIDs compare (for
     * Clientele's UUIDv7 ids, also the order of a SQL {@code uuid} column and of the {@code
     * ClientRepository.findMatching} walk).
     */
    public static final Comparator<ClientId> ID_ORDER = Comparator.comparing(ClientId::value);

    private ClientLookups() {
    }

    /** The client of this tenant, erased or not, without a lock; {@link NotFoundException} otherwise. */
    public static Client find(ClientRepository clients, TenantId tenant, ClientId id) {
        return clients.find(tenant, id).orElseThrow(() -> new NotFoundException("client", id));
    }

    /**
     * The client of this tenant, erased or not, locked until the unit of work ends; {@link
     * NotFoundException} otherwise.
     */
    public static Client lock(ClientRepository clients, TenantId tenant, ClientId id) {
        return clients.findForUpdate(tenant, id).orElseThrow(() -> new NotFoundException("client", id));
    }

    /**
     * The client locked for a write to one of its sections; an erased client is a {@link
     * ConflictException} {@code ILLEGAL_STATE} saying {@code "client <id> is erased; " + refusal}.
     */
    public static Client lockActive(ClientRepository clients, TenantId tenant, ClientId id, String refusal) {
        Client client = lock(clients, tenant, id);
        if (client.erased()) {
            throw ConflictException.illegalState("client " + id + " is erased; " + refusal);
        }
        return client;
    }
}
