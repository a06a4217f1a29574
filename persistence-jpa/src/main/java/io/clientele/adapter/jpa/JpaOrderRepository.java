package io.clientele.adapter.jpa;

import static io.clientele.adapter.jpa.LedgerRows.detached;
import static io.clientele.adapter.jpa.LedgerRows.nativeRows;
import static io.clientele.adapter.jpa.LedgerRows.nativeTuples;

import io.clientele.adapter.jpa.LedgerRows.TimeAndId;
import io.clientele.adapter.jpa.OrderTables.LineRow;
import io.clientele.adapter.jpa.OrderTables.OrderRow;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.Cursor;
import io.clientele.common.OrderId;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.Slice;
import io.clientele.common.TenantId;
import io.clientele.order.model.Cancellation;
import io.clientele.order.model.Money;
import io.clientele.order.model.Order;
import io.clientele.order.model.OrderLine;
import io.clientele.order.model.OrderStatus;
import io.clientele.order.port.OrderRepository;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link OrderRepository} on tables {@code client_order} and {@code client_order_line}. An insert
 * is one batch (the order, then its lines) flushed at the call (a taken id is {@code DUPLICATE}
 * there); an update is one conditional {@code UPDATE ... WHERE version = ?} of the order's row (an
 * order's lines are written once: they never change but by {@link #eraseText}); a page is two
 * statements, the orders by a row comparison on the index {@code (tenant_id, lead_booker,
 * created_at, id)}, then their lines by {@code IN}; the profile's section is one statement, that
 * page with the count as a scalar subquery, joined with its lines. Thread-safe (state lives in the
 * caller's unit of work).
 */
final class JpaOrderRepository implements OrderRepository {

    private static final Map<String, String> KEYS = Map.of("client_order_pk", "id");
    private static final String PACKAGE = "PACKAGE";
    private static final String BOOKING = "BOOKING";
    private static final String NEWEST_FIRST = " ORDER BY o.created_at DESC, o.id DESC";

    private final EntityManagerAccess access;

    JpaOrderRepository(EntityManagerAccess access) {
        this.access = access;
    }

    @Override
    public Optional<Order> find(TenantId tenant, OrderId id) {
        EntityManager em = access.current();
        List<OrderRow> rows = detached(em, em.createQuery("select o from OrderRow o"
                        + " where o.tenantId = :tenant and o.id = :id", OrderRow.class)
                .setParameter("tenant", tenant.value())
                .setParameter("id", id.value())
                .getResultList());
        return orders(tenant, rows).stream().findFirst();
    }

    @Override
    public Order insert(Order order) {
        EntityManager em = access.current();
        List<Object> rows = new ArrayList<>();
        rows.add(row(order));
        List<OrderLine> lines = order.lines();
        for (int i = 0; i < lines.size(); i++) {
            rows.add(row(order, i, lines.get(i)));
        }
        try {
            rows.forEach(em::persist);
        } catch (PersistenceException e) {
            throw SqlErrors.translate(e, KEYS);
        }
        SqlErrors.flush(em, KEYS);
        rows.forEach(em::detach);
        return order.withVersion(0);
    }

    @Override
    public Order update(Order order) {
        Optional<Cancellation> c = order.cancellation();
        int updated = access.current().createQuery("update OrderRow o set o.leadBooker = :leadBooker,"
                        + " o.totalCurrency = :currency, o.totalAmount = :amount, o.status = :status,"
                        + " o.createdBy = :createdBy, o.createdAt = :createdAt, o.cancelledAt = :cancelledAt,"
                        + " o.cancelledBy = :cancelledBy, o.cancelReason = :reason, o.creditsRevoked = :revoked,"
                        + " o.creditsKept = :kept, o.version = o.version + 1"
                        + " where o.tenantId = :tenant and o.id = :id and o.version = :version")
                .setParameter("leadBooker", order.leadBooker().value())
                .setParameter("currency", order.total().currency().getCurrencyCode())
                .setParameter("amount", order.total().amount())
                .setParameter("status", order.status().name())
                .setParameter("createdBy", order.createdBy())
                .setParameter("createdAt", order.createdAt())
                .setParameter("cancelledAt", c.map(Cancellation::at).orElse(null))
                .setParameter("cancelledBy", c.map(Cancellation::by).orElse(null))
                .setParameter("reason", c.map(Cancellation::reason).orElse(null))
                .setParameter("revoked", c.map(Cancellation::creditsRevoked).orElse(null))
                .setParameter("kept", c.map(Cancellation::creditsKept).orElse(null))
                .setParameter("tenant", order.tenantId().value())
                .setParameter("id", order.id().value())
                .setParameter("version", order.version())
                .executeUpdate();
        if (updated == 0) {
            throw ConflictException.staleVersion("order", order.id());
        }
        return order.withVersion(order.version() + 1);
    }

    @Override
    public Page<Order> listForLeadBooker(TenantId tenant, ClientId client, PageRequest page) {
        Optional<TimeAndId> after = page.after().map(TimeAndId::decode);
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("tenant", tenant.value());
        parameters.put("client", client.value());
        parameters.put("limit", page.size() + 1);
        after.ifPresent(a -> {
            parameters.put("afterAt", a.at());
            parameters.put("afterId", a.id());
        });
        List<OrderRow> rows = nativeRows(access.current(), "SELECT o.* FROM client_order o"
                + " WHERE o.tenant_id = :tenant AND o.lead_booker = :client"
                + (after.isPresent() ? " AND (o.created_at, o.id) < (:afterAt, :afterId)" : "")
                + NEWEST_FIRST + " LIMIT :limit", OrderRow.class, parameters);
        return Page.fromLookahead(orders(tenant, rows), page.size(), JpaOrderRepository::position);
    }

    /**
     * One statement: the page of {@link #listForLeadBooker} with the count as a scalar subquery, as
     * a derived table left-joined with the orders' lines on the key of {@code client_order_line}.
     */
    @Override
    public Slice<Order> newestForLeadBooker(TenantId tenant, ClientId client, int limit) {
        EntityManager em = access.current();
        List<Object[]> rows = nativeTuples(em.createNativeQuery("SELECT o.*, l.position AS line_position,"
                        + " l.kind AS line_kind, l.name AS line_name, l.credits AS line_credits,"
                        + " l.credit_validity AS line_credit_validity, l.booking_ref AS line_booking_ref,"
                        + " l.description AS line_description, l.price_currency AS line_price_currency,"
                        + " l.price_amount AS line_price_amount"
                        + " FROM (SELECT o.*, (SELECT count(*) FROM client_order n"
                        + " WHERE n.tenant_id = :tenant AND n.lead_booker = :client) AS order_count"
                        + " FROM client_order o WHERE o.tenant_id = :tenant AND o.lead_booker = :client"
                        + NEWEST_FIRST + " LIMIT :limit) o"
                        + " LEFT JOIN client_order_line l ON l.tenant_id = o.tenant_id AND l.order_id = o.id"
                        + NEWEST_FIRST + ", l.position", OrderTables.WITH_COUNT_AND_LINE_MAPPING)
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .setParameter("limit", limit + 1));
        Map<UUID, OrderRow> orders = new LinkedHashMap<>();
        Map<UUID, List<OrderLine>> lines = new HashMap<>();
        long total = 0;
        for (Object[] row : rows) {
            OrderRow order = (OrderRow) row[0];
            orders.putIfAbsent(order.id, order);
            total = ((Number) row[1]).longValue();
            List<OrderLine> ofOrder = lines.computeIfAbsent(order.id, id -> new ArrayList<>());
            if (row[2] != null) {
                ofOrder.add(line((String) row[3], (String) row[4], (Integer) row[5], (String) row[6],
                        (String) row[7], (String) row[8], Money.of((String) row[9], (BigDecimal) row[10])));
            }
        }
        orders.values().forEach(em::detach);
        List<Order> page = orders.values().stream().map(r -> order(r, lines.get(r.id))).toList();
        return new Slice<>(Page.fromLookahead(page, limit, JpaOrderRepository::position), total);
    }

    @Override
    public long countForLeadBooker(TenantId tenant, ClientId client) {
        return access.current().createQuery("select count(o) from OrderRow o"
                        + " where o.tenantId = :tenant and o.leadBooker = :client", Long.class)
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .getSingleResult();
    }

    @Override
    public void eraseText(TenantId tenant, ClientId leadBooker) {
        EntityManager em = access.current();
        em.createQuery("update OrderLineRow l set l.description = :erased"
                        + " where l.tenantId = :tenant and l.kind = :booking and l.orderId in"
                        + " (select o.id from OrderRow o where o.tenantId = :tenant and o.leadBooker = :client)")
                .setParameter("erased", Order.ERASED_TEXT)
                .setParameter("tenant", tenant.value())
                .setParameter("booking", BOOKING)
                .setParameter("client", leadBooker.value())
                .executeUpdate();
        em.createQuery("update OrderRow o set o.cancelReason = :erased"
                        + " where o.tenantId = :tenant and o.leadBooker = :client and o.cancelReason is not null")
                .setParameter("erased", Order.ERASED_TEXT)
                .setParameter("tenant", tenant.value())
                .setParameter("client", leadBooker.value())
                .executeUpdate();
    }

    /** The orders of {@code rows}, in their order, with their lines read in one statement. */
    private List<Order> orders(TenantId tenant, List<OrderRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        EntityManager em = access.current();
        Map<UUID, List<OrderLine>> lines = new LinkedHashMap<>();
        rows.forEach(r -> lines.put(r.id, new ArrayList<>()));
        detached(em, em.createQuery("select l from OrderLineRow l where l.tenantId = :tenant and l.orderId in :ids"
                        + " order by l.orderId, l.position", LineRow.class)
                .setParameter("tenant", tenant.value())
                .setParameter("ids", lines.keySet())
                .getResultList())
                .forEach(l -> lines.get(l.orderId).add(line(l)));
        return rows.stream().map(r -> order(r, lines.get(r.id))).toList();
    }

    private static OrderRow row(Order o) {
        OrderRow row = new OrderRow();
        row.tenantId = o.tenantId().value();
        row.id = o.id().value();
        row.leadBooker = o.leadBooker().value();
        row.totalCurrency = o.total().currency().getCurrencyCode();
        row.totalAmount = o.total().amount();
        row.status = o.status().name();
        row.createdBy = o.createdBy();
        row.createdAt = o.createdAt();
        o.cancellation().ifPresent(c -> {
            row.cancelledAt = c.at();
            row.cancelledBy = c.by();
            row.cancelReason = c.reason();
            row.creditsRevoked = c.creditsRevoked();
            row.creditsKept = c.creditsKept();
        });
        row.version = 0;
        return row;
    }

    private static LineRow row(Order o, int position, OrderLine line) {
        LineRow row = new LineRow();
        row.tenantId = o.tenantId().value();
        row.orderId = o.id().value();
        row.position = position;
        row.priceCurrency = line.price().currency().getCurrencyCode();
        row.priceAmount = line.price().amount();
        if (line instanceof OrderLine.PackagePurchase p) {
            row.kind = PACKAGE;
            row.name = p.name();
            row.credits = p.credits();
            row.creditValidity = LedgerRows.period(p.creditValidity());
        } else if (line instanceof OrderLine.BookingReference b) {
            row.kind = BOOKING;
            row.bookingRef = b.bookingRef();
            row.description = b.description();
        }
        return row;
    }

    private static Order order(OrderRow r, List<OrderLine> lines) {
        Optional<Cancellation> cancellation = r.cancelledAt == null ? Optional.empty()
                : Optional.of(new Cancellation(r.cancelledAt, r.cancelledBy, r.cancelReason, r.creditsRevoked,
                        r.creditsKept));
        return new Order(new OrderId(r.id), TenantId.of(r.tenantId), new ClientId(r.leadBooker), lines,
                Money.of(r.totalCurrency, r.totalAmount), OrderStatus.valueOf(r.status), r.createdBy, r.createdAt,
                cancellation, r.version);
    }

    private static OrderLine line(LineRow r) {
        return line(r.kind, r.name, r.credits, r.creditValidity, r.bookingRef, r.description,
                Money.of(r.priceCurrency, r.priceAmount));
    }

    private static OrderLine line(String kind, String name, Integer credits, String creditValidity, String bookingRef,
            String description, Money price) {
        return PACKAGE.equals(kind)
                ? new OrderLine.PackagePurchase(name, credits, LedgerRows.period(creditValidity), price)
                : new OrderLine.BookingReference(bookingRef, description, price);
    }

    /** The keyset position of an order in its lead booker's list. */
    private static Cursor position(Order order) {
        return new TimeAndId(order.createdAt(), order.id().value()).encode();
    }
}
