package io.clientele.adapter.memory;

import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.OrderId;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.Slice;
import io.clientele.common.TenantId;
import io.clientele.order.model.Order;
import io.clientele.order.port.OrderRepository;
import java.util.List;
import java.util.Optional;

/**
 * In-memory {@link OrderRepository} with version-checked updates; writes are undone when the unit
 * of work rolls back. A client's orders are read through an index on tenant and lead booker.
 * Thread-safe.
 */
public final class InMemoryOrderRepository implements OrderRepository, InspectableStore {

    private record Key(TenantId tenant, OrderId id) {
    }

    private final VersionedMap<Key, Order> orders;
    private final RowIndex<RowIndex.OfClient, OrderId> byLeadBooker;

    public InMemoryOrderRepository(MemoryTransactions tx) {
        this.orders = new VersionedMap<>(tx);
        this.byLeadBooker = new RowIndex<>(tx);
    }

    @Override
    public Optional<Order> find(TenantId tenant, OrderId id) {
        return orders.get(new Key(tenant, id));
    }

    @Override
    public synchronized Order insert(Order order) {
        Key key = new Key(order.tenantId(), order.id());
        if (orders.get(key).isPresent()) {
            throw ConflictException.duplicate("id", "order " + order.id() + " exists");
        }
        Order stored = order.withVersion(0);
        orders.put(key, stored);
        byLeadBooker.add(RowIndex.ofClient(stored.tenantId(), stored.leadBooker()), stored.id());
        return stored;
    }

    @Override
    public synchronized Order update(Order order) {
        Key key = new Key(order.tenantId(), order.id());
        Order current = orders.get(key).orElseThrow(() -> ConflictException.staleVersion("order", order.id()));
        if (current.version() != order.version()) {
            throw ConflictException.staleVersion("order", order.id());
        }
        Order stored = order.withVersion(order.version() + 1);
        orders.put(key, stored);
        return stored;
    }

    @Override
    public synchronized void eraseText(TenantId tenant, ClientId leadBooker) {
        for (Order order : held(tenant, leadBooker)) {
            orders.put(new Key(tenant, order.id()), order.withTextErased());
        }
    }

    @Override
    public Page<Order> listForLeadBooker(TenantId tenant, ClientId client, PageRequest page) {
        return NewestFirst.page(held(tenant, client), Order::createdAt, o -> o.id().value(), page);
    }

    @Override
    public long countForLeadBooker(TenantId tenant, ClientId client) {
        return byLeadBooker.keys(RowIndex.ofClient(tenant, client)).size();
    }

    /** The orders the client is lead booker of, as they are now, through the lead booker index. */
    private List<Order> held(TenantId tenant, ClientId leadBooker) {
        return byLeadBooker.keys(RowIndex.ofClient(tenant, leadBooker)).stream()
                .flatMap(id -> orders.get(new Key(tenant, id)).stream())
                .toList();
    }

    /** The first page of {@link #listForLeadBooker}, with {@link #countForLeadBooker}, both through the index. */
    @Override
    public Slice<Order> newestForLeadBooker(TenantId tenant, ClientId client, int limit) {
        return new Slice<>(listForLeadBooker(tenant, client, PageRequest.first(limit)),
                countForLeadBooker(tenant, client));
    }

    @Override
    public String storeName() {
        return "orders";
    }

    @Override
    public List<Object> contents() {
        return orders.contents();
    }
}
