package io.clientele.client.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.model.Mask;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.model.Client;
import io.clientele.client.model.LockScope;
import io.clientele.client.model.PassNumber;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.common.Access;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConfigurationException;
import io.clientele.common.ConflictException;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.common.NotFoundException;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.common.Validate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Links and unlinks physical passes or cards (their printed number) to a client. A pass number is
 * unique per tenant: linking one held by another client is a {@link ConflictException} with
 * reason {@code DUPLICATE} on field {@code passNumber}; linking one the client already holds
 * changes nothing. Staff only, with {@link Permission#EDIT_CLIENTS}; passes are lock-covered only if the
 * tenant's lock policy says so. Stateless and thread-safe.
 */
public final class PassService {

    /** What the service needs. */
    public record Ports(
            ClientRepository clients,
            TenantSettingsProvider settings,
            AuditLog audit,
            EventPublisher events,
            TransactionRunner tx,
            Clock clock,
            Ids ids) {

        public Ports {
            ConfigurationException.requirePort(OWNER, "clients", clients);
            ConfigurationException.requirePort(OWNER, "settings", settings);
            ConfigurationException.requirePort(OWNER, "audit", audit);
            ConfigurationException.requirePort(OWNER, "events", events);
            ConfigurationException.requirePort(OWNER, "tx", tx);
            ConfigurationException.requirePort(OWNER, "clock", clock);
            ConfigurationException.requirePort(OWNER, "ids", ids);
        }
    }

    private static final String OWNER = "PassService.Ports";

    private final ClientRepository clients;
    private final TransactionRunner tx;
    private final ClientGuard guard;
    private final ChangeRecorder changes;

    /** Builds the service on its ports; {@code Clientele} does this for hosts. */
    public PassService(Ports ports) {
        this.clients = ports.clients();
        this.tx = ports.tx();
        this.guard = new ClientGuard(ports.clients(), ports.settings());
        this.changes = new ChangeRecorder(ports.clients(), ports.audit(), ports.events(), ports.clock(), ports.ids());
    }

    /** Links a pass to the client. */
    public Client link(Actor actor, TenantId tenant, ClientId id, String passNumber) {
        // deny before validating, so an unauthorized attempt is always logged as a denial
        Validate.notNull("clientId", id);
        Access.requireStaff(actor, Permission.EDIT_CLIENTS, tenant, id);
        PassNumber pass = new PassNumber(passNumber);
        return tx.inTransaction(() -> {
            Client client = guard.forPersonalEdit(actor, tenant, id, LockScope.PASSES);
            if (client.passes().contains(pass)) {
                return client;
            }
            clients.findIdByPass(tenant, pass).ifPresent(holder -> {
                throw ConflictException.duplicate("passNumber", "this pass is linked to another client");
            });
            return changes.save(actor, client.withPass(pass, true, changes.now()), AuditAction.PASS_LINKED,
                    List.of(FieldChange.masked("pass", Optional.empty(), Optional.of(pass.value()), Mask::identifier)));
        });
    }

    /** Unlinks a pass; not-found (resource {@code pass}) when the client does not hold it. */
    public Client unlink(Actor actor, TenantId tenant, ClientId id, String passNumber) {
        Validate.notNull("clientId", id);
        Access.requireStaff(actor, Permission.EDIT_CLIENTS, tenant, id);
        PassNumber pass = new PassNumber(passNumber);
        return tx.inTransaction(() -> {
            Client client = guard.forPersonalEdit(actor, tenant, id, LockScope.PASSES);
            if (!client.passes().contains(pass)) {
                throw new NotFoundException("pass", Mask.identifier(pass.value()));
            }
            return changes.save(actor, client.withPass(pass, false, changes.now()), AuditAction.PASS_UNLINKED,
                    List.of(FieldChange.masked("pass", Optional.of(pass.value()), Optional.empty(), Mask::identifier)));
        });
    }
}
