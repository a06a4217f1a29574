package io.clientele.order.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.port.ErasureParticipant;
import io.clientele.client.port.TenantSettingsProvider;
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
import io.clientele.common.OrderId;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditSource;
import io.clientele.credit.service.CreditGrants;
import io.clientele.order.model.Cancellation;
import io.clientele.order.model.Order;
import io.clientele.order.model.OrderEvents;
import io.clientele.order.model.OrderLine;
import io.clientele.order.model.OrderStatus;
import io.clientele.order.port.OrderRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders a client is the lead booker of: staff place them from the client's
 * profile and cancel them; the profile lists them.
 *
 * <p>Placing an order stores it and grants the package credits of each package purchase line
 * (source {@link CreditSource#order the order}) in one unit of work: either both happen or
 * neither. Credits expire the line's validity after the order is placed, reckoned in the
 * studio's time zone (the tenant's {@code TenantSettings#timeZone()}: one month after 20:00 on 1
 * March in Los Angeles is 20:00 on 1 April there, an hour earlier in UTC once daylight saving time
 * has begun); a line without validity grants credits that never expire. A
 * booking-reference line grants nothing. An erased client cannot place orders.
 *
 * <p>Cancelling an order revokes, in the same unit of work, those of its package credits that are
 * still {@code REDEEMABLE}. Credits already redeemed for a booking, expired or revoked stay as they
 * are (a credit past its expiry that the sweep has not recorded yet counts as expired: its expiry
 * is recorded, {@code CREDIT_EXPIRED}, and it is among the credits kept): a booking a credit paid
 * for belongs to the host, which cancels it if it wishes; the credit is then revoked rather than
 * reinstated, because its order is closed. The cancelled order's {@link Cancellation} records how
 * many credits were revoked and how many were kept. An order can be cancelled once; an erased
 * client's order can still be cancelled, since a refund may follow an erasure.
 *
 * <p>Audit, on the lead booker: {@code ORDER_PLACED} (the order id, its number of lines and its
 * total with the currency) and {@code ORDER_CANCELLED} (the order's status, how many credits were
 * revoked and how many kept; never the reason, which may hold personal data). The credits granted
 * or revoked are audited by {@link CreditGrants} as well.
 *
 * <p>Permissions: placing and cancelling need {@link Permission#CREATE_ORDERS}, staff only;
 * reading needs {@link Permission#VIEW_CLIENTS}, or is the client themself reading their own
 * orders. Every use case on a client passes the {@link ClientGuard}; reads run in read-only units
 * of work. Another tenant's order or client is answered as not found. A rejected command changes
 * nothing. Lists are pages of {@link PageRequest} (at most {@value PageRequest#MAX_SIZE} orders),
 * newest first, with {@link #count} for the total a profile shows.
 *
 * <p>Stateless apart from its ports; thread-safe when they are.
 */
public final class OrderService {

    private static final Logger LOG = LoggerFactory.getLogger(OrderService.class);

    /** The ports the order context needs; {@code guard} is the gate of every use case on a client. */
    public record Ports(
            ClientGuard guard,
            TenantSettingsProvider settings,
            OrderRepository orders,
            CreditGrants grants,
            AuditLog audit,
            EventPublisher events,
            TransactionRunner tx,
            Clock clock,
            Ids ids,
            CursorSeal cursors) {

        public Ports {
            ConfigurationException.requirePort("OrderService.Ports", "guard", guard);
            ConfigurationException.requirePort("OrderService.Ports", "settings", settings);
            ConfigurationException.requirePort("OrderService.Ports", "orders", orders);
            ConfigurationException.requirePort("OrderService.Ports", "grants", grants);
            ConfigurationException.requirePort("OrderService.Ports", "audit", audit);
            ConfigurationException.requirePort("OrderService.Ports", "events", events);
            ConfigurationException.requirePort("OrderService.Ports", "tx", tx);
            ConfigurationException.requirePort("OrderService.Ports", "clock", clock);
            ConfigurationException.requirePort("OrderService.Ports", "ids", ids);
            ConfigurationException.requirePort("OrderService.Ports", "cursors", cursors);
        }
    }

    private final ClientGuard guard;
    private final TenantSettingsProvider settings;
    private final OrderRepository orders;
    private final CreditGrants grants;
    private final AuditLog audit;
    private final EventPublisher events;
    private final TransactionRunner tx;
    private final Clock clock;
    private final Ids ids;
    private final CursorSeal cursors;

    /** Builds the service on its ports; {@code Clientele} does this for hosts. */
    public OrderService(Ports ports) {
        Validate.notNull("ports", ports);
        this.guard = ports.guard();
        this.settings = ports.settings();
        this.orders = ports.orders();
        this.grants = ports.grants();
        this.audit = ports.audit();
        this.events = ports.events();
        this.tx = ports.tx();
        this.clock = ports.clock();
        this.ids = ports.ids();
        this.cursors = ports.cursors();
    }

    /**
     * Places an order with the client as lead booker and grants the package credits of its package
     * purchases. Lines: 1 to {@value Order#MAX_LINES} ({@code lines}, rules {@code required} and
     * {@code max_size}), each valid (fields {@code lines[i].<component>}), all in one currency
     * ({@code lines}, rule {@code currency_mismatch}), no booking twice ({@code
     * lines[i].bookingRef}, rule {@code duplicate}). An erased client is a {@link ConflictException}
     * {@code ILLEGAL_STATE}. Requires {@link Permission#CREATE_ORDERS}, staff only.
     */
    public Order place(Actor actor, TenantId tenant, ClientId leadBooker, List<OrderLineInput> lines) {
        Validate.notNull("clientId", leadBooker);
        return tx.inTransaction(() -> {
            guard.writeAsStaff(actor, Permission.CREATE_ORDERS, tenant, leadBooker, "no order is placed");
            Order order = Order.place(new OrderId(ids.next()), tenant, leadBooker, validate(lines), actor.describe(),
                    clock.instant());
            Order stored = orders.insert(order);
            audit.append(AuditEntry.of(ids.next(), tenant, leadBooker, actor, AuditAction.ORDER_PLACED,
                    stored.createdAt(),
                    List.of(FieldChange.plain("order", Optional.empty(), Optional.of(stored.id())),
                            FieldChange.plain("lines", Optional.empty(), Optional.of(stored.lines().size())),
                            FieldChange.plain("total", Optional.empty(), Optional.of(stored.total())))));
            grantPackageCredits(actor, stored);
            events.publish(new OrderEvents.OrderPlaced(tenant, stored.id(), leadBooker, stored.packageCredits(),
                    stored.createdAt()));
            LOG.info("order placed: tenant={} order={} client={} lines={} packageCredits={} by={}", tenant,
                    stored.id(), leadBooker, stored.lines().size(), stored.packageCredits(), actor.describe());
            return stored;
        });
    }

    /**
     * Cancels a placed order and revokes its still-redeemable package credits; the others stay as
     * they are (see the class comment). The reason is one line of 1 to {@value
     * Cancellation#MAX_REASON_LENGTH} characters (field {@code reason}). An order already cancelled
     * is a {@link ConflictException} {@code ILLEGAL_STATE}. Requires {@link
     * Permission#CREATE_ORDERS}, staff only.
     */
    public Order cancel(Actor actor, TenantId tenant, OrderId orderId, String reason) {
        Validate.notNull("orderId", orderId);
        Access.requireStaff(actor, Permission.CREATE_ORDERS, tenant, "order", orderId);
        String why = Cancellation.reason(reason);
        return tx.inTransaction(() -> {
            // the lead booker's lock also holds off every change to the order's credits (they are
            // the lead booker's): a booking cancelled meanwhile waits, then sees the order closed
            guard.lock(tenant, load(tenant, orderId).leadBooker());
            Order order = load(tenant, orderId);
            order.requirePlaced();
            List<Credit> kept = order.packageCredits() == 0
                    ? List.of()
                    : grants.revokeFromSource(actor, tenant, CreditSource.order(order.id()),
                            "order cancelled: " + why);
            // the order's grants are the only credits of its source, so the rest were revoked now
            int revoked = order.packageCredits() - kept.size();
            Instant now = clock.instant();
            Order cancelled = orders.update(order.cancel(actor.describe(), why, revoked, kept.size(), now));
            audit.append(AuditEntry.of(ids.next(), tenant, order.leadBooker(), actor, AuditAction.ORDER_CANCELLED, now,
                    List.of(FieldChange.plain("order[" + order.id() + "].status", Optional.of(OrderStatus.PLACED),
                                    Optional.of(cancelled.status())),
                            FieldChange.plain("creditsRevoked", Optional.empty(), Optional.of(revoked)),
                            FieldChange.plain("creditsKept", Optional.empty(), Optional.of(kept.size())))));
            events.publish(new OrderEvents.OrderCancelled(tenant, order.id(), order.leadBooker(), revoked,
                    kept.size(), now));
            LOG.info("order cancelled: tenant={} order={} creditsRevoked={} creditsKept={} by={}", tenant,
                    order.id(), revoked, kept.size(), actor.describe());
            return cancelled;
        });
    }

    /**
     * What erasure does to the client's orders: they stay (amounts and dates are the studio's
     * records) but the free text staff typed about them goes.
     */
    public ErasureParticipant eraser() {
        return orders::eraseText;
    }

    /**
     * The order, placed or cancelled. Requires {@link Permission#VIEW_CLIENTS}; a client acting for
     * themself may read their own orders, and anyone else's order is not found for them. Read-only.
     */
    public Order get(Actor actor, TenantId tenant, OrderId orderId) {
        Validate.notNull("actor", actor);
        if (actor instanceof Actor.ClientSelf self) {
            Validate.notNull("tenantId", tenant);
            Validate.notNull("orderId", orderId);
            Order order = tx.inReadOnlyTransaction(() -> load(tenant, orderId));
            if (!order.leadBooker().equals(self.clientId())) {
                throw new NotFoundException("order", orderId);
            }
            return order;
        }
        Validate.notNull("orderId", orderId);
        Access.require(actor, Permission.VIEW_CLIENTS, tenant, "order", orderId);
        return tx.inReadOnlyTransaction(() -> load(tenant, orderId));
    }

    /**
     * One keyset page of the orders the client is lead booker of, newest first; also for an erased
     * client. The cursor is sealed and bound to the tenant and the client ({@link CursorSeal}): one
     * made for another client's orders, or not by Clientele, is a {@link ValidationException} on
     * field {@code cursor}. Requires {@link Permission#VIEW_CLIENTS}, or the client themself.
     * Read-only.
     */
    public Page<Order> listForClient(Actor actor, TenantId tenant, ClientId client, PageRequest page) {
        Validate.notNull("page", page);
        return tx.inReadOnlyTransaction(() -> {
            guard.read(actor, Permission.VIEW_CLIENTS, tenant, client);
            CursorSeal.Bound list = cursors.bind(tenant, "orders", CursorSeal.fingerprint(client.toString()));
            return list.seal(orders.listForLeadBooker(tenant, client, list.open(page)));
        });
    }

    /**
     * How many orders the client is lead booker of, placed or cancelled (the total next to the
     * first page on a profile); also for an erased client. Requires {@link
     * Permission#VIEW_CLIENTS}, or the client themself. Read-only.
     */
    public long count(Actor actor, TenantId tenant, ClientId client) {
        return tx.inReadOnlyTransaction(() -> {
            guard.read(actor, Permission.VIEW_CLIENTS, tenant, client);
            return orders.countForLeadBooker(tenant, client);
        });
    }

    /** Checks every line before anything is written; field names carry the line's position. */
    private static List<OrderLine> validate(List<OrderLineInput> lines) {
        Validate.notNull("lines", lines);
        if (lines.isEmpty()) {
            throw new ValidationException("lines", "required", "at least one line");
        }
        Validate.maxSize("lines", lines, Order.MAX_LINES);
        List<OrderLine> checked = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String field = "lines[" + i + "]";
            OrderLineInput input = Validate.notNull(field, lines.get(i));
            try {
                checked.add(input.toLine());
            } catch (ValidationException e) {
                throw e.withFieldPrefix(field);
            }
        }
        return checked;
    }

    private void grantPackageCredits(Actor actor, Order order) {
        CreditSource source = CreditSource.order(order.id());
        ZoneId studio = settings.settings(order.tenantId()).timeZone();
        for (OrderLine.PackagePurchase line : order.packagePurchases()) {
            String reason = "order " + order.id() + ": " + line.name();
            Optional<Instant> expiry = line.creditsExpireAt(order.createdAt(), studio);
            if (expiry.isPresent()) {
                grants.grant(actor, order.tenantId(), order.leadBooker(), source, line.credits(), expiry.get(), reason);
            } else {
                grants.grant(actor, order.tenantId(), order.leadBooker(), source, line.credits(), reason);
            }
        }
    }

    private Order load(TenantId tenant, OrderId id) {
        return orders.find(tenant, id).orElseThrow(() -> new NotFoundException("order", id));
    }
}
