package io.clientele.client.service;

import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConfigurationException;
import io.clientele.common.CursorSeal;
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
 * Permission#VIEW_AUDIT}, staff only. Stateless and thread-safe.
 */
public final class AuditService {

    /**
     * The name a page of the trail's cursor is bound to, with the client's id as its query ({@link
     * CursorSeal#bind}): the profile view seals its newest audit page the same way, so the host
     * goes on reading the trail here.
     */
    public static final String CURSOR_LIST = "audit-trail";

    /** What the service needs: its ports and the seal of its list cursors. */
    public record Ports(
            AuditLog log,
            ClientRepository clients,
            TenantSettingsProvider settings,
            TransactionRunner tx,
            CursorSeal cursors) {

        public Ports {
            ConfigurationException.requirePort(OWNER, "log", log);
            ConfigurationException.requirePort(OWNER, "clients", clients);
            ConfigurationException.requirePort(OWNER, "settings", settings);
            ConfigurationException.requirePort(OWNER, "tx", tx);
            ConfigurationException.requirePort(OWNER, "cursors", cursors);
        }
    }

    private static final String OWNER = "AuditService.Ports";

    private final AuditLog log;
    private final TransactionRunner tx;
    private final CursorSeal cursors;
    private final ClientGuard guard;

    /** Builds the service on its ports; {@code Clientele} does this for hosts. */
    public AuditService(Ports ports) {
        this.log = ports.log();
        this.tx = ports.tx();
        this.cursors = ports.cursors();
        this.guard = new ClientGuard(ports.clients(), ports.settings());
    }

    /**
     * One page of the client's audit entries, newest first. A cursor made for another client's
     * trail, another tenant or not by Clientele is a {@link io.clientele.common.ValidationException}
     * on field {@code cursor}.
     */
    public Page<AuditEntry> list(Actor actor, TenantId tenant, ClientId client, PageRequest page) {
        Validate.notNull("clientId", client);
        Validate.notNull("page", page);
        CursorSeal.Bound trail = cursors.bind(tenant, CURSOR_LIST, CursorSeal.fingerprint(client.toString()));
        return tx.inReadOnlyTransaction(() -> {
            guard.readAsStaff(actor, Permission.VIEW_AUDIT, tenant, client);
            return trail.seal(log.listForClient(tenant, client, trail.open(page)));
        });
    }
}
