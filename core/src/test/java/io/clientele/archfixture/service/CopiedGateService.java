package io.clientele.archfixture.service;

import io.clientele.client.model.Client;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.service.ClientLookups;
import io.clientele.common.Access;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;

/**
 * Breaks the section service rules on purpose, so that {@code SectionServicesShapeTest} can show
 * they bite: its own copy of the client gate, a package-visible field, no {@code Ports} record.
 */
public final class CopiedGateService {

    /** A catch-all field other classes of the package could reach. */
    final ClientRepository clients;

    /** Takes a port directly instead of a {@code Ports} record. */
    public CopiedGateService(ClientRepository clients) {
        this.clients = clients;
    }

    /** The copied gate: its own permission check on the client and its own look-up. */
    public Client read(Actor actor, TenantId tenant, ClientId client) {
        Access.require(actor, Permission.VIEW_CLIENTS, tenant, client);
        return ClientLookups.find(clients, tenant, client);
    }
}
