package io.clientele.adapter.memory;

import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import io.clientele.payment.model.PaymentMethod;
import io.clientele.payment.model.PaymentMethodId;
import io.clientele.payment.port.PaymentMethodRepository;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * In-memory {@link PaymentMethodRepository} with version-checked updates; writes are undone when
 * the unit of work rolls back. Thread-safe.
 */
public final class InMemoryPaymentMethodRepository implements PaymentMethodRepository, InspectableStore {

    private static final Comparator<PaymentMethod> NEWEST_FIRST = Comparator
            .comparing(PaymentMethod::addedAt).thenComparing(PaymentMethod::id).reversed();

    private record Key(TenantId tenant, PaymentMethodId id) {
    }

    private final VersionedMap<Key, PaymentMethod> methods;

    public InMemoryPaymentMethodRepository(MemoryTransactions tx) {
        this.methods = new VersionedMap<>(tx);
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
        return methods.values(m -> m.tenantId().equals(tenant) && m.active() && m.providerRef().equals(providerRef))
                .stream().findFirst();
    }

    @Override
    public List<PaymentMethod> listForClient(TenantId tenant, ClientId client) {
        return methods.values(m -> m.tenantId().equals(tenant) && m.clientId().equals(client)).stream()
                .sorted(NEWEST_FIRST).toList();
    }

    @Override
    public synchronized int deleteAllForClient(TenantId tenant, ClientId client) {
        List<PaymentMethod> doomed = listForClient(tenant, client);
        doomed.forEach(m -> methods.remove(new Key(tenant, m.id())));
        return doomed.size();
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
