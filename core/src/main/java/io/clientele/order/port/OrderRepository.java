package io.clientele.order.port;

import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.OrderId;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.Slice;
import io.clientele.common.TenantId;
import io.clientele.order.model.Order;
import java.util.Optional;

/**
 * Stores orders. SPI; implementations must be thread-safe, scope every call by tenant, and check
 * versions atomically with the write ({@link ConflictException} {@code STALE_VERSION}), so two
 * concurrent cancellations of one order cannot both commit. A relational adapter keys orders by
 * {@code (tenant_id, id)} and indexes {@code (tenant_id, lead_booker, created_at, id)} for {@link
 * #listForLeadBooker}.
 */
public interface OrderRepository {

    /** The order, if it exists in this tenant. */
    Optional<Order> find(TenantId tenant, OrderId id);

    /** Stores a new order (version 0) and returns it as stored; an existing id is a {@code DUPLICATE} conflict. */
    Order insert(Order order);

    /** Stores a changed order if its version is current; returns it with the version incremented. */
    Order update(Order order);

    /**
     * One keyset page of the orders whose lead booker is {@code client}, newest first (created
     * time, then id, both descending). The page's cursor encodes the last order's created time and
     * id; a cursor that is not one is a {@code ValidationException} on field {@code cursor}.
     */
    Page<Order> listForLeadBooker(TenantId tenant, ClientId client, PageRequest page);

    /**
     * The first page of {@link #listForLeadBooker}, at most {@code limit} orders (1 to 200), with
     * how many orders the client is lead booker of in all: the profile's orders section. SQL: one
     * statement, the page with the count as a scalar subquery on the same {@code (tenant_id,
     * lead_booker, created_at, id)} index.
     */
    Slice<Order> newestForLeadBooker(TenantId tenant, ClientId client, int limit);

    /**
     * How many orders the client is lead booker of, placed or cancelled. In SQL one statement:
     * {@code SELECT count(*) ... WHERE tenant_id = ? AND lead_booker = ?}, on the index of {@link
     * #listForLeadBooker}.
     */
    long countForLeadBooker(TenantId tenant, ClientId client);

    /** Erasure: replaces the free text of the client's orders ({@code Order#withTextErased}). */
    void eraseText(TenantId tenant, ClientId leadBooker);
}
