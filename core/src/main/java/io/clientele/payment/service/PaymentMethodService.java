package io.clientele.payment.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.port.ErasureParticipant;
import io.clientele.client.service.ClientGuard;
import io.clientele.common.Access;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConfigurationException;
import io.clientele.common.ConflictException;
import io.clientele.common.CursorSeal;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.common.NotFoundException;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import io.clientele.payment.model.PaymentEvents;
import io.clientele.payment.model.PaymentGatewayException;
import io.clientele.payment.model.PaymentMethod;
import io.clientele.payment.model.PaymentMethodId;
import io.clientele.payment.model.PaymentMethodInput;
import io.clientele.payment.model.PaymentMethodStatus;
import io.clientele.payment.port.PaymentGateway;
import io.clientele.payment.port.PaymentMethodRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's saved payment methods: save one as the payment provider describes
 * it, list them, cancel one. Never a card number or CVC: {@link PaymentMethodInput} refuses them.
 *
 * <p>Cancelling detaches the method at the provider through the {@link PaymentGateway} first, then
 * marks it {@code CANCELLED} in its own unit of work; the provider is called outside any unit of
 * work, so no storage lock is held while it answers. If the provider fails, nothing changes, the
 * method stays {@code ACTIVE} and the caller gets a {@link PaymentGatewayException} (code {@value
 * PaymentGatewayException#CODE}); cancelling again retries. Should storing the cancellation fail
 * after the provider detached the method, the method stays {@code ACTIVE} here and a retry detaches
 * it again, which the gateway must accept (it is idempotent).
 *
 * <p>Erasure ({@link #eraser()}) detaches every active method at the provider, then deletes all of
 * the client's methods. A provider failure fails the erasure, which is rolled back and can be
 * retried; methods detached before the failure stay active here until the retry detaches them
 * again.
 *
 * <p>Access: saving and cancelling require {@link Permission#MANAGE_PAYMENT_METHODS}, staff only;
 * listing requires {@link Permission#VIEW_CLIENTS}, or the client themself. Audit entries ({@code
 * PAYMENT_METHOD_ADDED}, {@code PAYMENT_METHOD_CANCELLED}) and events carry the method id, kind,
 * brand and last 4 digits at most. Another tenant's client or method is not found. Every use case on
 * a client passes the {@link ClientGuard}; reads run in read-only units of work.
 *
 * <p>Defaults: lists are pages of {@link PageRequest} (at most {@value PageRequest#MAX_SIZE}
 * methods), newest added first.
 *
 * <p>Stateless apart from its ports; thread-safe when they are.
 */
public final class PaymentMethodService {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentMethodService.class);

    /**
     * The ports the payment context needs; {@code guard} is the gate of every use case on a client,
     * {@code cursors} seal the list pages.
     */
    public record Ports(
            ClientGuard guard,
            AuditLog audit,
            EventPublisher events,
            TransactionRunner tx,
            Clock clock,
            Ids ids,
            PaymentMethodRepository methods,
            PaymentGateway gateway,
            CursorSeal cursors) {

        public Ports {
            ConfigurationException.requirePort("PaymentMethodService.Ports", "guard", guard);
            ConfigurationException.requirePort("PaymentMethodService.Ports", "audit", audit);
            ConfigurationException.requirePort("PaymentMethodService.Ports", "events", events);
            ConfigurationException.requirePort("PaymentMethodService.Ports", "tx", tx);
            ConfigurationException.requirePort("PaymentMethodService.Ports", "clock", clock);
            ConfigurationException.requirePort("PaymentMethodService.Ports", "ids", ids);
            ConfigurationException.requirePort("PaymentMethodService.Ports", "methods", methods);
            ConfigurationException.requirePort("PaymentMethodService.Ports", "gateway", gateway);
            ConfigurationException.requirePort("PaymentMethodService.Ports", "cursors", cursors);
        }
    }

    private final ClientGuard guard;
    private final AuditLog audit;
    private final EventPublisher events;
    private final TransactionRunner tx;
    private final Clock clock;
    private final Ids ids;
    private final PaymentMethodRepository methods;
    private final PaymentGateway gateway;
    private final CursorSeal cursors;

    /** Builds the service on its ports; {@code Clientele} does this for hosts. */
    public PaymentMethodService(Ports ports) {
        Validate.notNull("ports", ports);
        this.guard = ports.guard();
        this.audit = ports.audit();
        this.events = ports.events();
        this.tx = ports.tx();
        this.clock = ports.clock();
        this.ids = ports.ids();
        this.methods = ports.methods();
        this.gateway = ports.gateway();
        this.cursors = ports.cursors();
    }

    /**
     * Saves a payment method the provider already holds for the client. A provider reference the
     * client already has as an active method is a {@link ConflictException} {@code DUPLICATE} on
     * field {@code providerRef}; an erased client takes none ({@code ILLEGAL_STATE}).
     */
    public PaymentMethod add(Actor actor, TenantId tenant, ClientId clientId, PaymentMethodInput input) {
        Validate.notNull("clientId", clientId);
        return tx.inTransaction(() -> {
            guard.writeAsStaff(actor, Permission.MANAGE_PAYMENT_METHODS, tenant, clientId,
                    "no payment method is saved");
            Validate.notNull("input", input);
            // one provider reference belongs to one client: otherwise cancelling or erasing one
            // client's method would detach another client's at the provider
            if (methods.findActiveByProviderRef(tenant, input.providerRef()).isPresent()) {
                throw ConflictException.duplicate("providerRef", "a payment method with this provider reference exists");
            }
            Instant now = clock.instant();
            PaymentMethod saved = methods.insert(PaymentMethod.add(new PaymentMethodId(ids.next()), tenant, clientId,
                    input, now));
            audit.append(AuditEntry.of(ids.next(), tenant, clientId, actor, AuditAction.PAYMENT_METHOD_ADDED, now,
                    List.of(FieldChange.plain("paymentMethod", Optional.empty(), Optional.of(saved.id())),
                            FieldChange.plain("kind", Optional.empty(), Optional.of(saved.kind())),
                            FieldChange.plain("brand", Optional.empty(), Optional.of(saved.brand())),
                            // the last digits identify the card: masked, and erased with the client
                            FieldChange.masked("last4", Optional.empty(), Optional.of(saved.last4()),
                                    last4 -> "****" + last4))));
            events.publish(new PaymentEvents.PaymentMethodAdded(tenant, clientId, saved.id(), saved.kind(), now));
            LOG.info("payment method added: tenant={} client={} method={} kind={} by={}", tenant, clientId,
                    saved.id(), saved.kind(), actor.describe());
            return saved;
        });
    }

    /**
     * One keyset page of the client's payment methods, cancelled ones included, newest added first
     * (then newest id first); also for an erased client (with none left). The cursor is sealed and
     * bound to the tenant and the client ({@link CursorSeal}): one made for another client's
     * methods, or not by Clientele, is a {@link ValidationException} on field {@code cursor}.
     * Requires {@link Permission#VIEW_CLIENTS}, or the client themself. Read-only.
     */
    public Page<PaymentMethod> list(Actor actor, TenantId tenant, ClientId clientId, PageRequest page) {
        Validate.notNull("page", page);
        return tx.inReadOnlyTransaction(() -> {
            guard.read(actor, Permission.VIEW_CLIENTS, tenant, clientId);
            CursorSeal.Bound list = cursors.bind(tenant, "payment-methods",
                    CursorSeal.fingerprint(clientId.toString()));
            return list.seal(methods.pageForClient(tenant, clientId, list.open(page)));
        });
    }

    /**
     * Detaches the method at the provider, then marks it cancelled and returns it. {@code
     * expectedVersion} is the version the staff member saw: a method changed since is a
     * stale-version {@link ConflictException}, checked before the provider is called. A cancelled
     * method is a {@link ConflictException} {@code ILLEGAL_STATE}; a provider failure is a {@link
     * PaymentGatewayException} and leaves the method active.
     */
    public PaymentMethod cancel(Actor actor, TenantId tenant, PaymentMethodId methodId, long expectedVersion) {
        Validate.notNull("paymentMethodId", methodId);
        Access.requireStaff(actor, Permission.MANAGE_PAYMENT_METHODS, tenant, "payment method", methodId);
        PaymentMethod method = tx.inReadOnlyTransaction(() -> load(tenant, methodId));
        if (!method.active()) {
            throw alreadyCancelled(methodId);
        }
        requireVersion(method, expectedVersion);
        detach(method, "it stays active; cancel again to retry");
        return tx.inTransaction(() -> {
            guard.lock(tenant, method.clientId());
            PaymentMethod current = load(tenant, methodId);
            if (!current.active()) {
                throw alreadyCancelled(methodId);
            }
            requireVersion(current, expectedVersion);
            Instant now = clock.instant();
            PaymentMethod saved = methods.update(current.cancel(now));
            audit.append(AuditEntry.of(ids.next(), tenant, saved.clientId(), actor,
                    AuditAction.PAYMENT_METHOD_CANCELLED, now,
                    List.of(FieldChange.plain("paymentMethod[" + saved.id() + "].status",
                            Optional.of(PaymentMethodStatus.ACTIVE), Optional.of(saved.status())))));
            events.publish(new PaymentEvents.PaymentMethodCancelled(tenant, saved.clientId(), saved.id(), now));
            LOG.info("payment method cancelled: tenant={} client={} method={} by={}", tenant, saved.clientId(),
                    saved.id(), actor.describe());
            return saved;
        });
    }

    /**
     * The payment context's part of an erasure: detaches every active method of the client at the
     * provider, then deletes all of the client's methods. A provider failure throws {@link
     * PaymentGatewayException}, which rolls the erasure back so it can be retried. Idempotent;
     * register it with the facade's erasure participants.
     */
    public ErasureParticipant eraser() {
        return (tenant, client) -> {
            List<PaymentMethod> held = methods.listForClient(tenant, client);
            for (PaymentMethod method : held) {
                if (method.active()) {
                    detach(method, "the erasure was rolled back; retry it");
                }
            }
            int deleted = methods.deleteAllForClient(tenant, client);
            LOG.info("payment methods erased: tenant={} client={} deleted={}", tenant, client, deleted);
        };
    }

    private void detach(PaymentMethod method, String consequence) {
        try {
            gateway.detach(method.tenantId(), method.providerRef());
        } catch (RuntimeException e) {
            // the provider's message may echo what it was given; log its type only
            LOG.warn("payment gateway failed to detach: tenant={} method={} error={}", method.tenantId(),
                    method.id(), e.getClass().getName());
            throw new PaymentGatewayException(method.id(), consequence, e.getClass().getName());
        }
    }

    private static void requireVersion(PaymentMethod method, long expectedVersion) {
        if (method.version() != expectedVersion) {
            throw ConflictException.staleVersion("payment method", method.id());
        }
    }

    private static ConflictException alreadyCancelled(PaymentMethodId methodId) {
        return ConflictException.illegalState("payment method " + methodId + " is already cancelled");
    }

    private PaymentMethod load(TenantId tenant, PaymentMethodId id) {
        return methods.find(tenant, id).orElseThrow(() -> new NotFoundException("payment method", id));
    }
}
