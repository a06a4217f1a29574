package io.clientele.client.service;

import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.port.ClientRepository;
import io.clientele.common.Access;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.NotFoundException;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.common.Validate;

/**
 * Reads a client's audit trail, newest first, in keyset pages. The trail of an erased client stays
 * readable (it holds no personal data in clear). Requires {@link Permission#VIEW_AUDIT}.
 * Stateless and thread-safe.
 */
public final class AuditService {

    private final AuditLog log;
    private final ClientRepository clients;
    private final TransactionRunner tx;

    public AuditService(AuditLog log, ClientRepository clients, TransactionRunner tx) {
        this.log = Validate.notNull("auditLog", log);
        this.clients = Validate.notNull("clientRepository", clients);
        this.tx = Validate.notNull("transactionRunner", tx);
    }

    /** One page of the client's audit entries, newest first. */
    public Page<AuditEntry> list(Actor actor, TenantId tenant, ClientId client, PageRequest page) {
        Validate.notNull("clientId", client);
        Access.require(actor, Permission.VIEW_AUDIT, tenant, "client", client);
        Validate.notNull("page", page);
        return tx.inTransaction(() -> {
            clients.find(tenant, client).orElseThrow(() -> new NotFoundException("client", client));
            return log.listForClient(tenant, client, page);
        });
    }
}
