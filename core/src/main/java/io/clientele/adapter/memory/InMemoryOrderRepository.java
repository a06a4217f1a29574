package io.clientele.adapter.memory;

import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.Cursor;
import io.clientele.common.OrderId;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.Slice;
import io.clientele.common.TenantId;
import io.clientele.common.ValidationException;
import io.clientele.order.model.Order;
import io.clientele.order.port.OrderRepository;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * In-memory {@link OrderRepository} with version-checked updates; writes are undone when the unit
 * of work rolls back. Thread-safe.
 */
public final class InMemoryOrderRepository implements OrderRepository, InspectableStore {

    /** Newest first: created time, then id, both descending. */
    private static final Comparator<Order> NEWEST_FIRST = Comparator.comparing(Order::createdAt)
            .thenComparing(Order::id).reversed();

    private record Key(TenantId tenant, OrderId id) {
    }

    /** A keyset position: the created time and id of the last order of a page. */
    private record Position(Instant createdAt, OrderId id) {

        static Position of(Order order) {
            return new Position(order.createdAt(), order.id());
        }

        static Position decode(Cursor cursor) {
            List<String> parts = cursor.parts(2);
            try {
                return new Position(Instant.parse(parts.get(0)), new OrderId(UUID.fromString(parts.get(1))));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new ValidationException("cursor", "format", "not a cursor returned by Clientele");
            }
        }

        Cursor encode() {
            return Cursor.of(createdAt.toString(), id.toString());
        }

        /** True when {@code order} sorts after this position, newest first. */
        boolean isFollowedBy(Order order) {
            int byTime = order.createdAt().compareTo(createdAt);
            return byTime < 0 || (byTime == 0 && order.id().compareTo(id) < 0);
        }
    }

    private final VersionedMap<Key, Order> orders;

    public InMemoryOrderRepository(MemoryTransactions tx) {
        this.orders = new VersionedMap<>(tx);
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
        for (Order order : orders.values(o -> o.tenantId().equals(tenant) && o.leadBooker().equals(leadBooker))) {
            orders.put(new Key(tenant, order.id()), order.withTextErased());
        }
    }

    @Override
    public Page<Order> listForLeadBooker(TenantId tenant, ClientId client, PageRequest page) {
        Optional<Position> after = page.after().map(Position::decode);
        List<Order> sorted = orders.values(o -> o.tenantId().equals(tenant) && o.leadBooker().equals(client)
                        && after.map(a -> a.isFollowedBy(o)).orElse(true)).stream()
                .sorted(NEWEST_FIRST)
                .limit(page.size() + 1L)
                .toList();
        return Page.fromLookahead(sorted, page.size(), o -> Position.of(o).encode());
    }

    /** One pass over the client's orders, as {@link #listForLeadBooker} reads them. */
    @Override
    public Slice<Order> newestForLeadBooker(TenantId tenant, ClientId client, int limit) {
        List<Order> all = orders.values(o -> o.tenantId().equals(tenant) && o.leadBooker().equals(client)).stream()
                .sorted(NEWEST_FIRST)
                .toList();
        Page<Order> page = Page.fromLookahead(all.subList(0, Math.min(limit + 1, all.size())), limit,
                o -> Position.of(o).encode());
        return new Slice<>(page, all.size());
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
