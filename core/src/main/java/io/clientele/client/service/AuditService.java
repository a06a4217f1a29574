package io.clientele.client.service;

import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.port.ClientRepository;
import io.clientele.common.Access;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.CursorSeal;
import io.clientele.common.NotFoundException;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.common.Validate;

/**
 * Reads a client's audit trail, newest first, in keyset pages. The trail of an erased client stays
 * readable (it holds no personal data in clear, and erasure replaced even the masked values). The
 * cursors are sealed and bound to the tenant and the client ({@link CursorSeal}). Requires {@link
 * Permission#VIEW_AUDIT}. Stateless and thread-safe.
 */
public final class AuditService {

    private final AuditLog log;
    private final ClientRepository clients;
    private final TransactionRunner tx;
    private final CursorSeal cursors;

    /** Builds the service on its ports; {@code Clientele} does this for hosts. */
    public AuditService(AuditLog log, ClientRepository clients, TransactionRunner tx, CursorSeal cursors) {
        this.log = Validate.notNull("auditLog", log);
        this.clients = Validate.notNull("clientRepository", clients);
        this.tx = Validate.notNull("transactionRunner", tx);
        this.cursors = Validate.notNull("cursors", cursors);
    }

    /**
     * One page of the client's audit entries, newest first. A cursor made for another client's
     * trail, another tenant or not by Clientele is a {@link io.clientele.common.ValidationException}
     * on field {@code cursor}.
     */
    public Page<AuditEntry> list(Actor actor, TenantId tenant, ClientId client, PageRequest page) {
        Validate.notNull("clientId", client);
        Access.require(actor, Permission.VIEW_AUDIT, tenant, "client", client);
        Validate.notNull("page", page);
        CursorSeal.Bound trail = cursors.bind(tenant, "audit-trail", CursorSeal.fingerprint(client.toString()));
        PageRequest position = trail.open(page);
        return tx.inTransaction(() -> {
            clients.find(tenant, client).orElseThrow(() -> new NotFoundException("client", client));
            return trail.seal(log.listForClient(tenant, client, position));
        });
    }
}
