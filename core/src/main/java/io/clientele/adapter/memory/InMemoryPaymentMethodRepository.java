package io.clientele.adapter.memory;

import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.payment.model.PaymentMethod;
import io.clientele.payment.model.PaymentMethodId;
import io.clientele.payment.port.PaymentMethodRepository;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * In-memory {@link PaymentMethodRepository} with version-checked updates; writes are undone when
 * the unit of work rolls back. A client's methods, and the methods of a provider reference, are
 * read through indexes, as SQL reads them. Thread-safe.
 */
public final class InMemoryPaymentMethodRepository implements PaymentMethodRepository, InspectableStore {

    private static final Comparator<PaymentMethod> NEWEST_FIRST = Comparator
            .comparing(PaymentMethod::addedAt).thenComparing(PaymentMethod::id).reversed();

    private record Key(TenantId tenant, PaymentMethodId id) {
    }

    /** The indexed columns of a provider reference look-up. */
    private record ProviderRef(TenantId tenant, String providerRef) {
    }

    private final VersionedMap<Key, PaymentMethod> methods;
    private final RowIndex<RowIndex.OfClient, PaymentMethodId> byClient;
    private final RowIndex<ProviderRef, PaymentMethodId> byProviderRef;

    public InMemoryPaymentMethodRepository(MemoryTransactions tx) {
        this.methods = new VersionedMap<>(tx);
        this.byClient = new RowIndex<>(tx);
        this.byProviderRef = new RowIndex<>(tx);
    }

    @Override
    public Optional<PaymentMethod> find(TenantId tenant, PaymentMethodId id) {
        return methods.get(new Key(tenant, id));
    }

    @Override
    public synchronized PaymentMethod insert(PaymentMethod method) {
        Key key = new Key(method.tenantId(), method.id());
        if (methods.get(key).isPresent()) {
            throw ConflictException.duplicate("id", "payment method " + method.id() + " exists");
        }
        PaymentMethod stored = method.withVersion(0);
        methods.put(key, stored);
        byClient.add(RowIndex.ofClient(stored.tenantId(), stored.clientId()), stored.id());
        byProviderRef.add(new ProviderRef(stored.tenantId(), stored.providerRef()), stored.id());
        return stored;
    }

    @Override
    public synchronized PaymentMethod update(PaymentMethod method) {
        Key key = new Key(method.tenantId(), method.id());
        PaymentMethod current = methods.get(key)
                .orElseThrow(() -> ConflictException.staleVersion("payment method", method.id()));
        if (current.version() != method.version()) {
            throw ConflictException.staleVersion("payment method", method.id());
        }
        PaymentMethod stored = method.withVersion(method.version() + 1);
        methods.put(key, stored);
        return stored;
    }

    @Override
    public Optional<PaymentMethod> findActiveByProviderRef(TenantId tenant, String providerRef) {
        return byProviderRef.keys(new ProviderRef(tenant, providerRef)).stream()
                .flatMap(id -> methods.get(new Key(tenant, id)).stream())
                .filter(PaymentMethod::active)
                .findFirst();
    }

    @Override
    public List<PaymentMethod> listForClient(TenantId tenant, ClientId client) {
        return held(tenant, client).stream().sorted(NEWEST_FIRST).toList();
    }

    @Override
    public Page<PaymentMethod> pageForClient(TenantId tenant, ClientId client, PageRequest page) {
        return NewestFirst.page(held(tenant, client), PaymentMethod::addedAt, m -> m.id().value(), page);
    }

    @Override
    public synchronized int deleteAllForClient(TenantId tenant, ClientId client) {
        List<PaymentMethod> doomed = held(tenant, client);
        for (PaymentMethod m : doomed) {
            methods.remove(new Key(tenant, m.id()));
            byClient.remove(RowIndex.ofClient(tenant, client), m.id());
            byProviderRef.remove(new ProviderRef(tenant, m.providerRef()), m.id());
        }
        return doomed.size();
    }

    /** The client's methods as they are now, through the client index. */
    private List<PaymentMethod> held(TenantId tenant, ClientId client) {
        return byClient.keys(RowIndex.ofClient(tenant, client)).stream()
                .flatMap(id -> methods.get(new Key(tenant, id)).stream())
                .toList();
    }

    @Override
    public String storeName() {
        return "payment-methods";
    }

    @Override
    public List<Object> contents() {
        return methods.contents();
    }
}
