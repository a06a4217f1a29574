package io.clientele.adapter.memory;

import io.clientele.common.TenantId;
import io.clientele.payment.port.PaymentGateway;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link PaymentGateway} for tests and demos: it records every detach request and can be told
 * to fail, for every reference ({@link #failAll()}) or for chosen ones ({@link #failFor}), until
 * {@link #recover()}. Like a real provider, and unlike the in-memory stores, it does not forget a
 * detach when the caller's unit of work rolls back. Detaching is idempotent. Thread-safe.
 */
public final class RecordingPaymentGateway implements PaymentGateway {

    /** One detach request and whether it succeeded. */
    public record Detach(TenantId tenant, String providerRef, boolean succeeded) {
    }

    /** What a failing detach throws: the provider did not answer or refused. */
    public static final class ProviderUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ProviderUnavailableException() {
            super("payment provider unavailable (simulated)");
        }
    }

    private final CopyOnWriteArrayList<Detach> calls = new CopyOnWriteArrayList<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private volatile boolean failAll;

    @Override
    public void detach(TenantId tenant, String providerRef) {
        boolean fails = failAll || failing.contains(providerRef);
        calls.add(new Detach(tenant, providerRef, !fails));
        if (fails) {
            throw new ProviderUnavailableException();
        }
    }

    /** Every later detach fails until {@link #recover()}. */
    public void failAll() {
        failAll = true;
    }

    /** Later detaches of these references fail until {@link #recover()}. */
    public void failFor(String... providerRefs) {
        failing.addAll(List.of(providerRefs));
    }

    /** Detaches succeed again. */
    public void recover() {
        failAll = false;
        failing.clear();
    }

    /** Every detach request so far, failed ones included, in order. */
    public List<Detach> calls() {
        return List.copyOf(calls);
    }

    /** The references detached successfully so far, in order (repeats included). */
    public List<String> detached() {
        return calls.stream().filter(Detach::succeeded).map(Detach::providerRef).toList();
    }
}
