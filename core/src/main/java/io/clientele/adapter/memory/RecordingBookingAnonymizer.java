package io.clientele.adapter.memory;

import io.clientele.client.port.BookingAnonymizer;
import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link BookingAnonymizer} for hosts without a booking system yet and for tests: it records
 * which clients were anonymized (and forgets them if the erasure rolls back). Thread-safe.
 */
public final class RecordingBookingAnonymizer implements BookingAnonymizer {

    /** One anonymization request. */
    public record Anonymized(TenantId tenant, ClientId client) {
    }

    private final CopyOnWriteArrayList<Anonymized> calls = new CopyOnWriteArrayList<>();
    private final MemoryTransactions tx;

    public RecordingBookingAnonymizer(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void anonymize(TenantId tenant, ClientId client) {
        Anonymized call = new Anonymized(tenant, client);
        calls.add(call);
        tx.onRollback(() -> calls.remove(call));
    }

    /** Every anonymization so far, in order. */
    public List<Anonymized> calls() {
        return List.copyOf(calls);
    }
}
